"""R-11 disclosure control: the one place that decides what a partner may see.

The aggregate selectors (`partners.selectors`) count in the database and hand this module a set
of *cells*: one per table row (a department, a state, a curriculum, a month, a module), each
with its counts. This module suppresses, and nothing leaves for a partner without passing here.

Suppression is by row: a row is either published whole or every figure in it is withheld
(`null`, `"suppressed": true`, shown as "<11"). The threshold `k` is `settings.REPAIR_MIN_CELL`
clamped to at least 11 here as well as in settings.

1. Primary suppression ("small_cell"): a row is withheld when any count of distinct officers in
   it is 1..k-1: officers reached, officers who completed, and officers who have not completed
   (the complement `enrolled - completed` would otherwise be derivable from two published
   figures). Zero is shown.
2. Change control across reports ("change", see `partners.selectors`): a row is withheld
   when, compared with the last report in which it was published, any of its counts (the
   hidden complement included) moved by 1..k-1; or when it was withheld in a report since then
   and one of its growing counts has not moved by at least k (otherwise a cumulative count that
   stood still would pin the withheld value in between).
3. Complementary suppression ("complementary"): tables are tied together by *lines*: the rows
   of a table and the total they add up to (the grand total, shared by every table of the
   report set that covers the same enrollments; a state and the departments in it). On every
   line whose total is published, the withheld rows must number 0 or at least 2, and the sum
   over them of every count must be 0 or at least k (so neither one hidden row nor a small
   group of them can be obtained by subtraction); the same holds for the sum of their changes
   since the last report when the reader knows them. Otherwise the smallest published non-zero
   row of the line is withheld too, or, when none is left, the total. This repeats until no line
   changes. Finally an exact check: no withheld cell may follow from the lines by linear
   algebra (several lines taken together, e.g. a state and the departments in it); while one
   does, one more cell on a line through it is withheld. A cell that appears in two tables (the "other departments" group, the grand total)
   is one object, so it is withheld everywhere at once.

Rates are published only for published rows, so their denominator is at least k. Tables of
means (learning gain, module ratings) have no margins, and a mean is published only with a
published count of at least k behind it and, across reports, only when that count moved by 0
or at least k (an unchanged count must keep an unchanged mean).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings

# Printed where a figure does not exist (no enrollments, or a mean over a withheld row).
NO_FIGURE = "\N{EN DASH}"

SMALL_CELL = "small_cell"
CHANGE = "change"
COMPLEMENTARY = "complementary"

# Counts published for a row, and the hidden complement checked with them.
PUBLISHED_COUNTS = ("officers", "enrolled", "completed")
LINE_COUNTS = (*PUBLISHED_COUNTS, "not_completed")
# Counts that only grow from one report to the next (short of withdrawals): one that stood
# still around a withheld report would pin the withheld value.
GROWING = (*PUBLISHED_COUNTS, "pairs", "ratings")


def min_cell() -> int:
    """The R-11 threshold: the setting, but never below 11 whatever the setting says."""
    try:
        configured = int(getattr(settings, "REPAIR_MIN_CELL", 11))
    except (TypeError, ValueError):
        configured = 11
    return max(11, configured)


def is_small(value: int | None, k: int) -> bool:
    return value is not None and 0 < abs(value) < k


@dataclass
class Cell:
    """One row of one or more tables: its true counts, and whether it may be published."""

    id: str
    counts: dict[str, int]
    # Distinct-officer counts that must not be 1..k-1 (primary suppression).
    officer_counts: tuple[int, ...] = ()
    means: dict[str, float | None] = field(default_factory=dict)
    suppressed: bool = False
    reason: str | None = None

    def withhold(self, reason: str) -> None:
        if not self.suppressed:
            self.suppressed = True
            self.reason = reason

    def size(self) -> tuple[int, int, str]:
        return (self.counts.get("enrolled", 0), self.counts.get("officers", 0), self.id)

    def is_empty(self) -> bool:
        return not any(self.counts.get(name, 0) for name in LINE_COUNTS)


@dataclass(frozen=True)
class Line:
    members: tuple[str, ...]
    total: str | None


@dataclass(frozen=True)
class LedgerEntry:
    """What the partner already holds about a cell from earlier reports."""

    counts: Mapping[str, int]
    means: Mapping[str, float | None]
    withheld_since: bool


def _previous(entry: LedgerEntry, name: str) -> int | None:
    if name in entry.counts:
        return entry.counts[name]
    if name == "not_completed" and {"enrolled", "completed"} <= entry.counts.keys():
        return entry.counts["enrolled"] - entry.counts["completed"]
    return None


def _change(cell: Cell, entry: LedgerEntry | None, name: str) -> int | None:
    previous = None if entry is None else _previous(entry, name)
    if previous is None:
        return None
    return cell.counts.get(name, 0) - previous


def _moved_too_little(cell: Cell, entry: LedgerEntry, names: Iterable[str], k: int) -> bool:
    for name in names:
        delta = _change(cell, entry, name)
        if delta is None:
            continue
        if is_small(delta, k) or (entry.withheld_since and name in GROWING and abs(delta) < k):
            return True
    return False


def _primary(cells: Iterable[Cell], ledger: Mapping[str, LedgerEntry], k: int) -> None:
    for cell in cells:
        if any(is_small(value, k) for value in cell.officer_counts):
            cell.withhold(SMALL_CELL)
            continue
        entry = ledger.get(cell.id)
        if entry is None:
            continue
        if _moved_too_little(cell, entry, cell.counts.keys(), k) or (
            cell.means and _means_changed_without_count(cell, entry, k)
        ):
            cell.withhold(CHANGE)


def _means_changed_without_count(cell: Cell, entry: LedgerEntry, k: int) -> bool:
    count_moved = any(abs(_change(cell, entry, name) or 0) >= k for name in cell.counts)
    if count_moved:
        return False
    return any(
        entry.means.get(name) is not None and _rounded(value) != _rounded(entry.means.get(name))
        for name, value in cell.means.items()
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _line_is_safe(
    hidden: list[Cell], total: Cell, ledger: Mapping[str, LedgerEntry], k: int
) -> bool:
    if len(hidden) + total.suppressed == 1:
        return False  # one unknown on a line is the line's sum minus the rest
    if total.suppressed or not hidden:
        return True
    for name in LINE_COUNTS:
        if is_small(sum(cell.counts.get(name, 0) for cell in hidden), k):
            return False
    entries = [ledger.get(cell.id) for cell in hidden]
    if ledger.get(total.id) is None or any(entry is None for entry in entries):
        return True  # the reader cannot form the sum of changes
    for name in LINE_COUNTS:
        deltas = [_change(cell, ledger[cell.id], name) for cell in hidden]
        if any(delta is None for delta in deltas):
            continue
        if is_small(sum(deltas), k):
            return False
    return True


def _smallest_published(members: Iterable[Cell]) -> Cell | None:
    published = [cell for cell in members if not cell.suppressed]
    # A non-empty cell hides more; an empty one still adds an unknown.
    published.sort(key=lambda cell: (cell.is_empty(), cell.size()))
    return published[0] if published else None


def _complete_line(line: Line, cells: Mapping[str, Cell], ledger, k: int) -> bool:
    """Withhold one more cell of the line if it needs it; True when something changed."""
    total = cells[line.total]
    members = [cells[member] for member in line.members]
    hidden = [cell for cell in members if cell.suppressed]
    if _line_is_safe(hidden, total, ledger, k):
        return False
    candidate = _smallest_published(members) or (None if total.suppressed else total)
    if candidate is None:
        return False
    candidate.withhold(COMPLEMENTARY)
    return True


def recoverable(cells: Mapping[str, Cell], lines: Iterable[Line]) -> list[str]:
    """Withheld cells whose value follows exactly from the lines and the published cells.

    Each line says total = sum of members; with the published values moved to the right, it
    is a linear equation in the withheld ones. A withheld cell is recoverable exactly when its
    unit vector lies in the row space of those equations (Gaussian elimination over the
    rationals; the coefficients are 0 and +-1, so this is exact).
    """
    unknown = sorted(cell_id for cell_id, cell in cells.items() if cell.suppressed)
    index = {cell_id: position for position, cell_id in enumerate(unknown)}
    basis: dict[int, list[Fraction]] = {}
    for line in lines:
        row = [Fraction(0)] * len(unknown)
        for member in line.members:
            if member in index:
                row[index[member]] += 1
        if line.total in index:
            row[index[line.total]] -= 1
        _reduce_into(basis, row)
    found = []
    for cell_id in unknown:
        probe = [Fraction(0)] * len(unknown)
        probe[index[cell_id]] = Fraction(1)
        if not any(_reduced(basis, probe)):
            found.append(cell_id)
    return found


def _reduced(basis: dict[int, list[Fraction]], row: list[Fraction]) -> list[Fraction]:
    row = list(row)
    for pivot, vector in basis.items():
        if row[pivot]:
            factor = row[pivot]
            row = [value - factor * other for value, other in zip(row, vector, strict=True)]
    return row


def _reduce_into(basis: dict[int, list[Fraction]], row: list[Fraction]) -> None:
    row = _reduced(basis, row)
    pivot = next((position for position, value in enumerate(row) if value), None)
    if pivot is None:
        return
    row = [value / row[pivot] for value in row]
    for other_pivot, vector in basis.items():
        if vector[pivot]:
            factor = vector[pivot]
            basis[other_pivot] = [a - factor * b for a, b in zip(vector, row, strict=True)]
    basis[pivot] = row


def _protect(cell_id: str, cells: Mapping[str, Cell], lines: list[Line]) -> bool:
    """Withhold one more cell on a line through a recoverable cell; True when one was."""
    for line in lines:
        if cell_id not in (*line.members, line.total):
            continue
        members = [cells[member] for member in line.members]
        candidate = _smallest_published(members)
        if candidate is None and not cells[line.total].suppressed:
            candidate = cells[line.total]
        if candidate is not None:
            candidate.withhold(COMPLEMENTARY)
            return True
    return False


def suppress(
    cells: Mapping[str, Cell],
    lines: Iterable[Line],
    *,
    ledger: Mapping[str, LedgerEntry] | None = None,
    k: int | None = None,
) -> None:
    """Apply R-11 to the cells in place (see the module docstring)."""
    k = max(min_cell(), k or 0)
    ledger = ledger or {}
    lines = [line for line in lines if line.total is not None]
    _primary(cells.values(), ledger, k)
    while True:
        changed = True
        while changed:
            changed = False
            for line in lines:
                while _complete_line(line, cells, ledger, k):
                    changed = True
        exposed = recoverable(cells, lines)
        if not exposed or not any(_protect(cell_id, cells, lines) for cell_id in exposed[:1]):
            return
