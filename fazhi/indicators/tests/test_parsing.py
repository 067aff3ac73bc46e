"""Reading an indicator set from text (issue 23 §1): the exact tree for each shape real sets come in."""

from __future__ import annotations

from typing import Any

import pytest

from fazhi.indicators.parsing import IndicatorParseError, nodes_as_json, parse_indicator_text, parse_indicators


def N(title: str, points: float | None = None, description: str = "", *children: dict[str, Any]) -> dict[str, Any]:
    return {"title": title, "points": points, "description": description, "children": list(children)}


def tree(text: str) -> list[dict[str, Any]]:
    return nodes_as_json(parse_indicator_text(text))["nodes"]


HEADED = """XX市法治政府建设示范指标体系（2026年版）
本指标体系总分100分，由一级指标、二级指标和三级指标组成。

一、党政主要负责人履行推进法治建设第一责任人职责（占总分值的15%）
基本要求：党政主要负责人切实履行推进法治建设第一责任人职责，将建设法治政府摆在工作全局的重要位置。
（一）加强组织领导（5分）
1.党委常委会每年至少听取2次法治政府建设工作汇报。（2分）
2、政府常务会议每年专题研究法治政府建设工作 3分
以上各项，未达到要求的不得分。
（二）
述职述法（10分）
1 年度述职报告中有述法内容，5分
2.开展述法评议，扣分标准另定。（5分）
二、依法全面履行政府职能（占總分值的20%）
(一)深化行政审批制度改革
1.推行政务服务“一网通办”（分值：4分）
"""


def test_a_three_level_headed_text_set() -> None:
    assert tree(HEADED) == [
        N(
            "党政主要负责人履行推进法治建设第一责任人职责",
            15,
            "党政主要负责人切实履行推进法治建设第一责任人职责，将建设法治政府摆在工作全局的重要位置。",
            N(
                "加强组织领导",
                5,
                "",
                N("党委常委会每年至少听取2次法治政府建设工作汇报。", 2),
                N("政府常务会议每年专题研究法治政府建设工作", 3),
            ),
            N(
                "述职述法",
                10,
                "",
                N("年度述职报告中有述法内容", 5),
                N("开展述法评议，扣分标准另定。", 5),
            ),
        ),
        N("依法全面履行政府职能", 20, "", N("深化行政审批制度改革", None, "", N("推行政务服务“一网通办”", 4))),
    ]


def test_the_top_level_may_be_labelled_with_bracketed_numerals() -> None:
    text = "（一）依法决策（10分）\n1.重大行政决策合法性审查率100%（4分）\n2.公布决策事项目录（6分）\n（二）依法监督\n1.行政复议纠错\n"
    assert tree(text) == [
        N("依法决策", 10, "", N("重大行政决策合法性审查率100%", 4), N("公布决策事项目录", 6)),
        N("依法监督", None, "", N("行政复议纠错")),
    ]


def test_a_label_alone_takes_the_next_line_and_a_points_line_below_an_indicator() -> None:
    text = "一、\n依法行政制度体系（占总分值的12.5%）\n1\n规范性文件备案\n（3分）\n2.\n规范性文件清理\n"
    assert tree(text) == [
        N("依法行政制度体系", 12.5, "", N("规范性文件备案", 3), N("规范性文件清理")),
    ]


def test_points_notes_are_not_titles_and_deductions_are_not_points() -> None:
    text = (
        "一、依法履职\n"
        "1.按时报送年度报告，未报送的扣2分\n"
        "2.建立法律顾问制度（满分5分）\n"
        "3.开展普法，3分。\n"
        "4.权责清单公布（权重15%）\n"
        "5.每季度至少召开1次会议（每项1分）\n"
    )
    assert tree(text) == [
        N(
            "依法履职",
            None,
            "",
            N("按时报送年度报告，未报送的扣2分"),
            N("建立法律顾问制度", 5),
            N("开展普法", 3),
            N("权责清单公布", 15),
            N("每季度至少召开1次会议（每项1分）"),
        )
    ]


def test_traditional_characters_read_like_simplified_and_titles_keep_them() -> None:
    text = "一、依法全面履行政府職能（佔總分值的20%）\n（一）深化行政審批制度改革（8分）\n1.推行權責清單制度（3分）\n"
    assert tree(text) == [
        N("依法全面履行政府職能", 20, "", N("深化行政審批制度改革", 8, "", N("推行權責清單制度", 3))),
    ]


