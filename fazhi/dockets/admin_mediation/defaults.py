"""Default texts of the docket's documents (seeded into editable DocumentTemplate rows; the department adapts them on
the template page). One paragraph per line; lines starting with >> are right-aligned. The 行政调解协议书 carries the
parties, the facts and disputed matters, what was agreed, how it is performed and each party's signature (the shape
of 《人民调解法》第二十九条's agreement, which binds 人民调解 only: for 行政调解 ⚠ practice); the 司法确认 period told is
the setting's ({{确认期限}}, ⚠ see clocks.py)."""

from __future__ import annotations

DOCUMENTS: tuple[tuple[str, str, str], ...] = (
    (
        "agreement",
        "行政调解协议书",
        "当事人：{{当事人}}"
        "\n纠纷主要事实、争议事项：{{纠纷事实}}"
        "\n经{{发文机关}}主持调解，双方当事人自愿达成如下协议：{{协议内容}}"
        "\n履行方式、时限：{{履行方式}}"
        "\n本协议自各方当事人签名、盖章或者按指印之日起生效，当事人应当按照约定履行。一方当事人不履行的，另一方"
        "当事人可以依法向人民法院提起诉讼。双方当事人认为有必要的，可以自本协议生效之日起{{确认期限}}内共同向有管辖权的"
        "人民法院申请司法确认。"
        "\n本协议一式{{份数}}份，当事人、调解机关各持一份。"
        "\n当事人（签名、盖章或者按指印）：{{签名当事人}}"
        "\n调解人员：{{调解人员}}"
        "\n>>{{发文机关}}（印）"
        "\n>>{{日期}}",
    ),
    (
        "termination_notice",
        "终止行政调解告知书",
        "{{当事人}}："
        "\n本机关受理的你们之间的{{纠纷类型}}纠纷行政调解（{{案号}}），{{终止理由}}，本机关于{{日期}}终止调解。"
        "\n你们可以{{其他途径}}。"
        "\n>>{{发文机关}}"
        "\n>>{{日期}}",
    ),
    (
        "rejection_notice",
        "不予受理行政调解申请告知书",
        "{{申请人}}："
        "\n你于{{申请日期}}提出的行政调解申请（{{案号}}），经审查，{{不予受理情形}}：{{理由}}，本机关决定不予受理。"
        "\n你可以{{其他途径}}。"
        "\n>>{{发文机关}}"
        "\n>>{{日期}}",
    ),
)
