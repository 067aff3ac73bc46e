"""Seed the legal calendar tables from the bundled chinesecalendar package (years it covers, idempotent)."""

from django.db import migrations

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def seed(apps, schema_editor):
    from chinese_calendar import constants

    CalendarYear = apps.get_model("deadlines", "CalendarYear")
    CalendarDay = apps.get_model("deadlines", "CalendarDay")
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    rows = [(d, "holiday", n) for d, n in constants.holidays.items()]
    rows += [(d, "makeup_workday", n) for d, n in constants.workdays.items()]
    years = {}
    for year in sorted({d.year for d, _, _ in rows} - existing):
        years[year] = CalendarYear.objects.create(year=year, source="chinesecalendar 1.11.0（初始数据）")
    CalendarDay.objects.bulk_create(
        [CalendarDay(year=years[d.year], date=d, kind=k, name=NAMES.get(str(n), str(n)))
         for d, k, n in sorted(rows) if d.year in years]
    )


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