def test_a_closing_paragraph_after_children_is_no_node_nor_description() -> None:
    text = (
        "一、依法决策\n（一）决策程序\n1.公众参与\n2.专家论证\n以上各项均须提供佐证材料。\n"
        "（二）决策后评估\n1.开展后评估\n注：本项由司法局牵头。\n二、法治监督\n"
    )
    assert tree(text) == [
        N(
            "依法决策",
            None,
            "",
            N("决策程序", None, "", N("公众参与"), N("专家论证")),
            N("决策后评估", None, "", N("开展后评估")),
        ),
        N("法治监督"),
    ]


def test_four_levels_with_dotted_and_bracketed_numbers() -> None:
    text = "一、法治保障\n（一）组织保障\n1.机构设置\n(1)设立依法治市办（1分）\n(2)配齐工作人员（1分）\n2.经费保障（2分）\n"
    assert tree(text) == [
        N(
            "法治保障",
            None,
            "",
            N(
                "组织保障",
                None,
                "",
                N("机构设置", None, "", N("设立依法治市办", 1), N("配齐工作人员", 1)),
                N("经费保障", 2),
            ),
        )
    ]


def test_dotted_numbering_nests_by_depth() -> None:
    text = "1 依法决策（10分）\n1.1 决策目录（4分）\n1.2 合法性审查（6分）\n1.2.1 审查率（3分）\n2 依法监督\n2.1 复议纠错\n"
    assert tree(text) == [
        N(
            "依法决策",
            10,
            "",
            N("决策目录", 4),
            N("合法性审查", 6, "", N("审查率", 3)),
        ),
        N("依法监督", None, "", N("复议纠错")),
    ]


def test_years_and_decimals_at_a_line_start_are_not_labels() -> None:
    text = "一、依法行政\n2023年以来，全市完成清理。\n1.5分以上为合格。\n1.开展清理\n"
    assert tree(text) == [
        N("依法行政", None, "2023年以来，全市完成清理。\n1.5分以上为合格。", N("开展清理")),
    ]


def test_the_seed_report_shape_with_pinyin_glosses_and_a_metadata_table() -> None:
    # the shape of ../shared/seeds/002_*.txt: a metadata table, 一、 / 1、 / (1), 3、. and pinyin after characters
    text = (
        "名稱(chēng) | 法制建設(shè)年度報(bào)告 | ||||\n---|---|---|\n"
        "2022年,開發區深入貫徹落實文件精神,現報告如下:\n"
        "一、推進(jìn)法治政府建設的主要舉措\n1、深入推進依法行政。\n(1)建立全過程記錄制度。\n(2)落實法律顧問聘任制。\n"
        "3、.堅持教育宣傳\n二、存在的不足\n開發區雖然取得了一定的成績。\n1、人員保障需加強。\n"
        "陽新縣經濟開發區管委會\n2023年3月2日\n"
    )
    assert tree(text) == [
        N(
            "推進法治政府建設的主要舉措",
            None,
            "",
            N("深入推進依法行政。", None, "", N("建立全過程記錄制度。"), N("落實法律顧問聘任制。")),
            N("堅持教育宣傳"),
        ),
        N("存在的不足", None, "開發區雖然取得了一定的成績。", N("人員保障需加強。", None, "陽新縣經濟開發區管委會")),
    ]


TABLE = """XX市2026年度法治政府建设考核细则
一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准
一、依法全面履行政府职能（20分） | （一）深化“放管服”改革 | 1.全面实行政府权责清单制度 | 3 | 未公布的扣3分
| | 2.推行证明事项告知承诺制 | 2 | 未推行的扣2分
| （二）优化营商环境 | 3.落实公平竞争审查制度 | 5 | 每发现一件扣1分
二、健全依法行政制度体系 | （一）加强规范性文件监督管理 | 1.规范性文件备案及时率100% | 4 | 按比例计分
以上各项合计100分。
"""


