"""bench.partner_utility builds its world with the current models (it broke when curriculum
versions landed: a published curriculum needs its sealed current version)."""

from __future__ import annotations

import pytest

from bench.partner_utility import generate
from curriculum.models import Curriculum, Enrollment, Module

pytestmark = pytest.mark.django_db


def test_the_small_world_is_built_on_published_versions():
    generate("small")

    curricula = Curriculum.objects.select_related("current_version")
    assert curricula.count() == 4
    assert {c.status for c in curricula} == {Curriculum.Status.PUBLISHED}
    assert all(c.current_version.published_at for c in curricula)
    assert Module.objects.filter(version__curriculum__in=curricula).count() == 16
    assert not Enrollment.objects.filter(version__isnull=True).exists()
    assert Enrollment.objects.count() > 80
