from fazhi.consultations.drafting import DraftItem, draft_split

from .factories import DRAFT


def test_articles_split_at_each_article_with_continuation_lines_joined():
    items = draft_split(DRAFT)
    assert items == [
        DraftItem("", "示范市停车管理办法（征求意见稿）", 0),
        DraftItem("第一条", "为了规范停车管理，制定本办法。", 1),
        DraftItem("第二条", "本办法适用于本市行政区域内的停车场。", 1),
        DraftItem("第三条", "停车收费标准由价格主管部门制定，\n每小时不超过十元。", 1),
    ]


def test_parts_items_and_numbered_paragraphs():
    text = "一、总体要求\n（一）指导思想。坚持依法决策。\n（二）基本原则\n1. 公开透明\n2、科学民主\n二、主要任务\n第十二条　全角空格"
    assert [(i.label, i.text, i.level) for i in draft_split(text)] == [
        ("一、", "总体要求", 0),
        ("（一）", "指导思想。坚持依法决策。", 1),
        ("（二）", "基本原则", 1),
        ("1.", "公开透明", 2),
        ("2、", "科学民主", 2),
        ("二、", "主要任务", 0),
        ("第十二条", "全角空格", 1),
    ]


def test_empty_text_gives_nothing_and_a_decimal_is_not_a_paragraph_number():
    assert draft_split("\n \n") == []
    assert draft_split("3.5元每小时") == [DraftItem("", "3.5元每小时", 0)]
