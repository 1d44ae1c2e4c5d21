"""The R-11 engine on its own: random tables, random margins, random report sequences."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from partners.disclosure import (
    CHANGE,
    COMPLEMENTARY,
    SMALL_CELL,
    Cell,
    LedgerEntry,
    Line,
    min_cell,
    recoverable,
    suppress,
)
from partners.selectors import Row, Snapshot, Table
from tests.partners.audit import all_problems

STATES = ("GA", "FL", "AL", "TX")


def cell(cell_id: str, enrolled: int, completed: int, officers: int | None = None) -> Cell:
    officers = enrolled if officers is None else officers
    return Cell(
        id=cell_id,
        counts={
            "officers": officers,
            "enrolled": enrolled,
            "completed": completed,
            "not_completed": enrolled - completed,
        },
        officer_counts=(officers, completed, enrolled - completed),
    )


def _sum(cell_id: str, cells: list[Cell]) -> Cell:
    enrolled = sum(c.counts["enrolled"] for c in cells)
    completed = sum(c.counts["completed"] for c in cells)
    return cell(cell_id, enrolled, completed)


def two_level(departments: list[tuple[str, int, int]]) -> tuple[Snapshot, dict, list[Line]]:
    """Departments in states, states, and the grand total, as the selectors lay them out."""
    department_rows = [
        Row(str(index), f"Department {index}", cell(f"department:{index}", e, c), state)
        for index, (state, e, c) in enumerate(departments)
    ]
    states = sorted({state for state, _, _ in departments})
    state_rows = [
        Row(code, code, _sum(f"state:{code}", [r.cell for r in department_rows if r.group == code]))
        for code in states
    ]
    grand = _sum("grand", [row.cell for row in department_rows])
    tables = {
        "department": Table("department", department_rows, grand),
        "state": Table("state", state_rows, grand),
        "curriculum": Table("curriculum", []),
        "month": Table("month", []),
        "module": Table("module", [], cell("module-total", 0, 0)),
        "gain": Table("gain", []),
        "rating": Table("rating", []),
    }
    cells = {row.cell.id: row.cell for row in department_rows + state_rows}
    cells[grand.id] = grand
    lines = [
        Line(tuple(r.cell.id for r in department_rows), grand.id),
        Line(tuple(r.cell.id for r in state_rows), grand.id),
    ]
    for state in state_rows:
        members = tuple(r.cell.id for r in department_rows if r.group == state.key)
        lines.append(Line(members, state.cell.id))
    snapshot = Snapshot(
        partner_id=1,
        period_start=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 10, 31),
        min_cell=min_cell(),
        departments_reached=len(departments),
        tables=tables,
    )
    return snapshot, cells, lines


department_values = st.tuples(st.sampled_from(STATES), st.integers(0, 60)).flatmap(
    lambda pair: st.tuples(st.just(pair[0]), st.just(pair[1]), st.integers(0, pair[1]))
)


@settings(max_examples=400, deadline=None)
@given(departments=st.lists(department_values, min_size=1, max_size=9), k=st.integers(0, 30))
def test_property_two_level_tables_leave_nothing_to_subtract(departments, k):
    snapshot, cells, lines = two_level(departments)

    suppress(cells, lines, k=k)

    threshold = max(11, k)
    assert all_problems(snapshot, threshold) == []
    assert recoverable(cells, lines) == []
    for item in cells.values():
        if any(0 < value < threshold for value in item.officer_counts):
            assert item.suppressed and item.reason == SMALL_CELL


def test_one_small_row_takes_the_next_smallest_with_it():
    cells = {c.id: c for c in (cell("a", 5, 5), cell("b", 12, 12), cell("c", 40, 40))}
    cells["t"] = cell("t", 57, 57)

    suppress(cells, [Line(("a", "b", "c"), "t")])

    assert [(c.id, c.suppressed, c.reason) for c in cells.values()] == [
        ("a", True, SMALL_CELL),
        ("b", True, COMPLEMENTARY),
        ("c", False, None),
        ("t", False, None),
    ]


def test_two_small_rows_that_add_up_to_under_eleven_take_a_third():
    cells = {
        c.id: c for c in (cell("a", 3, 3), cell("b", 4, 4), cell("c", 20, 20), cell("d", 30, 30))
    }
    cells["t"] = cell("t", 57, 57)

    suppress(cells, [Line(("a", "b", "c", "d"), "t")])

    assert {c.id for c in cells.values() if c.suppressed} == {"a", "b", "c"}


def test_a_total_with_a_single_member_goes_with_it():
    cells = {"a": cell("a", 4, 4), "t": cell("t", 4, 4), "x": cell("x", 30, 30)}
    cells["g"] = cell("g", 34, 34)

    suppress(cells, [Line(("a",), "t"), Line(("t", "x"), "g")])

    assert cells["t"].suppressed
    assert cells["x"].suppressed or cells["g"].suppressed


def test_the_threshold_is_clamped_to_eleven(settings):
    settings.REPAIR_MIN_CELL = 5
    cells = {"a": cell("a", 7, 7), "b": cell("b", 30, 30), "c": cell("c", 25, 25)}
    cells["t"] = cell("t", 62, 62)

    suppress(cells, [Line(("a", "b", "c"), "t")], k=3)

    assert min_cell() == 11
    assert cells["a"].suppressed and cells["a"].reason == SMALL_CELL


def _ledger(cells: dict[str, Cell], withheld_before: set[str] = frozenset()) -> dict:
    return {
        c.id: LedgerEntry(
            counts={n: c.counts[n] for n in ("officers", "enrolled", "completed")},
            means={},
            withheld_since=c.id in withheld_before,
        )
        for c in cells.values()
        if not c.suppressed
    }


def test_a_row_that_moved_by_less_than_eleven_since_the_last_report_is_withheld():
    first = {"a": cell("a", 30, 15), "b": cell("b", 40, 20), "c": cell("c", 50, 25)}
    first["t"] = cell("t", 120, 60)
    suppress(first, [Line(("a", "b", "c"), "t")])
    ledger = _ledger(first)

    second = {"a": cell("a", 33, 18), "b": cell("b", 60, 40), "c": cell("c", 70, 45)}
    second["t"] = cell("t", 163, 103)
    suppress(second, [Line(("a", "b", "c"), "t")], ledger=ledger)

    assert second["a"].suppressed and second["a"].reason == CHANGE
    # The total moved by 43, but a + the next smallest must hide together.
    assert second["b"].suppressed and second["b"].reason == COMPLEMENTARY
    assert not second["c"].suppressed


def test_a_row_withheld_in_between_comes_back_only_after_moving_by_eleven():
    ledger = {
        "a": LedgerEntry(counts={"officers": 30, "enrolled": 30, "completed": 15}, means={},
                         withheld_since=True),
    }  # fmt: skip
    still = {"a": cell("a", 30, 15)}
    suppress(still, [], ledger=ledger)
    moved = {"a": cell("a", 45, 30)}
    suppress(moved, [], ledger=ledger)

    assert still["a"].suppressed and still["a"].reason == CHANGE
    assert not moved["a"].suppressed


def test_a_mean_that_changed_while_its_count_did_not_is_withheld():
    ledger = {"m": LedgerEntry(counts={"ratings": 20}, means={"mean_rating": 4.1},
                               withheld_since=False)}  # fmt: skip
    same = Cell(id="m", counts={"ratings": 20}, officer_counts=(20,), means={"mean_rating": 4.1})
    edited = Cell(id="m", counts={"ratings": 20}, officer_counts=(20,), means={"mean_rating": 3.9})
    suppress({"m": same}, [], ledger=ledger)
    suppress({"m": edited}, [], ledger=ledger)

    assert not same.suppressed
    assert edited.suppressed and edited.reason == CHANGE


growth = st.integers(0, 25)


@settings(max_examples=300, deadline=None)
@given(
    start=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=2, max_size=7),
    steps=st.lists(st.tuples(growth, growth), min_size=7, max_size=7),
)
def test_property_successive_reports_never_differ_by_a_small_count(start, steps):
    k = min_cell()
    rows = [(max(e, c), min(e, c)) for e, c in start]
    later = [(e + de + dc, c + dc) for (e, c), (de, dc) in zip(rows, steps, strict=False)]

    def run(values, ledger):
        cells = {f"r{i}": cell(f"r{i}", e, c) for i, (e, c) in enumerate(values)}
        cells["t"] = _sum("t", list(cells.values()))
        suppress(cells, [Line(tuple(f"r{i}" for i in range(len(values))), "t")], ledger=ledger)
        return cells

    first = run(rows, {})
    second = run(later, _ledger(first))
    for cell_id, now in second.items():
        before = first[cell_id]
        if before.suppressed or now.suppressed:
            continue
        for name in ("officers", "enrolled", "completed"):
            delta = now.counts[name] - before.counts[name]
            assert delta == 0 or abs(delta) >= k, (cell_id, name, delta)
    hidden = [c for c in second.values() if c.suppressed and c.id != "t"]
    if hidden and not second["t"].suppressed and all(not first[c.id].suppressed for c in hidden):
        for name in ("enrolled", "completed", "not_completed"):
            delta = sum(second[c.id].counts[name] - first[c.id].counts[name] for c in hidden)
            assert delta == 0 or abs(delta) >= k
