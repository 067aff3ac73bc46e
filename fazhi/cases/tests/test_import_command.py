"""`fazhi cases import DOCKET FILE` runs each docket's own import (DocketSpec.importer) in the command's process."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from fazhi.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("docket", ["litigation", "reconsideration"])
def test_the_docket_template_imports_through_the_command(docket, city, tmp_path):
    from django.utils.module_loading import import_string

    path = tmp_path / f"{docket}.xlsx"
    path.write_bytes(import_string(f"fazhi.dockets.{docket}.imports.import_template_bytes")())
    out = io.StringIO()
    call_command("cases", "import", docket, str(path), "--unit", "C001", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"ok": True, "imported": 1}
    case = Case.objects.get(docket=docket)
    assert case.handling_unit == city["justice"]
    out = io.StringIO()
    with pytest.raises(SystemExit) as e:  # the same file again: its case number is taken
        call_command("cases", "import", docket, str(path), "--unit", "C001", "--json", stdout=out)
    assert e.value.code == 2
    assert json.loads(out.getvalue())["errors"][0]["row"] == 2
    assert Case.objects.filter(docket=docket).count() == 1
