"""Excel import of an indicator set: the tree with methods and responsible units, a preview, every bad cell named by
row and column, nothing saved on error."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from fazhi.indicators.excel_sets import read_set_workbook
from fazhi.indicators.models import IndicatorNode, IndicatorSet, NodeUnit

pytestmark = pytest.mark.django_db

HEADER = ("一级指标", "二级指标", "三级指标", "分值", "评分方法", "牵头单位", "配合单位", "目标值", "佐证材料")
GOOD = [
    HEADER,
    (
        "依法全面履行政府职能（10分）",
        "权责清单",
        "权责清单动态调整",
        4,
        "达标/不达标",
        "C001",
        "市市场监管局",
        None,
        "调整文件",
    ),
    (None, None, "行政复议纠错率", 6, "按比率计分", "示范市司法局", None, 15, None),
    ("依法行政制度体系（5分）", "规范性文件", "备案及时率", 5, "比率", "市司法局", "C002、C003", 100, None),
]


def _xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(list(r))
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("指标体系.xlsx", buf.getvalue())


def _tree(nodes):
    return [
        (n.title, n.points, n.method, [u.code for u in n.lead], [u.code for u in n.co], _tree(n.children))
        for n in nodes
    ]


def test_the_tree_with_points_methods_and_units(city) -> None:
    read = read_set_workbook(_xlsx(GOOD))
    assert read.errors == []
    assert _tree(read.nodes) == [
        (
            "依法全面履行政府职能",
            10.0,
            "",
            [],
            [],
            [
                (
                    "权责清单",
                    None,
                    "",
                    [],
                    [],
                    [
                        ("权责清单动态调整", 4.0, "pass_fail", ["C001"], ["C002"], []),
                        ("行政复议纠错率", 6.0, "rate", ["C001"], [], []),
                    ],
                )
            ],
        ),
        (
            "依法行政制度体系",
            5.0,
            "",
            [],
            [],
            [("规范性文件", None, "", [], [], [("备案及时率", 5.0, "rate", ["C001"], ["C002", "C003"], [])])],
        ),
    ]
    assert read.nodes[0].children[0].children[1].target == Decimal(15)
    assert read.nodes[0].children[0].children[0].evidence == "调整文件"


def test_every_bad_cell_is_named_by_row_and_column(city) -> None:
    rows = [
        HEADER,
        ("依法决策（5分）", "目录", "目录公布", "三分", "达标", "C001", None, None, None),
        (None, None, "听证", 2, "随便打分", "不存在的局", None, None, None),
        (None, None, None, None, None, None, None, None, None),
        ("执法", None, "法制审核", 2, None, "C001", "C001", None, None),
    ]
    assert read_set_workbook(_xlsx(rows)).errors == [
        (2, "分值", "应为数字"),
        (3, "评分方法", "无法识别“随便打分”（填 达标/不达标、分档计分、按比率计分 或 按问题扣分）"),
        (3, "牵头单位", "未找到单位“不存在的局”（填单位编码、全称或简称）"),
        (5, "三级", "缺少上级指标（二级为空）"),
    ]
    both = [HEADER, ("执法", "审核", "法制审核", 2, None, "C001", "C001", None, None)]
    assert read_set_workbook(_xlsx(both)).errors == [(2, "配合单位", "同一单位不能既是牵头单位又是配合单位")]
    over = [
        HEADER,
        ("决策（5分）", "甲（5分）", "子甲", 3, None, None, None, None, None),
        (None, None, "子乙", 3, None, None, None, None, None),
    ]
    assert read_set_workbook(_xlsx(over)).errors == [(2, "分值", "“甲”的下级指标分值合计6分，超过其分值5分")]
    leafy = [
        HEADER,
        ("决策", "甲", None, 3, "达标", None, None, None, None),
        (None, "甲", "子甲", 3, None, None, None, None, None),
    ]
    assert read_set_workbook(_xlsx(leafy)).errors == [(2, "评分方法", "“甲”下还有下级指标，此项只能填在末级指标所在行")]
    assert read_set_workbook(_xlsx([("名称", "分值"), ("甲", 3)])).errors == [
        (1, "表头", "缺少列：一级、二级（至少两级指标列，如 一级 / 二级 / 三级）")
    ]
    fake = SimpleUploadedFile("指标体系.xlsx", b"not a workbook at all")
    assert read_set_workbook(fake).errors[0][:2] == (0, "文件")


def _hidden(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html))


def _post(client, rows, **extra):
    data = {"code": "XLS", "name": "示范市考核", "year": 2026, "edition": "", "file": _xlsx(rows)}
    data.update(extra)
    return client.post(reverse("indicators:import"), data)


def test_page_preview_then_confirm_saves_methods_and_units(persona, login_client) -> None:
    client = login_client(persona("office_staff", "justice"))
    page = _post(client, GOOD)
    html = page.content.decode()
    assert page.status_code == 200 and "导入预览" in html and IndicatorSet.objects.count() == 0
    assert '<strong id="node-count">7</strong>' in html and "按比率计分 · 目标值 15 · 牵头：示范市司法局" in html
    assert "牵头：示范市司法局 · 配合：示范市市场监督管理局、示范市财政局" in html
    done = client.post(reverse("indicators:import"), _hidden(html))
    assert done.status_code == 302
    s = IndicatorSet.objects.get()
    leaf = IndicatorNode.objects.get(indicator_set=s, title="备案及时率")
    assert (leaf.points, leaf.method, leaf.target, leaf.depth) == (Decimal(5), "rate", Decimal(100), 3)
    assert sorted(NodeUnit.objects.filter(node=leaf).values_list("unit__code", "role")) == [
        ("C001", "lead"),
        ("C002", "co"),
        ("C003", "co"),
    ]
    assert IndicatorNode.objects.get(title="权责清单动态调整").evidence == "调整文件"
    assert client.post(reverse("indicators:import"), _hidden(html)).status_code == 302  # a retried confirm
    assert IndicatorSet.objects.count() == 1


def test_page_refuses_bad_rows_keeping_the_input(persona, login_client) -> None:
    client = login_client(persona("office_staff", "justice"))
    rows = [HEADER, ("依法决策", "目录", "目录公布", -2, None, "C001", None, None, None)]
    page = _post(client, rows, name="我的体系名称")
    html = page.content.decode()
    assert page.status_code == 200 and "导入预览" not in html
    assert "第2行“分值”列：应为0至1000之间的数字" in html and "field-error" in html
    assert 'value="我的体系名称"' in html and IndicatorSet.objects.count() == 0


def test_template_download(persona, login_client) -> None:
    client = login_client(persona("office_staff", "justice"))
    resp = client.get(reverse("indicators:import_template"))
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")
    read = read_set_workbook(SimpleUploadedFile("模板.xlsx", resp.content))
    assert read.errors == [] and read.count() == 4
    liaison = login_client(persona("dept_liaison", "market"))
    assert liaison.get(reverse("indicators:import_template")).status_code == 404
