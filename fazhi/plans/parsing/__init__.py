"""Read a plan document (plain text or .docx) into numbered tasks. Pure: no database, no Django.

The layout rules are those of Chinese government documents (see README.md and the sample in
../shared/samples/plan_sample.txt):

- headings nest by numbering style: 一、 > (一) > 1. / 1、 > (1) > ①;
- a numbered item followed by a unit line (牵头单位/配合单位/责任单位/相关单位 …) is a task; a numbered item without one is
  a heading (or, like the achievements in a review section, nothing);
- the title is the text before the first 。; the full text is the item's body;
- with an explicit 牵头/配合 split the units are taken as labelled, otherwise the first unit listed leads;
- lines broken by page breaks are joined; a heading glued to the end of a line is split off;
- "X月底前" → last day of that month, "年底前" → 12-31 of the plan year; more than one stated date → no due date.

The package re-exports every public name:

- `model`: ParsedPlan, ParsedTask (as_json), PlanParseError, plan_to_state, plan_from_state
- `docx`: read_document, decode_text, docx_lines (.txt and .docx → numbered lines)
- `text`: normalize, numbering styles, unit and due labels, glued headings
- `units`: parse_units (unit lines → lead, co, as written)
- `dates`: find_dues, find_rhythm, find_targets
- `parser`: parse_plan, parse_plan_text, parse_lines, find_plan_title, find_plan_year
"""

from .dates import find_dues, find_rhythm, find_targets
from .docx import decode_text, docx_lines, read_document
from .model import ParsedPlan, ParsedTask, PlanParseError, plan_from_state, plan_to_state
from .parser import find_plan_title, find_plan_year, parse_lines, parse_plan, parse_plan_text
from .text import CN_DIGITS, DUE_LABELS, UNIT_LABELS, normalize
from .units import parse_units

__all__ = [
    "CN_DIGITS",
    "DUE_LABELS",
    "UNIT_LABELS",
    "ParsedPlan",
    "ParsedTask",
    "PlanParseError",
    "decode_text",
    "docx_lines",
    "find_dues",
    "find_plan_title",
    "find_plan_year",
    "find_rhythm",
    "find_targets",
    "normalize",
    "parse_lines",
    "parse_plan",
    "parse_plan_text",
    "parse_units",
    "plan_from_state",
    "plan_to_state",
    "read_document",
]
