"""The R-11 engine on its own: hand-made releases, random two-level tables, two partners."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from partners.disclosure import (
    CHANGE,
    COMPLEMENTARY,
    SMALL_CELL,
    Atom,
    Cell,
    IntervalAudit,
    LedgerEntry,
    Line,
    MeanCell,
    MeanLedgerEntry,
    PreviousCell,
    Release,
    Target,
    min_cell,
    protect,
    protect_means,
)

STATES = ("GA", "FL", "AL")


def cell(cell_id: str, enrolled: int, completed: int, officers: int | None = None, **kwargs):
    officers = enrolled if officers is None else officers
    values = {"officers": officers, "enrolled": enrolled, "completed": completed}
    counts = (officers, completed, enrolled - completed)
    return Cell(
        id=cell_id,
        partner=kwargs.pop("partner", 1),
        table=kwargs.pop("table", "department"),
        key=kwargs.pop("key", cell_id),
        values=values,
        officer_counts=counts,
        atoms=(f"atom:{cell_id}",),
        **kwargs,
    )


def release_of(cells: list[Cell], lines: list[Line], **kwargs) -> Release:
    """One partner, one block: each cell is its own atom, and the lines hold for atoms too."""
    atoms = {c.atoms[0]: Atom(c.atoms[0], dict(c.values), tuple(c.officer_counts)) for c in cells}
    atom_lines = [
        Line(tuple(f"atom:{m}" for m in line.members), f"atom:{line.total}", line.figures)
        for line in lines
    ]
    return Release(
        cells={c.id: c for c in cells}, atoms=atoms, lines=lines, atom_lines=atom_lines, **kwargs
    )


def withheld(release: Release, name: str = "enrolled") -> set[str]:
    return {c.id for c in release.cells.values() if name in c.withheld}


def test_a_small_row_is_withheld_whole_and_takes_the_next_smallest_with_it():
    release = release_of(
        [cell("a", 5, 5), cell("b", 12, 12), cell("c", 40, 40), cell("t", 57, 57)],
        [Line(("a", "b", "c"), "t")],
    )

    protect(release)

    cells = release.cells
    assert cells["a"].withheld == dict.fromkeys(("officers", "enrolled", "completed"), SMALL_CELL)
    assert cells["a"].ranges == {"officers": (1, 10)}
    assert cells["b"].withheld == dict.fromkeys(
        ("officers", "enrolled", "completed"), COMPLEMENTARY
    )
    assert cells["c"].withheld == cells["t"].withheld == {}


def test_two_small_rows_that_add_up_to_under_eleven_take_a_third():
    release = release_of(
        [cell("a", 3, 3), cell("b", 4, 4), cell("c", 20, 20), cell("d", 30, 30), cell("t", 57, 57)],
        [Line(("a", "b", "c", "d"), "t")],
    )

    protect(release)

    assert withheld(release) == {"a", "b", "c"}


def test_a_total_with_a_single_member_goes_with_it():
    release = release_of(
        [cell("a", 4, 4), cell("t", 4, 4), cell("x", 30, 30), cell("g", 34, 34)],
        [Line(("a",), "t"), Line(("t", "x"), "g")],
    )

    protect(release)

    assert {"a", "t"} <= withheld(release)
    assert withheld(release) & {"x", "g"}


def test_the_threshold_is_clamped_to_eleven(settings):
    settings.REPAIR_MIN_CELL = 5
    release = release_of(
        [cell("a", 7, 7), cell("b", 30, 30), cell("c", 25, 25), cell("t", 62, 62)],
        [Line(("a", "b", "c"), "t")],
        k=3,
    )

    protect(release)

    assert min_cell() == 11 and release.k == 11
    assert release.cells["a"].withheld["enrolled"] == SMALL_CELL


def test_a_figure_that_moved_by_less_than_eleven_is_withheld_and_only_that_figure():
    release = release_of(
        [
            cell("a", 33, 18, officers=25),
            cell("b", 60, 40, officers=40),
            cell("c", 70, 45, officers=50),
            cell("t", 163, 103, officers=115),
        ],
        [Line(("a", "b", "c"), "t")],
        ledger={
            "a": LedgerEntry(last={"officers": 25, "enrolled": 30, "completed": 18}, lower={}),
        },
    )

    protect(release)

    a = release.cells["a"]
    assert a.withheld["enrolled"] == CHANGE
    assert "officers" not in a.withheld and "completed" not in a.withheld
    # The line needs a second unknown enrollment count: the next smallest row's.
    assert release.cells["b"].withheld == {"enrolled": COMPLEMENTARY}


def test_a_figure_withheld_last_time_comes_back_when_the_audit_allows_it():
    # Withheld in the previous report; unchanged since the one before: publishing 30 again
    # would pin the withheld value in between (30 <= x <= 30), so it stays withheld.
    previous = PreviousCell(
        id="prev:a", current="a", published={}, ranges={}, lower={"enrolled": 30}
    )
    still = release_of(
        [cell("a", 30, 15), cell("b", 50, 20), cell("t", 80, 35)],
        [Line(("a", "b"), "t")],
        ledger={"a": LedgerEntry(last={"enrolled": 30}, lower={"enrolled": 30})},
        previous={"prev:a": previous},
    )
    protect(still)
    # Moved by 15 since: the range of the withheld value is 30..45, wide enough.
    moved = release_of(
        [cell("a", 45, 30), cell("b", 50, 20), cell("t", 95, 50)],
        [Line(("a", "b"), "t")],
        ledger={"a": LedgerEntry(last={"enrolled": 30}, lower={"enrolled": 30})},
        previous={"prev:a": previous},
    )
    protect(moved)

    assert "enrolled" in still.cells["a"].withheld
    assert "enrolled" not in moved.cells["a"].withheld


def test_the_audit_finds_what_the_line_rules_miss_and_certify_agrees_with_bounds():
    # Departments d1..d3 in two states and the total: the lines each look fine, together they
    # pin d1 (= state GA - d2, with GA = total - FL).
    cells = [
        cell("d1", 5, 5),
        cell("d2", 30, 30),
        cell("d3", 40, 40),
        cell("GA", 35, 35, table="state"),
        cell("FL", 40, 40, table="state"),
        cell("t", 75, 75, table="total"),
    ]
    lines = [Line(("d1", "d2", "d3"), "t"), Line(("GA", "FL"), "t"), Line(("d1", "d2"), "GA")]
    lines.append(Line(("d3",), "FL"))
    release = release_of(cells, lines)

    protect(release)

    audit = IntervalAudit(release)
    targets = [
        Target("cell", c.id, name)
        for c in release.cells.values()
        for name in ("officers", "enrolled", "completed")
        if name in c.withheld
    ]
    assert targets
    for target in targets:
        low, high = audit.bounds(target)
        assert high - low >= 9 - 1e-6 or high <= 1e-6, (target, low, high)
    for target in audit.certify(targets, 9):
        low, high = audit.bounds(target)
        assert high - low >= 9 - 1e-6


def _two_partner_release(small: int) -> Release:
    """Partner 1 has blocks b0 and b1, partner 2 only b0; b1 is one small department."""
    b0 = {"officers": 40, "enrolled": 60, "completed": 30}
    done = 2 if small < 11 else 12
    b1 = {"officers": small, "enrolled": small + 3, "completed": done}
    atoms = {
        "b0:c": Atom("b0:c", b0, (40, 30, 30)),
        "b1:c": Atom("b1:c", b1, (small, done, small - done)),
    }
    both = {k: b0[k] + b1[k] for k in b0}
    counts = (40 + small, 30 + done, 30 + small - done)
    cells = {
        "p1:c": Cell("p1:c", 1, "curriculum", "c", both, counts, ("b0:c", "b1:c")),
        "p2:c": Cell("p2:c", 2, "curriculum", "c", dict(b0), (40, 30, 30), ("b0:c",)),
    }
    return Release(cells=cells, atoms=atoms, lines=[], atom_lines=[])


def test_two_partners_a_small_department_apart_do_not_both_publish_the_row():
    release = _two_partner_release(small=9)

    protect(release)

    first, second = release.cells["p1:c"], release.cells["p2:c"]
    for name in ("officers", "enrolled", "completed"):
        assert name in first.withheld or name in second.withheld
    bounds = IntervalAudit(release).bounds(Target("atom", "b1:c", "officers"))
    assert bounds[1] - bounds[0] >= 9


def test_two_partners_a_large_department_apart_both_publish():
    release = _two_partner_release(small=26)

    protect(release)

    assert release.cells["p1:c"].withheld == release.cells["p2:c"].withheld == {}


def _mean(cell_id="m", n=20, mean=4.1, departments=(1,), **kwargs) -> MeanCell:
    return MeanCell(
        id=cell_id,
        partner=kwargs.pop("partner", 1),
        table="rating",
        key="m",
        n=n,
        officers=n,
        means={"mean_rating": mean},
        departments=frozenset(departments),
        **kwargs,
    )


def test_means_need_k_values_and_move_only_with_k_new_ones():
    ledger = {"m": MeanLedgerEntry(20, {"mean_rating": 4.1}, False)}
    few, same, edited, five_more, eleven_more = (
        _mean(n=10),
        _mean(),
        _mean(mean=3.9),
        _mean(n=25, mean=4.0),
        _mean(n=31, mean=4.0),
    )
    protect_means([few], {})
    for item in (same, edited, five_more, eleven_more):
        protect_means([item], ledger)

    assert few.withheld == SMALL_CELL
    assert same.withheld is None
    assert edited.withheld == CHANGE and five_more.withheld == CHANGE
    assert eleven_more.withheld is None


def test_a_mean_of_a_partner_with_fewer_departments_is_kept_k_values_apart():
    wide = _mean("p1", n=26, departments=(1, 2), partner=1)
    narrow = _mean("p2", n=20, departments=(1,), partner=2)
    earlier = _mean("p3", n=30, departments=(1, 2, 3), partner=3, nested_counts=(24,))

    protect_means([wide, narrow], {})
    protect_means([earlier], {})

    assert narrow.withheld == COMPLEMENTARY and wide.withheld is None
    assert earlier.withheld == COMPLEMENTARY


# --- random two-level tables: departments in states, checked by a separate linear program ---


department_values = st.tuples(st.sampled_from(STATES), st.integers(0, 60)).flatmap(
    lambda pair: st.tuples(st.just(pair[0]), st.just(pair[1]), st.integers(0, pair[1]))
)


def _two_level(departments):
    cells, lines = [], []
    rows = [cell(f"d{i}", e, c) for i, (_, e, c) in enumerate(departments)]
    cells += rows
    states = sorted({state for state, _, _ in departments})
    for code in states:
        members = [r for r, (s, _, _) in zip(rows, departments, strict=True) if s == code]
        total = cell(
            code,
            sum(m.values["enrolled"] for m in members),
            sum(m.values["completed"] for m in members),
            table="state",
        )
        cells.append(total)
        lines.append(Line(tuple(m.id for m in members), code))
    grand = cell(
        "t", sum(r.values["enrolled"] for r in rows), sum(r.values["completed"] for r in rows)
    )
    cells.append(grand)
    lines += [Line(tuple(r.id for r in rows), "t"), Line(tuple(states), "t")]
    return release_of(cells, lines)


def _independent_ranges(release: Release, name: str) -> dict[str, tuple[float, float]]:
    """The range of every withheld figure, from the published ones and the lines alone."""
    ids = list(release.cells)
    index = {cell_id: i for i, cell_id in enumerate(ids)}
    rows, rhs = [], []
    for line in release.lines:
        row = np.zeros(len(ids))
        for member in line.members:
            row[index[member]] += 1
        row[index[line.total]] -= 1
        rows.append(row)
        rhs.append(0.0)
    bounds = []
    for cell_id in ids:
        item = release.cells[cell_id]
        if name in item.ranges:
            bounds.append(item.ranges[name])
        elif name in item.withheld:
            bounds.append((0, None))
        else:
            bounds.append((item.values[name], item.values[name]))
    found = {}
    for cell_id in ids:
        if (
            name not in release.cells[cell_id].withheld
            and name not in release.cells[cell_id].ranges
        ):
            continue
        objective = np.zeros(len(ids))
        objective[index[cell_id]] = 1
        low = linprog(objective, A_eq=np.array(rows), b_eq=rhs, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=np.array(rows), b_eq=rhs, bounds=bounds, method="highs")
        found[cell_id] = (low.fun, -high.fun if high.status == 0 else np.inf)
    return found


@settings(max_examples=60, deadline=None, derandomize=True)
@given(departments=st.lists(department_values, min_size=1, max_size=7))
def test_property_two_level_tables_leave_nothing_narrow(departments):
    release = _two_level(departments)

    protect(release)

    k = release.k
    for item in release.cells.values():
        officers, *split = item.officer_counts
        if 0 < officers < k:
            assert set(item.withheld) == set(item.values)
            assert item.ranges == {"officers": (1, k - 1)}
        elif any(0 < value < k for value in split):
            assert "completed" in item.withheld
        if "officers" not in item.withheld:
            assert officers == 0 or officers >= k
    for name in ("officers", "enrolled", "completed"):
        for cell_id, (low, high) in _independent_ranges(release, name).items():
            assert high - low >= k - 2 - 1e-6 or high <= 1e-6, (cell_id, name, low, high)
