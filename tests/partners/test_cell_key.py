"""The cell key method, evaluated as an alternative to suppression (docs/partners.md).

National statistics offices (the ABS TableBuilder, the UK and German censuses) perturb each
published count by a small amount drawn from a perturbation table with a *cell key*: the sum of
the random keys of the records in the cell, so that the same cell always gets the same noise and
a reader cannot average it away by asking again. Here each figure of a partner's table gets
noise in -D..D keyed on the set of departments and the row it covers (the same cell for two
partners gets the same noise, as the method requires), counts of 1 to 10 are still withheld
(R-11), and the outside audit is run against it: the reader knows each published figure only to
within D.

The finding the test pins: with the noise offices use (D = 2), two partners one small department
apart still pin that department (its figures are the difference of two noisy totals, known to
within 2D); noise large enough to stop that (D of 5 or more) blurs every figure by as much as the
rule's own ranges while the tables no longer add up. So it is not adopted.
"""

from __future__ import annotations

import hashlib

import pytest

from partners.disclosure import min_cell
from partners.figures import period_figures
from partners.services import sharing_departments
from tests.partners.audit import FIGURES, Attack, Published, ReportView, Truth
from tests.partners.builders import (
    PERIODS,
    CurriculumOutcome,
    DepartmentSpec,
    build_world,
    partner_sharing,
)

pytestmark = [pytest.mark.django_db, pytest.mark.audit]

# A perturbation table: noise by cell key (probabilities 0.05, 0.2, 0.5, 0.2, 0.05 times D/2).
_STEPS = ((0.05, -2), (0.25, -1), (0.75, 0), (0.95, 1), (1.0, 2))


def noise(cell: tuple, spread: int) -> int:
    """The same cell (the same departments, row and figure) always gets the same noise."""
    key = int.from_bytes(hashlib.sha256(repr(cell).encode()).digest()[:8], "big") / 2**64
    step = next(value for limit, value in _STEPS if key < limit)
    return step * spread // 2


def _views_with_cell_keys(partners, spread: int):
    k = min_cell()
    truths, views = [], []
    for period, (start, end) in enumerate(PERIODS):
        departments = sharing_departments(
            partner_ids=[p.pk for p in partners], period_start=start, period_end=end
        )
        figures = period_figures(
            department_ids=frozenset().union(*departments.values()), period_end=end
        )
        truths.append(Truth(figures.counts, {d: i.state for d, i in figures.departments.items()}))
        for partner in partners:
            own = departments[partner.pk]
            view = ReportView(partner.pk, period, own)
            for (table, key), by_department in figures.counts.items():
                members = {d: v for d, v in by_department.items() if d in own}
                if not members:
                    continue
                sums = {
                    n: sum(v[n] for v in members.values())
                    for n in (*FIGURES, "open_officers", "completed_officers")
                }
                published = {}
                for name in FIGURES:
                    small = 0 < sums["officers"] < k
                    if small:
                        published[name] = Published(None, None)
                        continue
                    cell = (table, key, tuple(sorted(members)), name)
                    value = sums[name] + noise(cell, spread) if sums[name] else 0
                    low = max(0, value - spread)
                    published[name] = (
                        Published(low, value + spread) if sums[name] else Published(0, 0)
                    )
                view.figures[(table, key)] = published
            views.append(view)
    return truths, views


@pytest.mark.parametrize(("spread", "pins"), [(2, True), (10, False)])
def test_the_cell_key_method_against_the_outside_audit(spread, pins):
    world = build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15)]),
            DepartmentSpec(roster=40, state="FL", outcomes=[CurriculumOutcome(40, 22)]),
            DepartmentSpec(roster=9, state="FL", outcomes=[CurriculumOutcome(9, 6)]),
        ],
        curricula=1,
    )
    second = partner_sharing(world, {0, 1})
    truths, views = _views_with_cell_keys([world.partner, second], spread)

    pinned = Attack(truths, views, min_cell(), ranges_are_statements=False).pinned()

    small = f"department {world.departments[2].pk}"
    assert any(item.startswith(small) for item in pinned) is pins, pinned
