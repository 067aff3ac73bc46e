"""Citation extraction (`citations.citations_extract`): the instruments a document cites, exactly as the contract of
`fazhi documents citations` lists them. Each case is a real-style sentence and the exact expected list."""

from __future__ import annotations

import pytest

from fazhi.normative_documents.citations import citations_as_json, is_instrument


def c(title: str, *articles: str) -> dict[str, object]:
    return {"title": title, "articles": list(articles)}


CASES = [
    pytest.param(
        "依据《中华人民共和国行政处罚法》第三十二条的规定，当事人有下列情形之一的，应当从轻或者减轻行政处罚。",
        [c("《中华人民共和国行政处罚法》", "第三十二条")],
        id="full-law-one-article",
    ),
    pytest.param(
        "根据《中华人民共和国行政许可法》第二十九条第一款、第三十条和第三十二条第一款第（五）项，制定本办法。",
        [c("《中华人民共和国行政许可法》", "第二十九条第一款", "第三十条", "第三十二条第一款第（五）项")],
        id="articles-paragraphs-items",
    ),
    pytest.param(
        "按照《XX省行政规范性文件管理办法》第十二条第二款、第三款规定执行。",
        [c("《XX省行政规范性文件管理办法》", "第十二条第二款", "第十二条第三款")],
        id="bare-paragraph-continues-article",
    ),
    pytest.param(
        "依照《中华人民共和国行政处罚法》（以下简称《处罚法》）第三十二条规定……违反《处罚法》第十条、第三十二条第一款的，"
        "依法处理。",
        [c("《中华人民共和国行政处罚法》", "第三十二条", "第十条", "第三十二条第一款")],
        id="short-name-declared",
    ),
    pytest.param(
        "《中华人民共和国政府信息公开条例》（以下简称“条例”）第二十条规定……条例第三十三条另有规定。",
        [c("《中华人民共和国政府信息公开条例》", "第二十条", "第三十三条")],
        id="short-name-in-quotes-used-bare",
    ),
    pytest.param(
        "为贯彻落实《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）精神，"
        "按照国办发〔2018〕37号的要求，结合本市实际，制定本规定。",
        [c("《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》")],
        id="doc-number-belongs-to-its-title",
    ),
    pytest.param(
        "本办法自2026年1月1日起施行，有效期5年。《达州市人民政府关于印发达州市城市管理办法的通知》"
        "（达市府发〔2000〕65号）同时废止。",
        [c("《达州市人民政府关于印发达州市城市管理办法的通知》")],
        id="repealed-instrument-is-cited",
    ),
    pytest.param(
        "原达市府发〔2000〕65号、达市府办〔2015〕7号文件同时废止。",
        [c("达市府发〔2000〕65号"), c("达市府办〔2015〕7号")],
        id="bare-doc-numbers",
    ),
    pytest.param(
        "根据国办发〔2018〕115号文件精神，依据《中华人民共和国立法法》第九十三条制定。",
        [c("国办发〔2018〕115号"), c("《中华人民共和国立法法》", "第九十三条")],
        id="bare-number-before-a-title-keeps-the-order",
    ),
    pytest.param(
        "具体要求另见国办发〔2018〕37号，并详见浙政办发〔2023〕12号；同时参见京政发〔2019〕3号。",
        [c("国办发〔2018〕37号"), c("浙政办发〔2023〕12号"), c("京政发〔2019〕3号")],
        id="bare-numbers-after-running-words",
    ),
    pytest.param(
        "申请人应当提交《营业执照》副本、《食品经营许可证》和《行政许可申请书》，并依照《食品经营许可管理办法》办理。",
        [c("《食品经营许可管理办法》")],
        id="licences-and-forms-are-not-instruments",
    ),
    pytest.param(
        "依据《国务院关于修改〈中华人民共和国行政复议法实施条例〉的决定》第五条，以及《司法部关于印发<行政复议文书格式文本>"
        "的通知》执行。",
        [
            c("《国务院关于修改〈中华人民共和国行政复议法实施条例〉的决定》", "第五条"),
            c("《司法部关于印发<行政复议文书格式文本>的通知》"),
        ],
        id="nested-titles",
    ),
    pytest.param(
        "《国务院关于废止《XX管理条例》的决定》已经公布。",
        [c("《国务院关于废止《XX管理条例》的决定》")],
        id="nested-same-brackets",
    ),
    pytest.param(
        "第一条　为了规范行政行为，根据本法第三条和本条例第五条的规定，结合《中华人民共和国行政处罚法》，制定本办法。",
        [c("《中华人民共和国行政处罚法》")],
        id="this-law-is-not-a-citation",
    ),
    pytest.param(
        "依照《中华人民共和国行政\n处罚法》第三十\n二条规定。",
        [c("《中华人民共和国行政处罚法》", "第三十二条")],
        id="title-and-article-split-across-lines",
    ),
    pytest.param(
        "依據《中華人民共和國行政處罰法》第三十二條及《中華人民共和國政府信息公開條例》，並參照《國務院關於修改部分行政法規的決定》。",
        [
            c("《中華人民共和國行政處罰法》", "第三十二條"),
            c("《中華人民共和國政府信息公開條例》"),
            c("《國務院關於修改部分行政法規的決定》"),
        ],
        id="traditional-characters-as-written",
    ),
    pytest.param(
        "根据《中华人民共和国行政复议法》第二章第十一条、第十二条规定。",
        [c("《中华人民共和国行政复议法》", "第十一条", "第十二条")],
        id="chapters-are-skipped",
    ),
    pytest.param(
        "违反《中华人民共和国行政处罚法》第三十二条的；依照《中华人民共和国行政处罚法》第三十二条第二款处理；"
        "《中华人民共和国行政处罚法》第三十二条再次适用。",
        [c("《中华人民共和国行政处罚法》", "第三十二条", "第三十二条第二款")],
        id="each-article-once-both-forms",
    ),
    pytest.param(
        "依据《中华人民共和国行政处罚法》（2021年修订）第七十六条、《XX省行政执法监督条例》（2019年11月29日XX省第十三届人民代表大会"
        "常务委员会第十四次会议通过）第十条。",
        [
            c("《中华人民共和国行政处罚法》", "第七十六条"),
            c("《XX省行政执法监督条例》", "第十条"),
        ],
        id="notes-between-title-and-article",
    ),
    pytest.param(
        "贯彻《法治政府建设实施纲要（2021－2025年）》和《中共中央关于全面推进依法治国若干重大问题的决定》，"
        "推广《打造“智慧非诉”、实现“无讼治理”》经验，在《法治日报》刊发。",
        [
            c("《法治政府建设实施纲要（2021－2025年）》"),
            c("《中共中央关于全面推进依法治国若干重大问题的决定》"),
        ],
        id="title-with-trailing-years-and-non-instruments",
    ),
    pytest.param(
        "第一条　根据《中华人民共和国行政处罚法》第三条\n第二条　本办法适用于本市行政区域。",
        [c("《中华人民共和国行政处罚法》", "第三条")],
        id="next-line-article-heading-is-not-cited",
    ),
    pytest.param(
        "依照《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第四十八条和《中华人民共和国民事诉讼法》第八十五条、"
        "第八十六条计算期间。",
        [
            c("《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》", "第四十八条"),
            c("《中华人民共和国民事诉讼法》", "第八十五条", "第八十六条"),
        ],
        id="judicial-interpretation-and-two-laws",
    ),
    pytest.param(
        "依照《重大行政决策程序暂行条例》第15条、第26条第1款执行。",
        [c("《重大行政决策程序暂行条例》", "第15条", "第26条第1款")],
        id="arabic-numerals-as-written",
    ),
    pytest.param(
        "参照《中华人民共和国民法典》第二百零一条、《中华人民共和国宪法》和《XX市人民政府规章制定程序规定》（市政府令第12号）执行。",
        [
            c("《中华人民共和国民法典》", "第二百零一条"),
            c("《中华人民共和国宪法》"),
            c("《XX市人民政府规章制定程序规定》"),
        ],
        id="code-constitution-and-rule",
    ),
    pytest.param(
        "根据《XX省人民政府办公厅关于印发XX省优化营商环境实施方案的通知》（X政办发〔2023〕12号）、"
        "《XX市行政规范性文件制定和监督管理办法》第二十一条之一，现通知如下。",
        [
            c("《XX省人民政府办公厅关于印发XX省优化营商环境实施方案的通知》"),
            c("《XX市行政规范性文件制定和监督管理办法》", "第二十一条之一"),
        ],
        id="article-with-zhiyi",
    ),
    pytest.param("本办法由市司法局负责解释。", [], id="no-citation"),
    pytest.param(
        "《中华人民共和国行政处罚法》第三十二条规定的情形；《中华人民共和国行政强制法》第十条、第十一条规定。",
        [
            c("《中华人民共和国行政处罚法》", "第三十二条"),
            c("《中华人民共和国行政强制法》", "第十条", "第十一条"),
        ],
        id="two-instruments-their-own-articles",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_citations_are_extracted_exactly(text: str, expected: list[dict[str, object]]) -> None:
    assert citations_as_json(text) == expected


@pytest.mark.parametrize(
    ("title", "instrument"),
    [
        ("《行政处罚法》", True),
        ("《营业执照》", False),
        ("《行政处罚决定书》", False),
        ("《法治日报》", False),
        ("《XX办法（试行）》", True),
        ("《本办法》", False),
    ],
)
def test_what_counts_as_an_instrument(title: str, instrument: bool) -> None:
    assert is_instrument(title) is instrument
