"""An outside interval audit of everything partners were given, written apart from the code
it checks (it shares no code with `partners.disclosure`).

The attacker holds every report of every partner (a reviewer of several partners, or partners
that pool their files), knows which departments share with which partner, their states, which
departments a table lists on their own (the rest are grouped by state), and that cumulative
counts never go down from one month to the next. The unknowns are the finest figures there are:
each department's officers, enrollments and completions, overall and per curriculum, month,
quarter, year and module, in every period. Every published figure is a linear equation over
them, every range a pair of inequalities, and the tables' own structure (a department's
curricula add up to its total, months to quarters, completions never exceed enrollments) more
equations. For every withheld figure, and every figure of a department-level group of 1..k-1
officers that no report lists, two linear programs (scipy's `linprog`, HiGHS) find the smallest
and largest value the attacker can prove. A range narrower than k-2 (the width of "1 to k-1")
*pins* the figure, unless it is a certain zero (R-11 shows zeros).

The true per-department figures come from `partners.figures.period_figures` (the counting is
tested on its own against the worlds the tests build); what was published comes from the
report files the partner downloads.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from pypdf import PdfReader
from scipy.optimize import linprog
from scipy.sparse import block_diag, csr_matrix, hstack, vstack

FIGURES = ("officers", "enrolled", "completed")
PER_DEPARTMENT_TABLES = ("curriculum", "month", "quarter", "year", "module")
TOTAL_OF = {"curriculum": "total", "month": "total", "quarter": "total", "year": "total"}
TOTAL_OF["module"] = "module_total"
# Certified trainers: by state (a department's trainers are in its state's row, which the
# attacker knows) and by month of certification, both adding up to trainer_total.
TRAINER_TABLES = ("trainer", "trainer_month")
PER_DEPARTMENT_TABLES += (*TRAINER_TABLES, "discussion")
TOTAL_OF |= dict.fromkeys(TRAINER_TABLES, "trainer_total") | {"discussion": "discussion_total"}
BASE_KEYS = {(total, "all") for total in ("total", "module_total", "trainer_total")}
BASE_KEYS.add(("discussion_total", "all"))
EPSILON = 1e-6


@dataclass
class Published:
    """One figure a partner was given: exact, a range, or withheld."""

    low: float | None
    high: float | None

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high


def parse_figure(text: str) -> Published:
    if text in ("", None):
        return Published(None, None)
    if text == "withheld":
        return Published(None, None)
    if re.fullmatch(r"\d+-\d+", text):
        low, high = (int(part) for part in text.split("-"))
        return Published(low, high)
    value = float(text)
    return Published(value, value)


@dataclass
class ReportView:
    """What one partner got for one period: (table, key) -> figure -> Published."""

    partner: int
    period: int  # index of the period, oldest first
    departments: frozenset[int]
    figures: dict[tuple[str, str], dict[str, Published]] = field(default_factory=dict)
    means: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)


def report_view(*, partner: int, period: int, departments, csv_bytes: bytes) -> ReportView:
    view = ReportView(partner, period, frozenset(departments))
    for row in csv.DictReader(io.StringIO(csv_bytes.decode("utf-8"))):
        table, key = row["table"], row["key"]
        if table in ("gain", "rating"):
            view.means[(table, key)] = row
            continue
        if key == "total":
            table, key = TOTAL_OF.get(table, "total"), "all"
        view.figures[(table, key)] = {name: parse_figure(row[name]) for name in FIGURES}
    return view


@dataclass
class Truth:
    """The true per-department figures of one period (from `period_figures`)."""

    counts: dict[tuple[str, str], dict[int, dict[str, int]]]
    states: dict[int, str]
    # Which group each department not listed on its own was reported in (the attacker is
    # granted it: groups follow public roster sizes, and a department never moves down).
    units: dict[int, str] = field(default_factory=dict)


class Attack:
    def __init__(
        self,
        truths: list[Truth],
        views: list[ReportView],
        k: int,
        *,
        exact: bool = True,
        ranges_are_statements: bool = True,
    ):
        self.truths, self.views, self.k = truths, views, k
        self.exact = exact  # False: only what the rule states (ranges), no exact figure
        # Ranges are the rule's own statements (exempt when they alone narrow a figure); not
        # so for a method whose every figure is a range (noise).
        self.ranges_are_statements = ranges_are_statements
        self.index: dict[tuple, int] = {}
        self.eq: list[tuple[dict[int, float], float]] = []
        self.ub: list[tuple[dict[int, float], float]] = []
        self.eq_why: list[str] = []
        self.ub_why: list[str] = []
        self._build()

    def var(self, period: int, department: int, table: str, key: str, name: str) -> int | None:
        return self.index.get((period, department, table, key, name))

    # The unknowns: a department's figures in every row any of its partners' tables lists.
    def _keys(self, period: int, department: int) -> set[tuple[str, str]]:
        keys = None
        for view in self.views:
            if view.period == period and department in view.departments:
                own = {key for key in view.figures if key[0] in PER_DEPARTMENT_TABLES}
                keys = own if keys is None else keys & own
        state = self.truths[period].states[department]
        return {(t, k) for t, k in keys or set() if t != "trainer" or k == state}

    def _build(self) -> None:
        periods = sorted({view.period for view in self.views})
        for period in periods:
            departments = set().union(*(v.departments for v in self.views if v.period == period))
            for department in sorted(departments):
                keys = BASE_KEYS | self._keys(period, department)
                for table, key in sorted(keys):
                    for name in FIGURES:
                        self.index[(period, department, table, key, name)] = len(self.index)
                self._structure(period, department, keys)
        for view in self.views:
            self._published(view)
        self._monotone(periods)

    def _eq(self, terms, rhs, why):
        self.eq.append((terms, rhs))
        self.eq_why.append(why)

    def _ub(self, terms, rhs, why):
        self.ub.append((terms, rhs))
        self.ub_why.append(why)

    def _sum(self, terms: dict[int, float], variable: int | None, sign: float = 1.0) -> None:
        if variable is not None:
            terms[variable] = terms.get(variable, 0.0) + sign

    def _structure(self, period: int, department: int, keys: set[tuple[str, str]]) -> None:
        for table, key in keys:
            officers, enrolled, completed = (
                self.var(period, department, table, key, name) for name in FIGURES
            )
            self._ub({completed: 1.0, enrolled: -1.0}, 0.0, "completed <= enrolled")
            self._ub({officers: 1.0, enrolled: -1.0}, 0.0, "officers <= enrolled")
        for table in PER_DEPARTMENT_TABLES:
            total = TOTAL_OF[table]
            for name in ("enrolled", "completed"):
                terms: dict[int, float] = {}
                for t, key in keys:
                    if t == table:
                        self._sum(terms, self.var(period, department, t, key, name))
                self._sum(terms, self.var(period, department, total, "all", name), -1.0)
                self._eq(terms, 0.0, f"{table} add up")
        for table, key in keys:
            if table == "trainer":  # the department's one state row is its trainer total
                for name in FIGURES:
                    terms = {}
                    self._sum(terms, self.var(period, department, table, key, name))
                    self._sum(
                        terms, self.var(period, department, "trainer_total", "all", name), -1.0
                    )
                    self._eq(terms, 0.0, "a department's trainers are its state's")
        for child, parent in (("month", "quarter"), ("quarter", "year")):
            parents = {key for t, key in keys if t == parent}
            for parent_key in parents:
                for name in ("enrolled", "completed"):
                    terms = {}
                    for t, key in keys:
                        if t == child and _parent(child, key) == parent_key:
                            self._sum(terms, self.var(period, department, t, key, name))
                    self._sum(terms, self.var(period, department, parent, parent_key, name), -1.0)
                    self._eq(terms, 0.0, f"{child} add up to {parent}")

    def _members(self, view: ReportView, table: str, key: str) -> list[tuple[int, str, str]]:
        return members_of(view, self.truths[view.period], table, key)

    def _published(self, view: ReportView) -> None:
        for (table, key), figures in view.figures.items():
            for name, published in figures.items():
                if published.low is None:
                    continue
                terms: dict[int, float] = {}
                for department, t, k in self._members(view, table, key):
                    self._sum(terms, self.var(view.period, department, t, k, name))
                why = f"partner {view.partner} period {view.period} {table}:{key} {name}"
                if published.exact and not self.exact:
                    continue
                if published.exact:
                    self._eq(terms, published.low, f"{why} = {published.low:g}")
                else:
                    self._ub(terms, published.high, f"{why} <= {published.high:g}")
                    self._ub(
                        {i: -v for i, v in terms.items()},
                        -published.low,
                        f"{why} >= {published.low:g}",
                    )

    def _monotone(self, periods: list[int]) -> None:
        for (period, department, table, key, name), index in list(self.index.items()):
            if period + 1 in periods:
                later = self.var(period + 1, department, table, key, name)
                if later is not None:
                    self._ub({index: 1.0, later: -1.0}, 0.0, "does not go down")

    def _matrices(self):
        if getattr(self, "_compiled", None) is not None:
            return self._compiled
        size = len(self.index)
        matrices = []
        for rows in (self.eq, self.ub):
            data, row_ids, col_ids = [], [], []
            for row_id, (row, _) in enumerate(rows):
                for col, value in row.items():
                    data.append(value)
                    row_ids.append(row_id)
                    col_ids.append(col)
            matrix = csr_matrix((data, (row_ids, col_ids)), shape=(len(rows), size))
            matrices.append((matrix, np.array([rhs for _, rhs in rows], dtype=float)))
        self._compiled = matrices
        return matrices

    def bounds(self, terms: dict[int, float]) -> tuple[float, float]:
        size = len(self.index)
        matrices = self._matrices()
        objective = np.zeros(size)
        for index, value in terms.items():
            objective[index] = value
        found = []
        self.why = set()
        for sign in (1.0, -1.0):
            result = linprog(
                sign * objective,
                A_eq=matrices[0][0],
                b_eq=matrices[0][1],
                A_ub=matrices[1][0],
                b_ub=matrices[1][1],
                bounds=(0, None),
                method="highs",
            )
            assert result.status in (0, 3), f"the published figures contradict: {result.message}"
            if result.status == 3:
                found.append(np.inf)
            else:
                found.append(sign * result.fun)
                for whys, marginals in (
                    (self.eq_why, result.eqlin.marginals),
                    (self.ub_why, result.ineqlin.marginals),
                ):
                    self.why |= {
                        w
                        for w, m in zip(whys, marginals, strict=True)
                        if abs(m) > EPSILON and w.startswith("partner")
                    }
        return found[0], found[1]

    def _expression(self, members, period: int, name: str) -> dict[int, float]:
        names = (
            (("enrolled", 1.0), ("completed", -1.0)) if name == "not_completed" else ((name, 1.0),)
        )
        terms: dict[int, float] = {}
        for department, table, key in members:
            for part, sign in names:
                self._sum(terms, self.var(period, department, table, key, part), sign)
        return terms

    def targets(self):
        """(description, expression, published) of everything that must not be pinned:
        every withheld figure of a report (published=True), and every figure of a
        department-level group of 1..k-1 officers (published=False)."""
        for view in self.views:
            for (table, key), figures in view.figures.items():
                hidden = [name for name, value in figures.items() if not value.exact]
                if not (figures["enrolled"].exact and figures["completed"].exact):
                    hidden.append("not_completed")
                members = self._members(view, table, key)
                for name in hidden:
                    label = f"partner {view.partner} period {view.period} {table}:{key} {name}"
                    yield label, self._expression(members, view.period, name), True
        for period, truth in enumerate(self.truths):
            for (table, key), by_department in truth.counts.items():
                for department, values in by_department.items():
                    if self.var(period, department, table, key, "enrolled") is None:
                        continue
                    split = (values["completed_officers"], values["open_officers"])
                    if 0 < values["officers"] < self.k:
                        names = (*FIGURES, "not_completed")
                    elif any(0 < value < self.k for value in split):
                        names = ("completed", "not_completed")
                    else:
                        continue
                    members = [(department, table, key)]
                    for name in names:
                        label = f"department {department} period {period} {table}:{key} {name}"
                        yield label, self._expression(members, period, name), False

    def spread(self, targets: list[dict[int, float]], signs: list[float]) -> np.ndarray:
        """Two solutions y, z of the system that set each target apart (up to k-2) in its own
        direction: any target they set k-2 apart cannot be pinned (both are possible)."""
        size, count = len(self.index), len(targets)
        (eq, eq_rhs), (ub, ub_rhs) = self._matrices()
        data, rows, cols = [], [], []
        for row, (terms, sign) in enumerate(zip(targets, signs, strict=True)):
            data.append(1.0)
            rows.append(row)
            cols.append(2 * size + row)
            for index, value in terms.items():
                data += [-sign * value, sign * value]
                rows += [row, row]
                cols += [index, size + index]
        spread = csr_matrix((data, (rows, cols)), shape=(count, 2 * size + count))
        pad_eq = csr_matrix((eq.shape[0] * 2, count))
        pad_ub = csr_matrix((ub.shape[0] * 2, count))
        result = linprog(
            np.concatenate([np.zeros(2 * size), -np.ones(count)]),
            A_eq=hstack([block_diag([eq, eq]), pad_eq]),
            b_eq=np.concatenate([eq_rhs, eq_rhs]),
            A_ub=vstack([hstack([block_diag([ub, ub]), pad_ub]), spread]),
            b_ub=np.concatenate([ub_rhs, ub_rhs, np.zeros(count)]),
            bounds=[(0, None)] * (2 * size) + [(None, self.k - 2)] * count,
            method="highs",
        )
        assert result.status == 0, result.message
        return result.x[2 * size :]

    def too_narrow(self, low: float, high: float, *, strict: bool) -> bool:
        """A withheld figure of a report may not be known within fewer values than "1 to
        k-1" spans (a certain zero aside: R-11 shows zeros). A figure no report has (one
        department's share of a row, of a group of 1..k-1 officers) may not be derived as a
        value of 1 to k-1, nor proved to be a small count more narrowly than "1 to k-1" ("at
        most 5", or "7 to 13", is not a derived value)."""
        narrow = high - low < self.k - 2 - EPSILON and high > EPSILON
        if strict:
            return narrow
        # R-11 (after CMS): no value of 1 to k-1 may be derivable.
        exact_small = high - low < EPSILON and EPSILON < high < self.k - EPSILON
        proved_small = low > EPSILON and high < self.k - EPSILON
        return exact_small or (narrow and proved_small)

    def pinned(self) -> list[str]:
        """Every target whose provable range is narrower than the rule allows."""
        found, seen, pending = [], set(), []
        strict: dict[tuple, bool] = {}
        for label, terms, published in self.targets():
            signature = tuple(sorted(terms.items()))
            if terms and signature not in seen:
                seen.add(signature)
                pending.append((label, terms))
            strict[signature] = strict.get(signature, False) or published
        for round_number in range(3):
            if not pending:
                break
            signs = [1.0 if (i * 7 + round_number) % 3 else -1.0 for i in range(len(pending))]
            spreads = self.spread([terms for _, terms in pending], signs)
            pending = [
                item
                for item, value in zip(pending, spreads, strict=True)
                if value < self.k - 2 - EPSILON
            ]
        stated = None
        for label, terms in pending:
            low, high = self.bounds(terms)
            if not self.too_narrow(low, high, strict=strict[tuple(sorted(terms.items()))]):
                continue
            # What the rule itself states (a small group is 1..k-1, a change within k-1 of the
            # last value) may narrow a figure when several such statements meet (two small
            # groups inside a small total): that is what the rule allows. A pin is a range
            # narrower than the statements alone give, because of a published figure.
            if self.ranges_are_statements:
                stated = stated or Attack(self.truths, self.views, self.k, exact=False)
                stated_low, stated_high = stated.bounds(self._translate(terms, stated))
                if low <= stated_low + EPSILON and high >= stated_high - EPSILON:
                    continue
            found.append(f"{label}: {low:g}..{high:g} (by {'; '.join(sorted(self.why))})")
        return found

    def _translate(self, terms: dict[int, float], other: Attack) -> dict[int, float]:
        """The same expression over the other attack's unknowns (same index, same order)."""
        assert other.index == self.index
        return terms


def _parent(table: str, key: str) -> str:
    if table == "month":
        year, month = key.split("-")
        return f"{year}-Q{(int(month) - 1) // 3 + 1}"
    return key.split("-")[0]


def published_problems(views: list[ReportView], truths: list[Truth], k: int) -> list[str]:
    """Direct checks: nothing exact about a group of 1..k-1 officers (no figure at all; where
    1..k-1 of k or more officers completed, or did not, no exact completions); means over k or
    more values, moving by 0 or at least k between releases holding each other's values."""
    problems = []
    for view in views:
        for (table, key), figures in view.figures.items():
            members = members_of(view, truths[view.period], table, key)
            counts = [truths[view.period].counts.get(m[1:], {}).get(m[0]) for m in members]
            total = {
                name: sum(c[name] for c in counts if c)
                for name in ("officers", "completed_officers", "open_officers")
            }
            label = f"partner {view.partner} period {view.period} {table}:{key}"
            if 0 < total["officers"] < k:
                exact = [name for name, value in figures.items() if value.exact]
                if exact:
                    problems.append(f"{label}: {exact} exact for {total['officers']} officers")
            elif (
                any(0 < total[n] < k for n in ("completed_officers", "open_officers"))
                and figures["completed"].exact
            ):
                problems.append(f"{label}: completions exact for a small split {total}")
        for (table, key), row in view.means.items():
            n = row["pairs"] if table == "gain" else row["ratings"]
            if n not in ("", "withheld") and int(n) < k:
                problems.append(f"partner {view.partner} {table}:{key} mean over {n}")
    by_key = defaultdict(list)
    for view in views:
        for (table, key), row in view.means.items():
            n = row["pairs"] if table == "gain" else row["ratings"]
            if n not in ("", "withheld"):
                by_key[(table, key)].append((view, int(n), row))
    for (table, key), found in by_key.items():
        for index, (view, n, _row) in enumerate(found):
            for other, m, _other_row in found[index + 1 :]:
                if _nested(view, other) and 0 < abs(n - m) < k:
                    problems.append(
                        f"{table}:{key} means over {n} and {m} (partners "
                        f"{view.partner}/{other.partner}, periods {view.period}/{other.period})"
                    )
    return problems


def _nested(first: ReportView, second: ReportView) -> bool:
    """One holds every value the other holds (more departments, later or same period)."""
    if first.period > second.period:
        first, second = second, first
    return first.departments <= second.departments or (
        first.period == second.period and second.departments <= first.departments
    )


def members_of(view: ReportView, truth: Truth, table: str, key: str):
    if table == "department":
        # A department listed on its own has its id as key; the others are in their state's
        # size-band group.
        if key.isdigit():
            return [(int(key), "total", "all")]
        return [(d, "total", "all") for d in view.departments if truth.units.get(d) == key]
    if table == "state":
        return [(d, "total", "all") for d in view.departments if truth.states[d] == key]
    if table == "trainer":
        return [(d, table, key) for d in view.departments if truth.states[d] == key]
    return [(d, table, key) for d in view.departments]


def pdf_text(data: bytes) -> str:
    """The text a PDF shows, page after page, as a PDF reader extracts it (pypdf).

    Read with a real PDF parser: a regular expression over the content stream once took the
    "ET" inside a certificate code such as "7RJ4-7XM4-DHET-EL4M" for the end of a text block and
    lost the line (a test that failed about once in thirty runs, by the code drawn).
    """
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def structure_tags(catalog) -> list[tuple[str, str | None]]:
    """Every structure element under the root, in reading order: (tag, alt text)."""
    found = []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/Type") == "/StructElem":
            alt = node.get("/Alt")
            found.append((node["/S"], str(alt) if alt is not None else None))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(catalog["/StructTreeRoot"])
    return found
