"""Date formats for zh-hans, ISO first (issue #19): Django's own zh_Hans formats put "%Y/%m/%d" first, so a
<input type="date"> with a preset value rendered "2026/12/01", which browsers reject — the field showed empty and a
form saved without the date the user saw preset. ISO 8601 is what the date input speaks; the other spellings are
still read."""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
]
