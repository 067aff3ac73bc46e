"""Default texts of the docket's documents (seeded into editable DocumentTemplate rows; the 司法局 adapts them on the
template page). One paragraph per line; lines starting with >> are right-aligned. The 人民调解协议书 carries what
《人民调解法》第二十九条 requires: the parties, the main facts and disputed matters, what was agreed, how and when it
is performed, and the signatures and seal."""

from __future__ import annotations

DOCUMENTS: tuple[tuple[str, str, str], ...] = (
    (
        "agreement",
        "人民调解协议书",
        "当事人：{{当事人}}"
        "\n纠纷主要事实、争议事项：{{纠纷事实}}"
        "\n经{{调解委员会}}调解，双方当事人自愿达成如下协议：{{协议内容}}"
        "\n履行方式、时限：{{履行方式}}"
        "\n本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（《中华人民共和国"
        "人民调解法》第二十九条）。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行（第三十一条）。"
        "双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认（第三十三条）。"
        "\n本协议一式{{份数}}份，当事人、人民调解委员会各持一份。"
        "\n当事人（签名、盖章或者按指印）：{{签名当事人}}"
        "\n人民调解员（签名）：{{调解员}}"
        "\n>>{{调解委员会}}（印）"
        "\n>>{{日期}}",
    ),
    (
        "termination_notice",
        "终止人民调解告知书",
        "{{当事人}}："
        "\n{{调解委员会}}受理的你们之间的{{纠纷类型}}纠纷（{{案号}}），{{终止理由}}，本委员会于{{日期}}终止调解。"
        "\n根据《中华人民共和国人民调解法》第二十六条，你们可以依法通过仲裁、行政、司法等途径维护自己的权利：{{其他途径}}。"
        "\n>>{{调解委员会}}"
        "\n>>{{日期}}",
    ),
)
