"""The asset recovery figures in the pack (issue 14 item 5; seed 001 §7.4, §9): restraint
orders granted, assets traced, amounts confiscated and recovered, for the month, the financial
year to date and the same month last year. The recovery app counts them (recovery.services.
figures: a few aggregate queries over the entries the reader may see); this module lays them out
as the pack's table."""

from datetime import timedelta
from typing import Any

from fraudcase.recovery import services as recovery

from .registry import Cell, Measure, Scope, Table

ROWS = (
    ("restraint_orders", "Restraint orders granted"),
    ("assets_traced_gbp", "Assets traced: available amounts (£)"),
    ("benefit_gbp", "Benefit figures of confiscation orders (£)"),
    ("confiscated_gbp", "Confiscation orders made (£)"),
    ("recovered_gbp", "Recovered: paid and forfeited (£)"),
)


def compute(user: Any, scope: Scope) -> Table:
    """One row a figure, one column a period (month, year to date, last year)."""
    periods = scope.periods
    found = [recovery.figures(user, p.start, p.end - timedelta(days=1)) for p in periods]
    table = Table(["Figure", *(p.label for p in periods)])
    for key, label in ROWS:
        table.rows.append(
            [
                Cell(label),
                *(Cell(f[key] if isinstance(f[key], int) else f"{f[key]:,.2f}") for f in found),
            ]
        )
    return table


ASSET_RECOVERY = Measure(
    "asset_recovery",
    "Asset recovery",
    compute,
    note="From the asset recovery registers: orders granted, and payments and forfeitures "
    "recorded, in each period.",
)
