"""The UK financial year (1 April – 31 March) and its quarters: the one place they are computed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FinancialYear:
    start_year: int  # 2026 for 2026/27

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def quarter_of(self, day: date) -> int:
        """1 for April–June … 4 for January–March."""
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside {self.label}")
        return (day.month - 4) % 12 // 3 + 1


def financial_year_of(day: date) -> FinancialYear:
    return FinancialYear(day.year if day.month >= 4 else day.year - 1)
