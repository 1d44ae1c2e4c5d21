"""Every partner's tables of one period, laid out at once for the disclosure control.

From the per-department figures (`partners.figures`), each partner's tables add up the
departments that share with it:

- `department`: a department with at least `bands[-1]` officers on its roster (k by default)
  is a row of its own; smaller ones are grouped by state and size band ("Georgia: departments
  with 1 to 10 officers"), so that small departments stay in the picture without being seen
  one by one, and each state adds up exactly to its rows;
- `state`: every sharing department of the state, small ones included;
- `curriculum`, `month`, `quarter`, `year` (of assignment, in the department's time zone;
  the current year's row is the year to date), `module`: the same enrollments;
- `total` (the grand total of the first six) and `module_total`;
- `trainer` (a row per state) and `trainer_month` (month of certification), adding up to
  `trainer_total`: the department trainers certified through Training of Trainers, counted
  like officers (trainers certified, certifications issued, certifications ended; issued minus
  ended is the number holding a valid certification at the end of the period);
- `discussion` (module), adding up to `discussion_total`: officers who posted in their
  cohort's module threads, posts, and replies among them (counts only, never a text);
- `gain` and `rating`: means over matched pre/post pairs and over module ratings.

For the disclosure control every figure is a sum of *atoms*: the departments that share with
exactly the same set of partners form a block, and an atom is one block's figure of one row.
Two partners' figures for the same row then differ by whole atoms, which is what the control
protects (`partners.disclosure`, rule 4).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.models import US_STATES
from partners.disclosure import (
    FIGURES,
    Atom,
    Cell,
    LedgerEntry,
    Line,
    MeanCell,
    MeanLedgerEntry,
    PreviousCell,
    Release,
)
from partners.figures import PeriodFigures

TRAINER_TABLES = ("trainer", "trainer_month")
TRAINER_ROWS = (*TRAINER_TABLES, "trainer_total")
COUNT_TABLES = (
    "department",
    "state",
    "curriculum",
    "month",
    "quarter",
    "year",
    "module",
    *TRAINER_TABLES,
    "discussion",
)
MEAN_TABLES = ("gain", "rating")
TOTALS = ("total", "module_total", "trainer_total", "discussion_total")
TOTAL_OF = (
    dict.fromkeys(COUNT_TABLES, "total")
    | {"module": "module_total"}
    | dict.fromkeys(TRAINER_TABLES, "trainer_total")
    | {"discussion": "discussion_total"}
)
# Tables whose third figure is no completion: no completion rate.
NO_RATE = (*TRAINER_ROWS, "discussion", "discussion_total")
PARENT_TABLE = {"department": "state", "month": "quarter", "quarter": "year"}
# Officers (distinct per department) add up across departments, not across curricula or months.
OFFICERS_ADD_UP = {"department", "state", "total", "trainer", "trainer_total"}
TOTAL_KEY = "all"
STATE_NAMES = dict(US_STATES)
_ZERO = {
    "officers": 0,
    "enrolled": 0,
    "completed": 0,
    "completed_officers": 0,
    "open_officers": 0,
}


def line_figures(table: str) -> tuple[str, ...]:
    return FIGURES if table in OFFICERS_ADD_UP else ("enrolled", "completed")


@dataclass
class RowSpec:
    table: str
    key: str
    label: str
    parent: str = ""
    cell_id: str = ""
    members: tuple[int, ...] = ()


@dataclass
class PartnerView:
    partner_id: int
    department_ids: frozenset[int]
    rows: list[RowSpec] = field(default_factory=list)
    departments_reached: int = 0


@dataclass
class Layout:
    release: Release
    means: dict[str, MeanCell]
    views: dict[int, PartnerView]
    mean_ledger: dict[str, MeanLedgerEntry] = field(default_factory=dict)


def band_of(roster: int, bands: tuple[int, ...]) -> tuple[int, int] | None:
    """The size band of a roster (low, high), or None for a department shown on its own."""
    low = 1
    for limit in bands:
        if roster < limit:
            return low, limit - 1
        low = limit
    return None


def unit_of(info, bands: tuple[int, ...], floor: dict[int, int] | None = None) -> tuple[str, str]:
    """The department's row: its own, or its state's size-band group.

    A department never moves down (`floor`: the highest band an earlier report put it in, one
    past the last band for a row of its own): moving it back into a smaller group would let a
    reader compare its old row with the group's. It moves up when its roster grows.
    """
    rank = _rank(info.roster, bands)
    rank = max(rank, (floor or {}).get(info.id, 0))
    if rank >= len(bands):
        return str(info.id), info.name
    low = 1 if rank == 0 else bands[rank - 1]
    return f"{info.state}:{low}-{bands[rank] - 1}", ""


def _rank(roster: int, bands: tuple[int, ...]) -> int:
    return next((index for index, limit in enumerate(bands) if roster < limit), len(bands))


def unit_rank(key: str, bands: tuple[int, ...]) -> int:
    """The rank of a department row's key: its band's index, or len(bands) for its own row."""
    if ":" not in key:
        return len(bands)
    low = int(key.split(":")[1].split("-")[0])
    return _rank(low, bands)


def group_label(key: str) -> str:
    state, band = key.split(":", 1)
    low, high = band.split("-")
    return _("%(state)s: departments with %(low)s to %(high)s officers") % {
        "state": STATE_NAMES.get(state, state),
        "low": low,
        "high": high,
    }


def _quarter_of(month_key: str) -> str:
    year, month = month_key.split("-")
    return f"{year}-Q{(int(month) - 1) // 3 + 1}"


class _Builder:
    def __init__(self, figures: PeriodFigures, partners: dict[int, frozenset[int]], bands, floor):
        self.figures = figures
        self.partners = partners
        self.bands = bands
        self.signature = {
            department: tuple(sorted(p for p, ids in partners.items() if department in ids))
            for department in figures.departments
        }
        blocks = sorted(set(self.signature.values()))
        self.block_of = {d: blocks.index(sig) for d, sig in self.signature.items()}
        self.units = {d: unit_of(info, bands, floor) for d, info in figures.departments.items()}
        self.cells: dict[str, Cell] = {}
        self.atoms: dict[str, Atom] = {}
        self.lines: list[Line] = []
        self.atom_lines: set[Line] = set()
        self.means: dict[str, MeanCell] = {}
        self.views: dict[int, PartnerView] = {}

    # Which departments a row covers, and their figures.
    def members(self, table: str, key: str) -> dict[int, dict[str, int]]:
        info = self.figures.departments
        totals = self.figures.counts.get(("total", TOTAL_KEY), {})
        if table == "department":
            ids = [d for d in info if self.units[d][0] == key]
            return {d: totals.get(d, _ZERO) for d in ids}
        if table == "state":
            return {d: totals.get(d, _ZERO) for d in info if info[d].state == key}
        if table == "total":
            return {d: totals.get(d, _ZERO) for d in info}
        return dict(self.figures.counts.get((table, key), {}))

    def atom_ids(self, table: str, key: str, departments: dict[int, dict]) -> dict[int, str]:
        by_block: dict[int, dict[str, int]] = {}
        members: dict[int, set[int]] = defaultdict(set)
        for department, values in departments.items():
            block = self.block_of[department]
            members[block].add(department)
            found = by_block.setdefault(block, dict.fromkeys(_ZERO, 0))
            for name in _ZERO:
                found[name] += values.get(name, 0)
        ids = {}
        for block, values in by_block.items():
            atom_id = f"b{block}:{table}:{key}"
            if atom_id not in self.atoms:
                self.atoms[atom_id] = Atom(
                    atom_id,
                    {name: values[name] for name in FIGURES},
                    (values["officers"], values["completed_officers"], values["open_officers"]),
                    frozenset(members[block]),
                )
            ids[block] = atom_id
        return ids

    def cell(self, partner: int, table: str, key: str) -> Cell | None:
        departments = {
            d: v for d, v in self.members(table, key).items() if d in self.partners[partner]
        }
        if not departments and table not in TOTALS:
            return None
        sums = dict.fromkeys(_ZERO, 0)
        for values in departments.values():
            for name in _ZERO:
                sums[name] += values.get(name, 0)
        atoms = self.atom_ids(table, key, departments)
        cell = Cell(
            id=f"p{partner}:{table}:{key}",
            partner=partner,
            table=table,
            key=key,
            values={name: sums[name] for name in FIGURES},
            officer_counts=(sums["officers"], sums["completed_officers"], sums["open_officers"]),
            atoms=tuple(sorted(atoms.values())),
        )
        self.cells[cell.id] = cell
        return cell

    def keys(self, table: str, partner: int) -> list[str]:
        own = self.partners[partner]
        if table == "department":
            found = {self.units[d][0] for d in self.figures.departments if d in own}
        elif table == "state":
            found = {self.figures.departments[d].state for d in own if d in self.units}
        else:
            found = {
                key
                for (name, key), by_department in self.figures.counts.items()
                if name == table and own & by_department.keys()
            }
        return sorted(found, key=lambda key: self.sort_key(table, key))

    def sort_key(self, table: str, key: str) -> tuple:
        if table == "department":
            ids = [d for d, unit in self.units.items() if unit[0] == key]
            info = self.figures.departments[ids[0]]
            grouped = ":" in key
            return (STATE_NAMES.get(info.state, info.state), grouped, self.units[ids[0]][1], key)
        if table in ("state", "trainer"):
            return (STATE_NAMES.get(key, key), key)
        return (*self.figures.order.get((table, key), ()), key)

    def label(self, table: str, key: str) -> str:
        if table == "department":
            if ":" in key:
                return group_label(key)
            return self.figures.departments[int(key)].name
        if table in ("state", "trainer"):
            return STATE_NAMES.get(key, key)
        return self.figures.labels.get((table, key), key)

    def parent(self, table: str, key: str) -> str:
        if table == "department":
            ids = [d for d, unit in self.units.items() if unit[0] == key]
            return self.figures.departments[ids[0]].state
        if table == "month":
            return _quarter_of(key)
        if table == "quarter":
            return key.split("-")[0]
        return ""

    def view(self, partner: int) -> None:
        view = PartnerView(partner, self.partners[partner])
        rows_by_table: dict[str, list[RowSpec]] = {}
        for table in COUNT_TABLES:
            specs = []
            for key in self.keys(table, partner):
                cell = self.cell(partner, table, key)
                if cell is not None:
                    spec = RowSpec(table, key, self.label(table, key), self.parent(table, key))
                    spec.cell_id = cell.id
                    if table == "department":
                        spec.members = tuple(
                            sorted(
                                d
                                for d, unit in self.units.items()
                                if unit[0] == key and d in self.partners[partner]
                            )
                        )
                    specs.append(spec)
            rows_by_table[table] = specs
        for total in TOTALS:
            cell = self.cell(partner, total, TOTAL_KEY)
            rows_by_table[total] = [RowSpec(total, TOTAL_KEY, "", "", cell.id)]
        for table in COUNT_TABLES:
            view.rows += rows_by_table[table]
        for total in TOTALS:
            view.rows += rows_by_table[total]
        self.partner_lines(partner, rows_by_table)
        for table in MEAN_TABLES:
            view.rows += self.mean_rows(partner, table)
        totals = self.figures.counts.get(("total", TOTAL_KEY), {})
        view.departments_reached = sum(
            1 for d in view.department_ids if totals.get(d, _ZERO)["enrolled"] > 0
        )
        self.views[partner] = view

    def partner_lines(self, partner: int, rows_by_table: dict[str, list[RowSpec]]) -> None:
        prefix = f"p{partner}:"
        for table in COUNT_TABLES:
            members = [spec.cell_id for spec in rows_by_table[table]]
            if members:
                total = f"{prefix}{TOTAL_OF[table]}:{TOTAL_KEY}"
                self.add_line(members, total, line_figures(table))
            parent_table = PARENT_TABLE.get(table)
            if parent_table is None:
                continue
            children: dict[str, list[str]] = defaultdict(list)
            for spec in rows_by_table[table]:
                children[spec.parent].append(spec.cell_id)
            for parent, ids in children.items():
                self.add_line(ids, f"{prefix}{parent_table}:{parent}", line_figures(table))

    def add_line(self, members: list[str], total: str, figures: tuple[str, ...]) -> None:
        self.lines.append(Line(tuple(members), total, figures))
        total_cell = self.cells[total]
        for atom_total in total_cell.atoms:
            block = atom_total.split(":", 1)[0]
            atom_members = tuple(
                sorted(
                    atom
                    for member in members
                    for atom in self.cells[member].atoms
                    if atom.split(":", 1)[0] == block
                )
            )
            self.atom_lines.add(Line(atom_members, atom_total, figures))

    def mean_rows(self, partner: int, table: str) -> list[RowSpec]:
        own = self.partners[partner]
        keys = [
            key
            for (name, key), by_department in self.figures.sums.items()
            if name == table and own & by_department.keys()
        ]
        specs = []
        for key in sorted(keys, key=lambda key: self.sort_key(table, key)):
            sums = {d: v for d, v in self.figures.sums[(table, key)].items() if d in own}
            cell = _mean_cell(partner, table, key, sums)
            self.means[cell.id] = cell
            specs.append(RowSpec(table, key, self.label(table, key), "", cell.id))
        return specs


def _mean_cell(partner: int, table: str, key: str, sums: dict[int, dict]) -> MeanCell:
    n = sum(values["n"] for values in sums.values())
    total = defaultdict(float)
    for values in sums.values():
        for name, value in values.items():
            total[name] += value
    if table == "gain":
        pre, post = total["sum_pre"] / n, total["sum_post"] / n
        means = {
            "mean_pre": pre,
            "mean_post": post,
            "mean_gain": post - pre,
            "normalised_gain": (post - pre) / (100 - pre) if pre < 100 else None,
        }
    else:
        means = {"mean_rating": total["sum_rating"] / n}
    return MeanCell(
        id=f"p{partner}:{table}:{key}",
        partner=partner,
        table=table,
        key=key,
        n=n,
        officers=int(total["officers"]),
        means=means,
        departments=frozenset(sums),
    )


def release_layout(
    *,
    figures: PeriodFigures,
    partners: dict[int, frozenset[int]],
    bands: tuple[int, ...],
    k: int,
    floor: dict[int, int] | None = None,
) -> Layout:
    """Every partner's cells, atoms and lines for the period (not yet suppressed).

    `floor`: per department, the rank of the row an earlier report gave it (`unit_rank`).
    """
    builder = _Builder(figures, partners, bands, floor or {})
    for partner in sorted(partners):
        builder.view(partner)
    release = Release(
        cells=builder.cells,
        atoms=builder.atoms,
        lines=builder.lines,
        atom_lines=sorted(builder.atom_lines, key=lambda line: (line.total, line.members)),
        k=k,
    )
    return Layout(release=release, means=builder.means, views=builder.views)


# --- what the partner already holds -------------------------------------------------------------


def ledger_entries(reports_rows: list[list]) -> dict[tuple[str, str], LedgerEntry]:
    """Per (table, key), the last exact value of each figure over the reports, in order.

    `reports_rows` holds, per report (oldest first), its `PartnerReportRow`-like rows.
    """
    last: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    lower: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    since: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rows in reports_rows:
        for row in rows:
            if row.table in MEAN_TABLES:
                continue
            key = (row.table, row.key)
            for name in FIGURES:
                value = getattr(row, name)
                if value is not None and name not in row.ranges:
                    last[key][name] = value
                    lower[key][name] = max(lower[key].get(name, 0), value)
                    since[key].discard(name)
                    continue
                if name in row.ranges:
                    low = row.ranges[name][0]
                    lower[key][name] = max(lower[key].get(name, 0), low)
                if name in last[key]:
                    since[key].add(name)
            if row.enrolled is not None and row.completed is not None:
                last[key]["not_completed"] = row.enrolled - row.completed
    return {
        key: LedgerEntry(dict(last[key]), dict(lower[key]), frozenset(since[key]))
        for key in set(last) | set(lower)
    }


def mean_ledger_entries(reports_rows: list[list]) -> dict[tuple[str, str], MeanLedgerEntry]:
    found: dict[tuple[str, str], MeanLedgerEntry] = {}
    for rows in reports_rows:
        for row in rows:
            if row.table not in MEAN_TABLES:
                continue
            key = (row.table, row.key)
            n = row.pairs if row.table == "gain" else row.ratings
            if n is not None:
                names = ("mean_pre", "mean_post", "mean_gain", "normalised_gain")
                if row.table == "rating":
                    names = ("mean_rating",)
                found[key] = MeanLedgerEntry(n, {m: getattr(row, m) for m in names}, False)
            elif key in found:
                entry = found[key]
                found[key] = MeanLedgerEntry(entry.n, entry.means, True)
    return found


def previous_cells(
    partner: int, rows: list, before: dict[tuple[str, str], LedgerEntry]
) -> tuple[dict[str, PreviousCell], list[Line]]:
    """The partner's previous report as unknowns and lines for the interval audit."""
    cells: dict[str, PreviousCell] = {}
    count_rows = [row for row in rows if row.table not in MEAN_TABLES]
    for row in count_rows:
        cell_id = f"p{partner}:{row.table}:{row.key}"
        entry = before.get((row.table, row.key))
        cells[cell_id] = PreviousCell(
            id=cell_id,
            current=cell_id,
            published={
                name: getattr(row, name)
                for name in FIGURES
                if getattr(row, name) is not None and name not in row.ranges
            },
            ranges={name: tuple(value) for name, value in row.ranges.items()},
            lower=dict(entry.lower) if entry else {},
        )
    lines = []
    by_table: dict[str, list] = defaultdict(list)
    for row in count_rows:
        by_table[row.table].append(row)
    for table in COUNT_TABLES:
        members = [f"p{partner}:{table}:{row.key}" for row in by_table[table]]
        total = f"p{partner}:{TOTAL_OF[table]}:{TOTAL_KEY}"
        if members and total in cells:
            lines.append(Line(tuple(members), total, line_figures(table)))
        parent_table = PARENT_TABLE.get(table)
        children: dict[str, list[str]] = defaultdict(list)
        for row in by_table[table]:
            if parent_table and row.parent:
                children[row.parent].append(f"p{partner}:{table}:{row.key}")
        for parent, ids in children.items():
            parent_id = f"p{partner}:{parent_table}:{parent}"
            if parent_id in cells:
                lines.append(Line(tuple(ids), parent_id, line_figures(table)))
    return cells, lines
