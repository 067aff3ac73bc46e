"""What every docket's Excel import of past cases reports (shared by the dockets' imports.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Case


@dataclass
class ImportResult:
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, Chinese message)
    cases: list[Case] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
