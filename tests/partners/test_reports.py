from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import threading

import pytest
from django.db import IntegrityError, connection

from accounts.models import AuditEvent
from partners import services
from partners.models import PartnerReport
from partners.selectors import partner_ledger, report_csv_rows
from partners.services import partner_report_build
from tests import factories
from tests.partners.audit import pdf_text
from tests.partners.builders import (
    PERIOD_END,
    PERIOD_START,
    CurriculumOutcome,
    DepartmentSpec,
    build_world,
)

pytestmark = pytest.mark.django_db

SEPTEMBER = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))


@pytest.fixture
def world():
    return build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15, 12, 12)]),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(25, 12, 12, 11)]),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(4, 4)]),
        ],
        curricula=1,
    )


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_report_build_writes_csv_and_pdf_with_their_checksum(world):
    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    csv_bytes, pdf_bytes = _read(report.csv_file), _read(report.pdf_file)
    assert report.checksum == hashlib.sha256(csv_bytes + pdf_bytes).hexdigest()
    assert pdf_bytes.startswith(b"%PDF")
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode())))
    assert {row["table"] for row in rows} == {
        "department",
        "state",
        "curriculum",
        "month",
        "module",
        "gain",
        "rating",
    }
    small = next(r for r in rows if r["cell"] == f"department:{world.departments[2].pk}")
    assert small["suppressed"] == "true"
    assert small["enrolled"] == small["completed"] == small["officers"] == ""
    event = AuditEvent.objects.get(action="partner_report.build")
    assert event.object_id == str(report.pk)
    assert event.data["checksum"] == report.checksum


def test_report_build_is_idempotent(world):
    first = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    second = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    assert second.pk == first.pk
    assert second.checksum == first.checksum
    assert PartnerReport.objects.count() == 1
    assert AuditEvent.objects.filter(action="partner_report.build").count() == 1


def test_report_build_returns_the_report_a_concurrent_caller_inserted(world, monkeypatch):
    theirs = PartnerReport.objects.create(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END, checksum="x" * 64
    )
    real_existing = services._existing
    calls = []

    def not_yet(*args):
        calls.append(args)
        return None if len(calls) == 1 else real_existing(*args)

    # Both callers looked before either inserted.
    monkeypatch.setattr(services, "_existing", not_yet)
    monkeypatch.setattr(services, "_check_period", lambda **kwargs: None)

    mine = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    assert mine.pk == theirs.pk
    assert len(calls) == 2
    assert PartnerReport.objects.count() == 1
    assert not AuditEvent.objects.filter(action="partner_report.build").exists()


def test_report_build_reraises_an_integrity_error_that_is_not_a_duplicate(world, monkeypatch):
    def broken(**kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(services, "_write_files", broken)
    with pytest.raises(IntegrityError):
        partner_report_build(
            partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
        )
    assert PartnerReport.objects.count() == 0


def test_a_period_not_yet_over_or_out_of_order_is_refused(world):
    today = factories.local_today()
    with pytest.raises(ValueError):
        partner_report_build(partner=world.partner, period_start=today, period_end=today)
    partner_report_build(partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END)
    with pytest.raises(ValueError):
        partner_report_build(
            partner=world.partner, period_start=SEPTEMBER[0], period_end=SEPTEMBER[1]
        )
    assert PartnerReport.objects.count() == 1


def _published(report) -> dict[str, dict]:
    return {
        row["cell"]: row for row in report_csv_rows(report=report) if row["suppressed"] == "false"
    }


def test_successive_reports_never_differ_by_a_small_count():
    # Everything a later report adds is enrolled in October; September sees only Aug/Sep.
    world = build_world(
        [
            DepartmentSpec(roster=40, state="GA", outcomes=[CurriculumOutcome(36, 18)]),
            DepartmentSpec(roster=40, state="FL", outcomes=[CurriculumOutcome(39, 21)]),
            DepartmentSpec(roster=40, state="AL", outcomes=[CurriculumOutcome(33, 33)]),
        ],
        curricula=1,
    )
    september = partner_report_build(
        partner=world.partner, period_start=SEPTEMBER[0], period_end=SEPTEMBER[1]
    )
    october = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    before, after = _published(september), _published(october)
    assert before and after
    compared = 0
    for cell, row in after.items():
        if cell not in before:
            continue
        for name in ("officers", "enrolled", "completed", "pairs", "ratings"):
            if row.get(name):
                delta = int(row[name]) - int(before[cell][name])
                assert delta == 0 or abs(delta) >= 11, (cell, name, delta)
                compared += 1
    assert compared > 0
    # Every third officer enrolled in October. GA: 24 -> 36 enrollments, 12 -> 18 completed,
    # so withheld in October; AL: 22 -> 33 and 22 -> 33, published in both.
    ga, al = (f"department:{world.departments[i].pk}" for i in (0, 2))
    assert ga in before and ga not in after
    assert al in before and al in after
    assert (int(before[al]["enrolled"]), int(after[al]["enrolled"])) == (22, 33)
    ledger = partner_ledger(partner=world.partner, before=dt.date(2026, 12, 1))
    assert ledger[ga].withheld_since is True
    assert ledger[al].withheld_since is False


def test_no_officer_name_email_or_badge_number_in_the_files(world):
    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    pdf = _read(report.pdf_file)
    text = _read(report.csv_file).decode() + pdf_text(pdf) + pdf.decode("latin-1")

    assert world.departments[0].name in pdf_text(pdf)  # the text is searchable
    for officer in world.officers:
        membership = officer.memberships.get()
        for value in (
            officer.email,
            officer.first_name,
            officer.last_name,
            membership.badge_number,
        ):
            assert value not in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
def test_two_concurrent_builds_yield_one_report(transactional_db):
    world = build_world(
        [DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(30, 15, 12, 12)])], curricula=1
    )
    start = threading.Barrier(2)
    results, errors = [], []

    def build():
        try:
            start.wait(timeout=10)
            report = partner_report_build(
                partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
            )
            results.append((report.pk, report.checksum))
        except Exception as error:  # reported below, with the thread's traceback gone
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert PartnerReport.objects.filter(partner=world.partner).count() == 1
    assert AuditEvent.objects.filter(action="partner_report.build").count() == 1
