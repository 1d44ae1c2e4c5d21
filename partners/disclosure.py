"""R-11 disclosure control: the one place that decides what a partner may see.

Input: a *release*, that is every partner's tables for one period (`partners.tables` lays them
out from the per-department counts), what the partners were given before (the ledger), and the
threshold k (`settings.REPAIR_MIN_CELL`, never below 11). Output: for every figure (a count of
one row of one table of one partner) whether it is published, published as the range
"1-(k-1)", or withheld, and why. Nothing leaves for a partner without passing here.

The figures are officers (distinct officers per department, added up), enrollments and
enrollments completed; "not completed" (enrollments minus completed) is never printed but
follows from the two, so it is protected like a figure.

1. Small groups (`small_cell`): a row of 1..k-1 officers is withheld whole (its officers may be
   shown as the range "1-(k-1)", rule 6). In a row of k or more officers of whom 1..k-1 have
   completed, or 1..k-1 have not, the completions are withheld (and with them "not
   completed"); the officers and enrollments are shown. Zero is shown.
2. Change since the last report (`change`): every figure the partner was given before is known
   to the reader, so a figure that differs from the last value published for the same row by
   1..k-1 is withheld (the reader would subtract), not completed included.
3. Lines (`complementary`): each table adds up to its total, each state to its departments,
   each month to its quarter and each quarter to its year. On every line and figure, the
   unknown figures must number 0 or at least 2, and those withheld must add up to 0 or at
   least k when the total is known; otherwise the smallest published figure of the line is
   withheld too (fast, and what most tables need).
4. Other partners (`complementary`): a reviewer of two partners, or two partners together,
   can subtract one partner's figures from the other's. A release is therefore decided for all
   partners at once: the unknowns are *atoms*, the figures of each set of departments that
   shares with exactly the same partners, and each partner's figure is a sum of atoms.
5. The interval audit (`complementary`): every line of every partner, at atom level, and the
   partner's previous report (its lines, and the fact that cumulative counts do not go down)
   make one system of linear constraints. For every withheld figure, every atom of a small
   group, and every figure withheld in the previous report, a linear program (HiGHS) finds the
   smallest and largest value the published figures allow. A range narrower than k-2 (that is
   fewer than the k-1 values of "1 to k-1"), unless it is a certain zero, gets one more figure
   withheld on a line through it, until none is left. This is how national statistics offices
   audit a table before release; the rules above only make it converge quickly.
6. Ranges: what a reason says is published too, as a range: the officers of a small group are
   "1-(k-1)", a figure withheld for its change lies within k-1 of its last published value.
   The audit counts them as published (they are), so no other figure narrows them further.

Tables of means (learning gain, module ratings) have no margins; their rules live in
`protect_means`.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings

logger = logging.getLogger(__name__)

# Printed where a figure does not exist (no enrollments, a mean over a withheld row).
NO_FIGURE = "\N{EN DASH}"

SMALL_CELL = "small_cell"
CHANGE = "change"
COMPLEMENTARY = "complementary"
REASONS = (SMALL_CELL, COMPLEMENTARY, CHANGE)

FIGURES = ("officers", "enrolled", "completed")
NOT_COMPLETED = "not_completed"
# Cumulative counts: they do not go down from one period to the next (short of withdrawals).
GROWING = FIGURES
_EPSILON = 1e-6


def min_cell() -> int:
    """The R-11 threshold: the setting, but never below 11 whatever the setting says."""
    try:
        configured = int(getattr(settings, "REPAIR_MIN_CELL", 11))
    except (TypeError, ValueError):
        configured = 11
    return max(11, configured)


def size_bands() -> tuple[int, ...]:
    """Roster limits of the size bands smaller departments are grouped in (k and 30 by default)."""
    k = min_cell()
    configured = getattr(settings, "REPAIR_PARTNER_SIZE_BANDS", None) or (k,)
    return tuple(sorted({max(k, int(limit)) for limit in configured}))


def is_small(value: int | float | None, k: int) -> bool:
    return value is not None and 0 < abs(value) < k


# --- the release ---------------------------------------------------------------------------


@dataclass
class Atom:
    """The figures of one set of departments that share with exactly the same partners."""

    id: str
    values: dict[str, int]
    officer_counts: tuple[int, ...] = ()
    # The departments it adds up: the same atom in the previous period has the same ones.
    departments: frozenset[int] = frozenset()

    def value(self, name: str) -> int:
        if name == NOT_COMPLETED:
            return self.values["enrolled"] - self.values["completed"]
        return self.values[name]


@dataclass
class Cell:
    """One row of one partner's table: its true figures and what may be published of them."""

    id: str
    partner: int
    table: str
    key: str
    values: dict[str, int]
    officer_counts: tuple[int, ...] = ()
    atoms: tuple[str, ...] = ()
    withheld: dict[str, str] = field(default_factory=dict)
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Already published (another partner's report of the same period): it cannot change.
    fixed: bool = False

    def value(self, name: str) -> int:
        if name == NOT_COMPLETED:
            return self.values["enrolled"] - self.values["completed"]
        return self.values[name]

    def known(self, name: str) -> bool:
        """Whether the reader knows this figure exactly."""
        if name == NOT_COMPLETED:
            return self.known("enrolled") and self.known("completed")
        return name not in self.withheld

    def withhold(self, name: str, reason: str) -> bool:
        if name == NOT_COMPLETED:
            name = "completed"
        if self.fixed or name in self.withheld:
            return False
        self.withheld[name] = reason
        return True


@dataclass(frozen=True)
class Line:
    """`total` = sum of `members`, for each of `figures` (cell ids, or atom ids)."""

    members: tuple[str, ...]
    total: str
    figures: tuple[str, ...] = FIGURES


@dataclass(frozen=True)
class LedgerEntry:
    """What the partner holds about one row from its earlier reports."""

    last: dict[str, int]  # the last exactly published value of each figure
    lower: dict[str, int]  # the largest lower bound published (value or range low)
    withheld_since: frozenset[str] = frozenset()  # figures withheld after `last`


@dataclass
class PreviousCell:
    """A row of the partner's previous report, as the reader holds it."""

    id: str
    current: str | None  # the id of the same row now
    published: dict[str, int]
    ranges: dict[str, tuple[int, int]]
    lower: dict[str, int]


@dataclass
class Release:
    cells: dict[str, Cell]
    atoms: dict[str, Atom]
    lines: list[Line]  # partner lines, over cell ids
    atom_lines: list[Line]  # the same lines per block, over atom ids
    ledger: dict[str, LedgerEntry] = field(default_factory=dict)  # by current cell id
    previous: dict[str, PreviousCell] = field(default_factory=dict)
    previous_lines: list[Line] = field(default_factory=list)
    k: int = 11
    # Every partner's previous release, as published (cells fixed from the ledger): the
    # audit holds both months at once, with cumulative atoms that do not go down.
    previous_release: Release | None = None


# --- rules 1, 2, 3 ----------------------------------------------------------------------------


def _primary(cells: Iterable[Cell], k: int) -> None:
    for cell in cells:
        officers, *split = cell.officer_counts or (0,)
        if is_small(officers, k):
            for name in FIGURES:
                cell.withhold(name, SMALL_CELL)
            # "A group of 1 to k-1 officers" says as much: it is printed as that range.
            cell.ranges["officers"] = (1, k - 1)
        elif any(is_small(value, k) for value in split):
            # k or more officers, of whom 1..k-1 completed (or did not): their number, and
            # the completions that would give it, are withheld; the group's size is not.
            cell.withhold("completed", SMALL_CELL)


def _change(cell: Cell, entry: LedgerEntry, k: int) -> None:
    for name in FIGURES:
        previous = entry.last.get(name)
        if previous is None or not cell.known(name):
            continue
        delta = cell.value(name) - previous
        if is_small(delta, k):
            cell.withhold(name, CHANGE)
            # "Changed by 1 to k-1 since the last report" says as much: it is printed as the
            # range it gives, from the last value published.
            low, high = (
                (previous + 1, previous + k - 1) if delta > 0 else (previous - k + 1, previous - 1)
            )
            cell.ranges[name] = (max(0, low), high)
    previous = entry.last.get(NOT_COMPLETED)
    known = previous is not None and cell.known(NOT_COMPLETED)
    if known and is_small(cell.value(NOT_COMPLETED) - previous, k):
        cell.withhold("completed", COMPLEMENTARY)


def _changes(release: Release) -> None:
    for cell_id, entry in release.ledger.items():
        cell = release.cells.get(cell_id)
        if cell is not None:
            _change(cell, entry, release.k)


def _line_needs_more(line: Line, name: str, cells: dict[str, Cell], k: int) -> bool:
    hidden = [cells[member] for member in line.members if not cells[member].known(name)]
    total = cells[line.total]
    unknowns = len(hidden) + (not total.known(name))
    if unknowns == 0:
        return False
    if unknowns == 1:
        return True
    return total.known(name) and is_small(sum(cell.value(name) for cell in hidden), k)


def _smallest(candidates: Iterable[Cell], name: str) -> Cell | None:
    open_ = [cell for cell in candidates if cell.known(name) and not cell.fixed]
    open_.sort(key=lambda cell: (cell.value(name) == 0, cell.value(name), cell.id))
    return open_[0] if open_ else None


def _line_names(line: Line) -> tuple[str, ...]:
    if "enrolled" in line.figures and "completed" in line.figures:
        return (*line.figures, NOT_COMPLETED)
    return line.figures


def _new_problems(cell: Cell, name: str, lines: list[Line], cells: dict[str, Cell]) -> int:
    """Lines through `cell` that withholding its figure would leave with a single unknown."""
    count = 0
    for line in lines:
        ids = (*line.members, line.total)
        if not all(cells[other].known(name) for other in ids if other != cell.id):
            continue
        count += 1
    return count


def _complete_lines(release: Release) -> None:
    cells, k = release.cells, release.k
    through: dict[str, list[Line]] = defaultdict(list)
    for line in release.lines:
        for cell_id in (*line.members, line.total):
            through[cell_id].append(line)
    changed = True
    while changed:
        changed = False
        for line in release.lines:
            for name in _line_names(line):
                while _line_needs_more(line, name, cells, k):
                    ids = (*line.members, line.total)
                    open_ = [cells[i] for i in ids if cells[i].known(name) and not cells[i].fixed]
                    if not open_:
                        break
                    candidate = min(
                        open_,
                        key=lambda cell: (
                            _new_problems(
                                cell, name, [o for o in through[cell.id] if o != line], cells
                            ),
                            # Department rows are what partners most want to see.
                            cell.table == "department",
                            cell.value(name) == 0,
                            cell.value(name),
                            cell.id,
                        ),
                    )
                    if not candidate.withhold(name, COMPLEMENTARY):
                        break
                    changed = True


# --- rule 4 (pairs of partners, a quick first pass) -----------------------------------------


def _overlaps(release: Release) -> None:
    """Two partners' rows for the same key: their difference must not be a small group."""
    k = release.k
    by_key: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for cell in release.cells.values():
        by_key[(cell.table, cell.key)].append(cell)
    for group in by_key.values():
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                _overlap_pair(release, first, second, k)


def _overlap_pair(release: Release, first: Cell, second: Cell, k: int) -> None:
    if set(first.atoms) == set(second.atoms):
        return
    big, small = (first, second) if set(second.atoms) <= set(first.atoms) else (second, first)
    nested = set(small.atoms) <= set(big.atoms)
    if nested:
        extra = [release.atoms[a] for a in set(big.atoms) - set(small.atoms)]
        officer_counts = [
            sum(column) for column in zip(*(a.officer_counts for a in extra), strict=False)
        ]
        if any(is_small(value, k) for value in officer_counts):
            for name in FIGURES:
                if big.known(name) and small.known(name):
                    small.withhold(name, COMPLEMENTARY) or big.withhold(name, COMPLEMENTARY)
            return
    for name in (*FIGURES, NOT_COMPLETED):
        if (
            big.known(name)
            and small.known(name)
            and is_small(big.value(name) - small.value(name), k)
        ):
            small.withhold(name, COMPLEMENTARY) or big.withhold(name, COMPLEMENTARY)


# --- rule 5: the interval audit ----------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A linear expression over the unknowns whose range must stay wide: what it stands for."""

    kind: str  # "cell", "atom" or "previous"
    id: str
    name: str


class IntervalAudit:
    """The linear system a reader of every partner's reports can set up, and its bounds."""

    def __init__(self, release: Release, *, links: bool = True):
        self.release = release
        self.links = links
        self.index: dict[tuple[str, str], int] = {}
        self.eq_rows: list[tuple[dict[int, float], float]] = []
        self.ub_rows: list[tuple[dict[int, float], float]] = []
        # What put each row there: (cell id, figure) for a published figure or range, or for
        # the link of a figure to the previous report; None for the tables' own structure.
        self.eq_origin: list[tuple[str, str] | None] = []
        self.ub_origin: list[tuple[str, str] | None] = []
        self.binding: set[tuple[str, str]] = set()
        self.lower: dict[int, float] = {}
        self.upper: dict[int, float] = {}
        self._matrices: dict | None = None
        self._build()

    # The unknowns: every atom figure, and every figure of the previous report not published.
    def _var(self, owner: str, name: str) -> int:
        key = (owner, name)
        if key not in self.index:
            self.index[key] = len(self.index)
        return self.index[key]

    def expression(self, target: Target) -> dict[int, float]:
        names = ("enrolled", "completed") if target.name == NOT_COMPLETED else (target.name,)
        signs = (1.0, -1.0) if target.name == NOT_COMPLETED else (1.0,)
        terms: dict[int, float] = defaultdict(float)
        for name, sign in zip(names, signs, strict=True):
            if target.kind == "cell":
                for atom in self.release.cells[target.id].atoms:
                    terms[self._var(atom, name)] += sign
            elif target.kind == "atom":
                terms[self._var(target.id, name)] += sign
            elif target.kind == "before-cell":
                for atom in self.release.previous_release.cells[target.id].atoms:
                    terms[self._var("prev|" + atom, name)] += sign
            elif target.kind == "before-atom":
                terms[self._var("prev|" + target.id, name)] += sign
            elif name not in self.release.previous[target.id].published:
                terms[self._var("prev:" + target.id, name)] += sign
        return dict(terms)

    def _eq(self, terms: dict[int, float], rhs: float, origin=None) -> None:
        self.eq_rows.append((terms, rhs))
        self.eq_origin.append(origin)

    def _ub(self, terms: dict[int, float], rhs: float, origin=None) -> None:
        self.ub_rows.append((terms, rhs))
        self.ub_origin.append(origin)

    def _cell_terms(self, cell: Cell, name: str) -> dict[int, float]:
        return {self._var(atom, name): 1.0 for atom in cell.atoms}

    def _build(self) -> None:
        release = self.release
        for atom in release.atoms.values():
            for name in FIGURES:
                self._var(atom.id, name)
            enrolled = self._var(atom.id, "enrolled")
            self._ub({self._var(atom.id, "completed"): 1.0, enrolled: -1.0}, 0.0)
            self._ub({self._var(atom.id, "officers"): 1.0, enrolled: -1.0}, 0.0)
        for line in release.atom_lines:
            for name in line.figures:
                terms: dict[int, float] = defaultdict(float)
                for member in line.members:
                    terms[self._var(member, name)] += 1.0
                terms[self._var(line.total, name)] -= 1.0
                self._eq(dict(terms), 0.0)
        for cell in release.cells.values():
            for name in FIGURES:
                terms = self._cell_terms(cell, name)
                if cell.known(name):
                    self._eq(terms, float(cell.values[name]), (cell.id, name))
                elif name in cell.ranges:
                    low, high = cell.ranges[name]
                    self._ub(terms, float(high), (cell.id, name))
                    self._ub({i: -v for i, v in terms.items()}, -float(low), (cell.id, name))
        self._build_previous()
        self._build_previous_release()

    def _build_previous_release(self) -> None:
        before = self.release.previous_release
        if before is None:
            return
        for atom in before.atoms.values():
            enrolled = self._var("prev|" + atom.id, "enrolled")
            for small in ("completed", "officers"):
                self._ub({self._var("prev|" + atom.id, small): 1.0, enrolled: -1.0}, 0.0)
        for line in before.atom_lines:
            for name in line.figures:
                terms: dict[int, float] = defaultdict(float)
                for member in line.members:
                    terms[self._var("prev|" + member, name)] += 1.0
                terms[self._var("prev|" + line.total, name)] -= 1.0
                self._eq(dict(terms), 0.0)
        for cell in before.cells.values():
            for name in FIGURES:
                terms = {self._var("prev|" + atom, name): 1.0 for atom in cell.atoms}
                if cell.known(name):
                    self._eq(terms, float(cell.values[name]))
                elif name in cell.ranges:
                    low, high = cell.ranges[name]
                    self._ub(terms, float(high))
                    self._ub({i: -v for i, v in terms.items()}, -float(low))
        if self.links:
            self._link_atoms(before)

    def _link_atoms(self, before: Release) -> None:
        now = {
            (atom.departments, atom.id.split(":", 1)[1]): atom
            for atom in self.release.atoms.values()
        }
        for atom in before.atoms.values():
            later = now.get((atom.departments, atom.id.split(":", 1)[1]))
            if later is None:
                continue
            for name in GROWING:
                if atom.values[name] > later.values[name]:
                    continue  # it did go down (withdrawals): no such inference holds
                self._ub(
                    {self._var("prev|" + atom.id, name): 1.0, self._var(later.id, name): -1.0},
                    0.0,
                )

    def _previous_term(self, cell: PreviousCell, name: str) -> tuple[dict[int, float], float]:
        if name in cell.published:
            return {}, float(cell.published[name])
        return {self._var("prev:" + cell.id, name): 1.0}, 0.0

    def _build_previous(self) -> None:
        release = self.release
        for cell in release.previous.values():
            for name in FIGURES:
                if name in cell.published:
                    continue
                variable = self._var("prev:" + cell.id, name)
                low, high = cell.ranges.get(name, (cell.lower.get(name, 0), None))
                self.lower[variable] = max(float(low), float(cell.lower.get(name, 0)))
                if high is not None:
                    self.upper[variable] = float(high)
            self._previous_structure(cell)
            if self.links and cell.current in release.cells:
                self._link(cell, release.cells[cell.current])
        for line in release.previous_lines:
            for name in line.figures:
                terms: dict[int, float] = defaultdict(float)
                constant = 0.0
                for member, sign in [(m, 1.0) for m in line.members] + [(line.total, -1.0)]:
                    part, value = self._previous_term(release.previous[member], name)
                    for index, coefficient in part.items():
                        terms[index] += sign * coefficient
                    constant += sign * value
                if terms:
                    self._eq(dict(terms), -constant)

    def _previous_structure(self, cell: PreviousCell) -> None:
        for small, big in (("completed", "enrolled"), ("officers", "enrolled")):
            left, left_value = self._previous_term(cell, small)
            right, right_value = self._previous_term(cell, big)
            if not left and not right:
                continue
            terms = dict(left)
            for index, coefficient in right.items():
                terms[index] = terms.get(index, 0.0) - coefficient
            self._ub(terms, right_value - left_value)

    def _link(self, previous: PreviousCell, cell: Cell) -> None:
        """A cumulative count does not go down: last report's figure <= this one."""
        for name in GROWING:
            before, before_value = self._previous_term(previous, name)
            if not before and before_value > cell.values[name]:
                continue  # it did go down (withdrawals): no such inference holds
            terms = dict(before)
            for index, coefficient in self._cell_terms(cell, name).items():
                terms[index] = terms.get(index, 0.0) - coefficient
            self._ub(terms, -before_value, (cell.id, name))

    def _compiled(self) -> dict:
        import numpy as np
        from scipy.sparse import csr_matrix

        if self._matrices is None:
            size = len(self.index)
            matrices = {"size": size}
            for name, rows in (("eq", self.eq_rows), ("ub", self.ub_rows)):
                if not rows:
                    matrices[name] = (None, None)
                    continue
                data, row_ids, col_ids = [], [], []
                for row_id, (terms, _) in enumerate(rows):
                    for col, value in terms.items():
                        data.append(value)
                        row_ids.append(row_id)
                        col_ids.append(col)
                matrix = csr_matrix((data, (row_ids, col_ids)), shape=(len(rows), size))
                matrices[name] = (matrix, np.array([rhs for _, rhs in rows]))
            matrices["bounds"] = [(self.lower.get(i, 0.0), self.upper.get(i)) for i in range(size)]
            self._matrices = matrices
        return self._matrices

    def bounds(self, target: Target) -> tuple[float, float] | None:
        """Smallest and largest value of the target; None when the system has no solution."""
        import numpy as np
        from scipy.optimize import linprog

        terms = self.expression(target)
        self.binding = set()
        if not terms:
            return 0.0, float("inf")  # published elsewhere: nothing to narrow here
        compiled = self._compiled()
        objective = np.zeros(compiled["size"])
        for index, coefficient in terms.items():
            objective[index] = coefficient
        found = []
        for sign in (1.0, -1.0):
            result = linprog(
                sign * objective,
                A_ub=compiled["ub"][0],
                b_ub=compiled["ub"][1],
                A_eq=compiled["eq"][0],
                b_eq=compiled["eq"][1],
                bounds=compiled["bounds"],
                method="highs",
            )
            if result.status == 3:  # unbounded: the maximum (never the minimum, all >= 0)
                found.append(float("inf") if sign < 0 else float("-inf"))
            elif result.status != 0:
                return None
            else:
                found.append(sign * result.fun)
                self._note_binding(result)
        return found[0], found[1]

    def _note_binding(self, result) -> None:
        """The published figures whose equations hold the bound (non-zero dual values)."""
        for origins, marginals in (
            (self.eq_origin, getattr(result.eqlin, "marginals", None)),
            (self.ub_origin, getattr(result.ineqlin, "marginals", None)),
        ):
            if marginals is None:
                continue
            for origin, value in zip(origins, marginals, strict=True):
                if origin is not None and abs(value) > _EPSILON:
                    self.binding.add(origin)

    def certify(self, targets: list[Target], width: float, rounds: int = 4) -> set[Target]:
        """Targets shown wide enough by a few linear programs over two copies of the system.

        Two solutions y and z of the system are two states of the world the published figures
        cannot tell apart, so a target's range is at least |y_t - z_t|. One program finds y
        and z that spread every target by up to `width` at once, each in a direction of its
        own (two unknowns of one line can only move in opposite directions, so the directions
        are drawn again for what is left, a few times); the targets spread that far need no
        program of their own (the others get their exact bounds from `bounds`).
        """
        certified: set[Target] = set()
        for round_number in range(rounds):
            left = [target for target in targets if target not in certified]
            found = self._certify_round(left, width, round_number)
            if not found and round_number:
                break
            certified |= found
        return certified

    def _certify_round(self, targets: list[Target], width: float, seed: int) -> set[Target]:
        import numpy as np
        from scipy.optimize import linprog
        from scipy.sparse import block_diag, bmat, csr_matrix, vstack

        if not targets:
            return set()
        compiled = self._compiled()
        size, count = compiled["size"], len(targets)
        data, rows, cols = [], [], []
        for row, target in enumerate(targets):
            data.append(1.0)
            rows.append(row)
            cols.append(2 * size + row)
            # A direction per target, drawn deterministically (the same report each time).
            digest = hashlib.sha256(f"{seed}:{target}".encode()).digest()
            sign = 1.0 if digest[0] % 2 else -1.0
            for index, coefficient in self.expression(target).items():
                data += [-sign * coefficient, sign * coefficient]
                rows += [row, row]
                cols += [index, size + index]
        spread = csr_matrix((data, (rows, cols)), shape=(count, 2 * size + count))
        parts_ub = [spread]
        rhs_ub = [np.zeros(count)]
        if compiled["ub"][0] is not None:
            doubled = block_diag([compiled["ub"][0], compiled["ub"][0]])
            parts_ub.insert(0, bmat([[doubled, csr_matrix((doubled.shape[0], count))]]))
            rhs_ub.insert(0, np.concatenate([compiled["ub"][1], compiled["ub"][1]]))
        eq = rhs_eq = None
        if compiled["eq"][0] is not None:
            doubled = block_diag([compiled["eq"][0], compiled["eq"][0]])
            eq = bmat([[doubled, csr_matrix((doubled.shape[0], count))]])
            rhs_eq = np.concatenate([compiled["eq"][1], compiled["eq"][1]])
        result = linprog(
            np.concatenate([np.zeros(2 * size), -np.ones(count)]),
            A_ub=vstack(parts_ub),
            b_ub=np.concatenate(rhs_ub),
            A_eq=eq,
            b_eq=rhs_eq,
            bounds=compiled["bounds"] * 2 + [(-width, width)] * count,
            method="highs",
        )
        if result.status != 0:
            return set()
        spreads = result.x[2 * size :]
        return {t for t, value in zip(targets, spreads, strict=True) if value >= width - _EPSILON}


def wide_enough(low: float, high: float, k: int) -> bool:
    """A withheld figure's range may not be narrower than "1 to k-1" (or a certain zero)."""
    return high - low >= k - 2 - _EPSILON or high <= _EPSILON


def _targets(release: Release) -> list[Target]:
    targets, seen = [], set()
    k = release.k
    for cell in release.cells.values():
        names = [name for name in FIGURES if not cell.known(name)]
        if not cell.known(NOT_COMPLETED):
            names.append(NOT_COMPLETED)
        for name in names:
            key = (tuple(sorted(cell.atoms)), name)
            if key not in seen:
                seen.add(key)
                targets.append(Target("cell", cell.id, name))
    rows = {tuple(sorted(cell.atoms)) for cell in release.cells.values()}
    for atom in release.atoms.values():
        if (atom.id,) in rows or not atom.officer_counts:
            continue  # a table row: rule 1 decides what of it is published
        officers, *split = atom.officer_counts
        if is_small(officers, k):
            names = (*FIGURES, NOT_COMPLETED)
        elif any(is_small(value, k) for value in split):
            names = ("completed", NOT_COMPLETED)
        else:
            continue
        for name in names:
            key = ((atom.id,), name)
            if key not in seen:
                seen.add(key)
                targets.append(Target("atom", atom.id, name))
    before = release.previous_release
    if before is not None:
        targets += _release_targets(before, "before-cell", "before-atom")
    for previous in release.previous.values():
        names = [name for name in FIGURES if name not in previous.published]
        if {"enrolled", "completed"} - previous.published.keys():
            names.append(NOT_COMPLETED)
        targets += [Target("previous", previous.id, name) for name in names]
    return targets


def _sensitive_names(counts: tuple[int, ...], k: int) -> tuple[str, ...]:
    if not counts:
        return ()
    officers, *split = counts
    if is_small(officers, k):
        return (*FIGURES, NOT_COMPLETED)
    if any(is_small(value, k) for value in split):
        return ("completed", NOT_COMPLETED)
    return ()


def _release_targets(release: Release, cell_kind: str, atom_kind: str) -> list[Target]:
    """A release's withheld figures and the figures of its small groups that no row shows."""
    targets, seen = [], set()
    for cell in release.cells.values():
        names = [name for name in FIGURES if not cell.known(name)]
        if not cell.known(NOT_COMPLETED):
            names.append(NOT_COMPLETED)
        for name in names:
            key = (tuple(sorted(cell.atoms)), name)
            if key not in seen:
                seen.add(key)
                targets.append(Target(cell_kind, cell.id, name))
    rows = {tuple(sorted(cell.atoms)) for cell in release.cells.values()}
    for atom in release.atoms.values():
        if (atom.id,) in rows:
            continue
        for name in _sensitive_names(atom.officer_counts, release.k):
            if ((atom.id,), name) not in seen:
                seen.add(((atom.id,), name))
                targets.append(Target(atom_kind, atom.id, name))
    return targets


def _cells_on_lines(release: Release, cell_id: str) -> list[Cell]:
    found = []
    for line in release.lines:
        ids = (*line.members, line.total)
        if cell_id in ids:
            found += [release.cells[other] for other in ids if other != cell_id]
    return found


def _repair_candidates(release: Release, target: Target) -> list[list[Cell]]:
    """Cells whose figure, withheld, widens the target: nearest first."""
    cells = release.cells
    if target.kind in ("before-cell", "before-atom"):
        current = target.id if target.kind == "before-cell" else None
        if current not in cells:
            return []
        return [[cells[current]], _cells_on_lines(release, current)]
    if target.kind == "previous":
        current = release.previous[target.id].current
        if current not in cells:
            return []
        return [[cells[current]], _cells_on_lines(release, current)]
    if target.kind == "atom":
        holders = [cell for cell in cells.values() if target.id in cell.atoms]
        return [holders]
    cell = cells[target.id]
    same_key = [
        other
        for other in cells.values()
        if other.table == cell.table and other.key == cell.key and other.id != cell.id
    ]
    return [_cells_on_lines(release, target.id), same_key]


def _repair(release: Release, target: Target, binding: set[tuple[str, str]]) -> bool:
    """Withhold the smallest published figure whose equation holds the target's bound."""
    reason = CHANGE if target.kind in ("previous", "before-cell", "before-atom") else COMPLEMENTARY
    held = [
        (release.cells[cell_id], name)
        for cell_id, name in binding
        if cell_id in release.cells and not release.cells[cell_id].fixed
    ]
    held = [(cell, name) for cell, name in held if name not in cell.withheld]
    held.sort(
        key=lambda item: (item[0].value(item[1]) == 0, item[0].value(item[1]), item[0].id, item[1])
    )
    for cell, name in held:
        if cell.withhold(name, reason):
            return True
    for group in _repair_candidates(release, target):
        candidate = _smallest(group, target.name)
        if candidate is not None and candidate.withhold(target.name, reason):
            return True
    return False


def _audit_until_safe(release: Release) -> None:
    """Rule 5: withhold one more figure while the audit finds a range too narrow."""
    passed: set[Target] = set()
    links = True
    while True:
        audit = IntervalAudit(release, links=links)
        failing = None
        pending = [target for target in _targets(release) if target not in passed]
        passed |= audit.certify(pending, release.k - 2)
        for target in pending:
            if target in passed:
                continue
            found = audit.bounds(target)
            if found is None:
                if links:
                    logger.warning("interval audit: no solution with links; retrying without")
                    links = False
                    break
                logger.error("interval audit: the published system has no solution")
                return
            if wide_enough(*found, release.k):
                passed.add(target)  # withholding more only widens it
            else:
                failing = target
                break
        else:
            return
        if failing is None:
            continue
        if audit.binding and all(
            name in release.cells[cell_id].withheld
            for cell_id, name in audit.binding
            if cell_id in release.cells
        ):
            # Only the rule's own statements (ranges) meet here, e.g. two small groups inside
            # a small total: that much the rule states, and nothing published adds to it.
            passed.add(failing)
            continue
        logger.info("interval audit: %s too narrow: %s", failing, found)
        if not _repair(release, failing, audit.binding):
            logger.error("interval audit: nothing left to withhold for %s", failing)
            passed.add(failing)
            continue
        _complete_lines(release)


def protect(release: Release) -> None:
    """Apply R-11 to every count figure of the release, in place (see the module docstring)."""
    release.k = max(min_cell(), release.k)
    _primary(release.cells.values(), release.k)
    _changes(release)
    _overlaps(release)
    _complete_lines(release)
    _audit_until_safe(release)


# --- tables of means -------------------------------------------------------------------------------


@dataclass
class MeanCell:
    """A row of a table of means: its count (matched pairs, ratings) and the means over it."""

    id: str
    partner: int
    table: str
    key: str
    n: int
    officers: int
    means: dict[str, float | None]
    departments: frozenset[int] = frozenset()
    withheld: str | None = None
    fixed: bool = False
    # Counts published before for a subset of the same values (another partner's report for
    # fewer departments): a mean may not differ from them by 1..k-1 values either.
    nested_counts: tuple[int, ...] = ()


@dataclass(frozen=True)
class MeanLedgerEntry:
    n: int
    means: dict[str, float | None]
    withheld_since: bool


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _mean_changed(cell: MeanCell, entry: MeanLedgerEntry, k: int) -> bool:
    delta = cell.n - entry.n
    if is_small(delta, k) or (entry.withheld_since and abs(delta) < k):
        return True  # a mean moves only with k new values
    return delta == 0 and any(
        _rounded(value) != _rounded(entry.means.get(name)) for name, value in cell.means.items()
    )


def protect_means(
    cells: Iterable[MeanCell], ledger: dict[str, MeanLedgerEntry], k: int | None = None
) -> None:
    """Means are published only over at least k values, and move only with k new ones."""
    k = max(min_cell(), k or 0)
    cells = list(cells)
    for cell in cells:
        if cell.fixed or cell.withheld:
            continue
        if cell.n < k or is_small(cell.officers, k):
            cell.withheld = SMALL_CELL
        elif cell.id in ledger and _mean_changed(cell, ledger[cell.id], k):
            cell.withheld = CHANGE
        elif any(is_small(cell.n - count, k) for count in cell.nested_counts):
            cell.withheld = COMPLEMENTARY
    by_key: dict[tuple[str, str], list[MeanCell]] = defaultdict(list)
    for cell in cells:
        by_key[(cell.table, cell.key)].append(cell)
    for group in by_key.values():
        published = sorted(
            (cell for cell in group if not cell.withheld), key=lambda cell: (cell.n, cell.id)
        )
        for index, first in enumerate(published):
            for second in published[index + 1 :]:
                if first.withheld or second.withheld or first.departments == second.departments:
                    continue
                nested = first.departments <= second.departments
                if not (nested or second.departments <= first.departments):
                    continue  # disjoint values: a difference of counts is no group's sum
                if is_small(second.n - first.n, k):
                    target = first if not first.fixed else second
                    if not target.fixed:
                        target.withheld = COMPLEMENTARY
