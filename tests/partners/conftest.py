from __future__ import annotations

import pytest
import time_machine
from django.core.cache import cache

from tests.partners.builders import NOW


@pytest.fixture(autouse=True)
def _mid_november():
    """What a partner sees depends on the date (the last closed month): the clock stands in
    the middle of November 2026, so the worlds' October is that month (and runs on from there)."""
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Snapshots are cached per partner; ids come round again between tests.
    cache.clear()
    yield
    cache.clear()
