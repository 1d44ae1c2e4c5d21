"""An attacker's audit of a partner snapshot, written apart from the code it checks.

Given the true counts behind every row (the test knows them), it asks what a reader of the
published tables could work out: a published figure of 1..k-1, a rate over fewer than k, a
line (a table and its total, a state and its departments) with exactly one unknown or whose
unknowns add up to 1..k-1, and, by Gauss-Jordan elimination, any withheld row that the
published rows and totals pin down exactly.
"""

from __future__ import annotations

import re
from fractions import Fraction

COUNTS = ("officers", "enrolled", "completed", "not_completed")
COUNT_TABLES = ("department", "state", "curriculum", "month", "module")


def _lines(snapshot) -> list[tuple[list, object]]:
    tables = snapshot.tables
    lines = [
        ([row.cell for row in tables[name].rows], tables[name].total)
        for name in COUNT_TABLES
        if tables[name].total is not None
    ]
    for state in tables["state"].rows:
        members = [row.cell for row in tables["department"].rows if row.group == state.key]
        if members:
            lines.append((members, state.cell))
    return lines


def _small(value: int, k: int) -> bool:
    return 0 < abs(value) < k


def published_problems(snapshot, k: int) -> list[str]:
    problems = []
    for name in COUNT_TABLES:
        table = snapshot.tables[name]
        cells = [row.cell for row in table.rows] + ([table.total] if table.total else [])
        for cell in cells:
            if cell.suppressed:
                continue
            for count in COUNTS:
                if _small(cell.counts.get(count, 0), k):
                    problems.append(f"{cell.id}.{count}={cell.counts[count]} published")
    for name in ("gain", "rating"):
        for row in snapshot.tables[name].rows:
            n = next(iter(row.cell.counts.values()))
            if not row.cell.suppressed and _small(n, k):
                problems.append(f"{row.cell.id} mean over {n} published")
    return problems


def line_problems(snapshot, k: int) -> list[str]:
    problems = []
    for members, total in _lines(snapshot):
        hidden = [cell for cell in members if cell.suppressed]
        unknowns = len(hidden) + (1 if total.suppressed else 0)
        if unknowns == 1:
            problems.append(f"line to {total.id}: one unknown")
        if total.suppressed or not hidden:
            continue
        for count in COUNTS:
            total_hidden = sum(cell.counts.get(count, 0) for cell in hidden)
            if _small(total_hidden, k):
                problems.append(f"line to {total.id}: withheld {count} add up to {total_hidden}")
    return problems


def recoverable_rows(snapshot) -> list[str]:
    """Withheld rows the published figures determine (pivot rows without free variables)."""
    lines = _lines(snapshot)
    unknown: list[str] = []
    for members, total in lines:
        for cell in [*members, total]:
            if cell.suppressed and cell.id not in unknown:
                unknown.append(cell.id)
    matrix = []
    for members, total in lines:
        row = [Fraction(0)] * len(unknown)
        for cell in members:
            if cell.suppressed:
                row[unknown.index(cell.id)] += 1
        if total.suppressed:
            row[unknown.index(total.id)] -= 1
        matrix.append(row)
    pivots = _rref(matrix, len(unknown))
    determined = []
    for row, column in pivots:
        others = [value for index, value in enumerate(row) if index != column and value]
        if not others:
            determined.append(unknown[column])
    return determined


def _rref(matrix: list[list[Fraction]], width: int) -> list[tuple[list[Fraction], int]]:
    rows = [list(row) for row in matrix]
    pivots: list[tuple[int, int]] = []
    rank = 0
    for column in range(width):
        found = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if found is None:
            continue
        rows[rank], rows[found] = rows[found], rows[rank]
        lead = rows[rank][column]
        rows[rank] = [value / lead for value in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append((rank, column))
        rank += 1
    return [(rows[r], column) for r, column in pivots]


def all_problems(snapshot, k: int) -> list[str]:
    return [
        *published_problems(snapshot, k),
        *line_problems(snapshot, k),
        *(f"{cell} recoverable" for cell in recoverable_rows(snapshot)),
    ]


_TEXT_BLOCK = re.compile(rb"BT(.*?)ET", re.S)
_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")


def pdf_text(data: bytes) -> str:
    """The text an uncompressed reportlab PDF shows, one line per text block."""
    lines = []
    for block in _TEXT_BLOCK.findall(data):
        parts = [part.replace(rb"\(", b"(").replace(rb"\)", b")") for part in _SHOWN.findall(block)]
        lines.append(b" ".join(parts).decode("latin-1"))
    return "\n".join(lines)
