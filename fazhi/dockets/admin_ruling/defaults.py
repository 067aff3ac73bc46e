"""Default texts of the docket's documents (seeded into editable DocumentTemplate rows; the department adapts them on
the template page). One paragraph per line; lines starting with >> are right-aligned. The remedy told in the 不予受理
决定书 and the 行政裁决书: 行政复议 within 60 days (《行政复议法》第二十条) or 行政诉讼 within 6 months
(《行政诉讼法》第四十六条) — or the sector law's own period ({{起诉期限}}, {{起诉依据}}; codes.SECTOR_SUIT ⚠)."""

from __future__ import annotations

REMEDY = (
    "\n当事人对本{{文书}}不服的，可以自收到本{{文书}}之日起六十日内依法申请行政复议（《中华人民共和国行政复议法》"
    "第二十条），或者自收到本{{文书}}之日起{{起诉期限}}内依法向人民法院提起行政诉讼（{{起诉依据}}）。"
)

DOCUMENTS: tuple[tuple[str, str, str], ...] = (
    (
        "acceptance_notice",
        "行政裁决受理通知书",
        "{{当事人}}："
        "\n{{申请人}}于{{申请日期}}提出的{{裁决事项}}行政裁决申请（{{案号}}），经审查，符合受理条件，本机关决定受理"
        "（{{法律依据}}）。被申请人应当自收到申请书副本之日起{{答辩期限}}内提交答辩书和有关证据材料；逾期不提交的，"
        "不影响本机关审理。"
        "\n>>{{发文机关}}"
        "\n>>{{日期}}",
    ),
    (
        "rejection_notice",
        "不予受理行政裁决申请决定书",
        "{{申请人}}："
        "\n你于{{申请日期}}提出的{{裁决事项}}行政裁决申请（{{案号}}），经审查，{{不予受理情形}}：{{理由}}，"
        "本机关决定不予受理。" + REMEDY + "\n>>{{发文机关}}\n>>{{日期}}",
    ),
    (
        "ruling",
        "行政裁决书",
        "申请人：{{申请人}}"
        "\n被申请人：{{被申请人}}"
        "\n申请人于{{申请日期}}就{{裁决事项}}向本机关申请行政裁决，本机关于{{受理日期}}受理，并依法听取了双方当事人的"
        "陈述和申辩（{{听证情况}}）。"
        "\n经审理查明：{{事实}}"
        "\n本机关认为：{{理由}}"
        "\n根据{{法律依据}}，裁决如下：{{裁决内容}}" + REMEDY + "\n>>{{发文机关}}\n>>{{日期}}",
    ),
)
