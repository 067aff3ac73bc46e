"""信息处理费 (《政府信息公开条例》第四十二条; 《政府信息公开信息处理费管理办法》国办函〔2020〕109号, legal-rules.md
§4.2): computed, never typed. The agency uses one method per request; the two are never combined.

- 按件计收 (第六条第一项): one applicant's requests in one calendar month — items 1–10 free; the part from 11 to 30
  100 yuan per item; from item 31 each further band of 10 items costs 100 yuan per item more (31–40: 200,
  41–50: 300 …).
- 按量计收 (第六条第二项): the pages of one request — 1–30 free; the part from 31 to 100 10 yuan per page; 101–200 20
  yuan per page; above 200 40 yuan per page.
"""

from __future__ import annotations

from dataclasses import dataclass

BASIS = "《政府信息公开条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第六条"
METHODS = (("item", "按件计收"), ("page", "按量计收"))
METHOD_LABEL = dict(METHODS)

# (first page of the band, yuan per page); the band runs to the next band's first page - 1.
PAGE_BANDS = ((1, 0), (31, 10), (101, 20), (201, 40))


def item_fee(n: int) -> int:
    """The fee in yuan for the applicant's n-th request in the calendar month (按件计收)."""
    if n < 1:
        raise ValueError("件数须为正整数")
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 + 100 * ((n - 30 + 9) // 10)  # 31–40 → 200, 41–50 → 300 …


def page_fee(pages: int) -> int:
    """The fee in yuan for a request of `pages` pages (按量计收), each band charged for its own part."""
    if pages < 0:
        raise ValueError("页数不能为负")
    total = 0
    for i, (first, rate) in enumerate(PAGE_BANDS):
        last = PAGE_BANDS[i + 1][0] - 1 if i + 1 < len(PAGE_BANDS) else pages
        if pages >= first:
            total += (min(pages, last) - first + 1) * rate
    return total


@dataclass(frozen=True)
class Fee:
    method: str
    quantity: int  # the item's number in the month, or the pages
    amount: int  # yuan
    explanation: str


def fee_compute(*, method: str, item_number: int = 0, pages: int = 0) -> Fee:
    if method == "item":
        amount = item_fee(item_number)
        text = f"按件计收：该申请人本自然月第{item_number}件申请，收费{amount}元（{BASIS}）。"
        return Fee(method, item_number, amount, text)
    if method == "page":
        amount = page_fee(pages)
        text = f"按量计收：共{pages}页，收费{amount}元（30页以下免费，31—100页每页10元，101—200页每页20元，200页以上每页40元；{BASIS}）。"
        return Fee(method, pages, amount, text)
    raise ValueError(f"unknown method {method}")