def test_a_table_flattened_with_bars() -> None:
    assert tree(TABLE) == [
        N(
            "依法全面履行政府职能",
            20,
            "",
            N("深化“放管服”改革", None, "", N("全面实行政府权责清单制度", 3), N("推行证明事项告知承诺制", 2)),
            N("优化营商环境", None, "", N("落实公平竞争审查制度", 5)),
        ),
        N("健全依法行政制度体系", None, "", N("加强规范性文件监督管理", None, "", N("规范性文件备案及时率100%", 4))),
    ]


def test_a_tab_table_in_traditional_characters_with_empty_cells_and_merged_repeats() -> None:
    text = (
        "一級指標\t二級指標\t分值\t扣分標準\n"
        "依法決策\t重大行政決策合法性審查率\t5\t未審查的每件扣1分\n"
        "\t決策目錄公布\t3\t\n"
        "依法決策\t決策後評估\t2\t\n"  # a merged 一级 cell repeated by the flattener
        "法治宣傳\t落實普法責任制\t4%\t\n"
    )
    assert tree(text) == [
        N("依法決策", None, "", N("重大行政決策合法性審查率", 5), N("決策目錄公布", 3), N("決策後評估", 2)),
        N("法治宣傳", None, "", N("落實普法責任制", 4)),
    ]


def test_a_table_whose_continuation_rows_lost_their_empty_cells() -> None:
    text = (
        "一级指标 | 二级指标 | 分值 | 评分标准\n"
        "一、依法全面履行政府职能 | 1.推行权责清单 | 3 | 未公布的扣3分\n"
        "2.告知承诺制 | 2 | 扣分\n"
        "二、依法决策 | 1.合法性审查 | 5 |\n"
    )
    assert tree(text) == [
        N("依法全面履行政府职能", None, "", N("推行权责清单", 3), N("告知承诺制", 2)),
        N("依法决策", None, "", N("合法性审查", 5)),
    ]


def test_a_markdown_table_with_a_requirement_column_and_a_repeated_header() -> None:
    text = (
        "| 序号 | 考核项目 | 考核内容 | 基本要求 | 分值 | 评分办法 | 责任单位 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 1 | 依法决策 | 目录公布 | 每年3月底前公布 | 2 | 未公布扣2分 | 市司法局 |\n"
        "| 2 | | 合法性审查 | 审查率100% | 3 | 按比例 | 市司法局 |\n"
        "| 序号 | 考核项目 | 考核内容 | 基本要求 | 分值 | 评分办法 | 责任单位 |\n"
        "| 3 | 复议应诉 | 出庭应诉 | 负责人出庭率100% | 5 | | 各县区 |\n"
    )
    assert tree(text) == [
        N("依法决策", None, "", N("目录公布", 2, "每年3月底前公布"), N("合法性审查", 3, "审查率100%")),
        N("复议应诉", None, "", N("出庭应诉", 5, "负责人出庭率100%")),
    ]


def test_a_table_without_a_header_row_reads_its_cells_as_lines() -> None:
    text = "一、依法行政 | 1.清单公布 | 3\n| 2.承诺制 | 2\n二、法治监督 | 1.复议纠错 | 5\n"
    assert tree(text) == [
        N("依法行政", None, "", N("清单公布", 3), N("承诺制", 2)),
        N("法治监督", None, "", N("复议纠错", 5)),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "文件为空"),
        ("\n\n本办法自印发之日起施行。\n", 3, "没有识别到编号的指标"),
        ("标题\n一级指标 | 二级指标 | 分值\n", 2, "表格只有表头"),
        ("一、\n", 1, "编号后缺少指标名称"),
    ],
)
def test_nothing_readable_names_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(IndicatorParseError, match=message) as err:
        parse_indicator_text(text)
    assert err.value.line == line


def test_file_reading_gbk_and_undecodable_bytes() -> None:
    nodes = parse_indicators("一、依法决策（10分）\n1.目录公布\n".encode("gb18030"), "a.txt")
    assert nodes_as_json(nodes) == {"nodes": [N("依法决策", 10, "", N("目录公布"))]}
    with pytest.raises(IndicatorParseError, match="编码") as err:
        parse_indicators(b"\xe4\xb8\x80\n\xff\xfe\xfa\n", "a.txt")
    assert err.value.line in (1, 2)
    with pytest.raises(IndicatorParseError, match=r"\.doc\)"):
        parse_indicators(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old.doc")
    with pytest.raises(IndicatorParseError, match="不是有效的 Word"):
        parse_indicators(b"not a zip", "fake.docx")
