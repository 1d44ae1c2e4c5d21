"""Fixtures shared by the integrations' tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from curriculum.models import Enrollment
from curriculum.services.certificates import certificate_issue
from integrations.openbadges.keys import new_seed
from tests import factories

SITE = "https://portal.repair.test"


@pytest.fixture
def ob_signing(settings):
    """The portal at SITE with one Open Badges signing key, k2026."""
    settings.SITE_URL = SITE
    settings.REPAIR_OB_SIGNING_KEYS = [f"k2026:{new_seed()}"]


@pytest.fixture
def certificate(db, department, officer):
    """A certificate of a completed 8-hour curriculum."""
    curriculum = factories.CurriculumFactory(
        title="Civil Rights in Everyday Policing",
        credit_hours=Decimal("8.0"),
        summary="Eight hours on the constitutional limits of stops, searches and force.",
    )
    enrollment = factories.EnrollmentFactory(
        officer=officer,
        curriculum=curriculum,
        department=department,
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now(),
        progress=100,
    )
    return certificate_issue(enrollment=enrollment)
