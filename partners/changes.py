""" "In the period": each figure's change since the partner's report of the month before.

A report's figures are cumulative to the end of its month ("to date"). Next to each count the
report also prints what happened in the month: the change since the partner's previous report,
over the same departments. For enrollments that is the enrollments assigned in the month (less
any withdrawn), for completions the enrollments completed in the month, for officers those
reached for the first time, for modules the modules started and completed in the month.

It is worked out from the two reports' *published* figures only (exact values and ranges), so
it tells the partner nothing the two reports do not already say together, and the disclosure
control (`partners.disclosure`) needs no new rule for it: a change of 1 to 10 is printed as
that range, because rule 2 printed the figure itself as its last value plus 1 to 10.

No change is given when there is no report of the month before, when the departments sharing
with the partner changed between the two months (the change would be a department's whole
history), for a department row when the departments it adds up changed, and for a figure
when either report withheld it or the two ranges leave open whether it rose or fell.
"""

from __future__ import annotations

from partners.disclosure import FIGURES

# The tables of enrollments and modules; the trainer and discussion tables (issue 17) have
# their own month rows (month of certification) and no "in the period" column.
PERIOD_TABLES = (
    "department",
    "state",
    "curriculum",
    "month",
    "quarter",
    "year",
    "module",
    "total",
    "module_total",
)


def published_bounds(row, name: str) -> tuple[int, int] | None:
    """What the partner knows of a figure of a published row: (low, high), or None."""
    if row is None:
        return (0, 0)  # no row: nothing counted for it
    if name in row.ranges:
        low, high = row.ranges[name]
        return int(low), int(high)
    value = getattr(row, name)
    if value is None:
        return None
    return int(value), int(value)


def row_change(current, previous) -> dict:
    """{figure: change or [low, high]} of one count row since the previous report's row."""
    if current.table == "department" and (
        previous is None or sorted(previous.members or []) != sorted(current.members or [])
    ):
        return {}
    found = {}
    for name in FIGURES:
        now, before = published_bounds(current, name), published_bounds(previous, name)
        if now is None or before is None:
            continue
        low, high = now[0] - before[1], now[1] - before[0]
        if low < 0 < high:
            continue  # both ranges ("still within 10 of the last value"): no telling which way
        found[name] = low if low == high else [low, high]
    return found


def report_changes(rows: list, previous_rows: list | None) -> None:
    """Set `in_period` on every count row of a report (in place); nothing without a base."""
    if previous_rows is None:
        return
    before = {(row.table, row.key): row for row in previous_rows}
    for row in rows:
        if row.table not in PERIOD_TABLES:
            continue
        row.in_period = row_change(row, before.get((row.table, row.key)))
