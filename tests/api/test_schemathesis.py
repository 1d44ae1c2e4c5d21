"""schemathesis against a live server over the OpenAPI schema, once per role.

The cases are generated once from the schema the live server serves, then sent by every role
(anonymous, officer, liaison, partner, staff) with that role's own API token:
- schema-valid data (positive) and data that breaks the schema (negative) for every operation;
- for an operation with a path parameter, schema-valid data aimed at real objects, so that
  200 answers are checked too, not only 404s.
Checks: no server error; status codes, content types, headers and bodies as documented; bad
input refused. `positive_data_acceptance` is left out on purpose: business rules a schema cannot
express (an officer of another department, `since` after `until`) rightly answer 400.

Each operation gets at least `MIN_CASES` cases, except operations that take no input at all
(`/me/`, `/api/health/`), whose every distinct request is sent. The counts are printed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter

import pytest
import requests
import schemathesis
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import FailureGroup

from curriculum.models import Certificate, Enrollment
from tests import factories
from tests.api.conftest import token_key

ROLES = ["anonymous", "officer", "liaison", "partner", "staff"]
MIN_CASES = 50
# Negative cases (up to 20) and positive ones make MIN_CASES; cases at real ids come on top.
NEGATIVE_EXAMPLES = 20
PINNED_EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
PIN = "pinned"


def _base_url(live_server) -> str:
    return live_server.url.replace("localhost", "127.0.0.1")


def _generate(operation, kind: str, examples: int) -> list:
    mode = GenerationMode.NEGATIVE if kind == "negative" else GenerationMode.POSITIVE
    pinned = dict.fromkeys(_path_parameter_names(operation), PIN) if kind == PIN else None
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=pinned)
    cases: list = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def collect(case):
        cases.append(case)

    try:
        collect()
    except Unsatisfiable:
        # No input can break the schema of an operation that takes none: nothing to send.
        assert mode == GenerationMode.NEGATIVE, operation.label
    return cases


def _path_parameter_names(operation) -> list[str]:
    return [p.name for p in operation.iter_parameters() if p.location == "path"]


@pytest.fixture(scope="module")
def generated(live_server, django_db_blocker):
    """Every operation of the served schema with its generated cases (the schema needs no
    database: it is built from the code)."""
    # The schema is for signed-in users unless DEBUG (no one is signed in yet: no database).
    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        raw = requests.get(f"{_base_url(live_server)}/api/schema/?format=json", timeout=30)
    schema = schemathesis.openapi.from_dict(raw.json())
    plan = []
    for result in schema.get_all_operations():
        operation = result.ok()
        negative = _generate(operation, "negative", NEGATIVE_EXAMPLES)
        # Where little or nothing breaks the schema, schema-valid cases make up the count.
        positive = _generate(operation, "positive", MIN_CASES - len(negative))
        plan += [(operation, "positive", positive), (operation, "negative", negative)]
        if _path_parameter_names(operation):
            plan.append((operation, PIN, _generate(operation, PIN, PINNED_EXAMPLES)))
    return plan


def _world() -> dict:
    """Two departments, a partner sharing one, enrollments in every state, a certificate."""
    department = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    today = factories.local_today(department)
    other = factories.DepartmentFactory(name="Harbor County Sheriff's Office", state="FL")
    curriculum = factories.CurriculumFactory(title="Officer course")
    factories.ModuleFactory(curriculum=curriculum, order=1)
    officers = [factories.officer(department) for _ in range(4)]
    factories.officer(other)
    statuses = ["not_started", "in_progress", "completed", "not_started"]
    enrollments = [
        factories.EnrollmentFactory(
            officer=officer,
            department=department,
            curriculum=curriculum,
            status=status,
            completed_at=timezone.now() if status == "completed" else None,
            due_on=today - dt.timedelta(days=5) if officer is officers[3] else None,
        )
        for officer, status in zip(officers, statuses, strict=True)
    ]
    certificate = Certificate.objects.create(
        enrollment=enrollments[2],
        code="ABCD-EFGH-JKLM-NPQR",
        holder_name=officers[2].display_name,
        curriculum_title=curriculum.title,
        credit_hours=curriculum.credit_hours,
        completed_on=today,
    )
    partner_membership = factories.PartnerMembershipFactory()
    factories.DataSharingAgreementFactory(partner=partner_membership.partner, department=department)
    return {
        "officer": officers[0],
        "liaison": factories.liaison(department),
        "partner": partner_membership.user,
        "staff": factories.UserFactory(is_staff=True),
        "path_parameters": {"id": department.pk, "code": certificate.code},
    }


def _failure_summary(operation, kind, error) -> str:
    """One line per kind of failure: its title and the first lines of its explanation."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return f"{operation.label} [{kind}]: " + " | ".join(lines[1:6])


def _takes_no_input(operation) -> bool:
    return not list(operation.iter_parameters()) and not operation.body


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ROLES)
def test_api_conforms_to_its_schema(role, generated, live_server, settings, capsys):
    # Generated traffic far exceeds real rates; throttling has tests of its own.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None},
    }
    world = _world()
    enrollments_before = Enrollment.objects.count()
    headers = {} if role == "anonymous" else {"Authorization": f"Token {token_key(world[role])}"}
    tally: Counter = Counter()
    failures: set[str] = set()

    for operation, kind, cases in generated:
        for case in cases:
            if kind == PIN:
                case.path_parameters = {
                    name: world["path_parameters"][name] for name in case.path_parameters
                }
            tally[operation.label] += 1
            response = case.call(base_url=_base_url(live_server), headers=headers, timeout=30)
            try:
                case.validate_response(response, checks=CHECKS)
            except (AssertionError, FailureGroup) as error:
                failures.add(_failure_summary(operation, kind, error))

    with capsys.disabled():
        sys.stdout.write(f"\nschemathesis [{role}]: {json.dumps(dict(sorted(tally.items())))}\n")
    assert not failures, "\n".join(sorted(failures))
    # Only a liaison may create enrollments; no other role's run wrote any.
    if role != "liaison":
        assert Enrollment.objects.count() == enrollments_before
    operations = {operation.label: operation for operation, _kind, _cases in generated}
    short = {
        label: tally[label]
        for label, operation in operations.items()
        if tally[label] < MIN_CASES and not _takes_no_input(operation)
    }
    assert short == {}
