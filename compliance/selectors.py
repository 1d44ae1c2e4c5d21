"""Compliance at a glance: per rule, how many officers are compliant, due, overdue or expired.

An officer counts under a rule when they are active on the department's roster (for a
new-officer rule: and joined on or after the rule's `applies_from`). Their state in the rule's
curriculum, decided in this order on the department's date `today`:

- compliant: holds a certificate that is neither revoked nor expired;
- expired: holds certificates, every one expired (a renewal may be under way);
- overdue: an open enrollment (not completed, not withdrawn) whose due date has passed;
- due: anything else (an open enrollment still on time, or nothing yet).

Queries: the rules, the officers, and one grouped query of certificate and enrollment facts
per officer and curriculum; the count does not grow with rules or officers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.http import Http404

from accounts.models import Department, Membership
from compliance.models import AssignmentRule
from curriculum.models import Enrollment
from repair import clock

STATES = ("compliant", "due", "overdue", "expired")


@dataclass
class OfficerState:
    user_id: int
    membership_id: int
    name: str
    email: str
    badge_number: str
    state: str
    expires_on: dt.date | None
    due_on: dt.date | None


@dataclass
class RuleCompliance:
    rule: AssignmentRule
    officers: list[OfficerState] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for officer in self.officers if officer.state == state)

    @property
    def counts(self) -> dict[str, int]:
        return {state: self.count(state) for state in STATES}


def rule_list_for(*, department: Department):
    return AssignmentRule.objects.filter(department=department).select_related("curriculum")


def rule_get(*, department: Department, rule_id: int) -> AssignmentRule:
    rule = rule_list_for(department=department).filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    return rule


def department_compliance(
    *, department: Department, today: dt.date | None = None, rule_id: int | None = None
) -> list[RuleCompliance]:
    """Every active rule of the department with each counted officer's state."""
    today = today or clock.today(department)
    rules = list(rule_list_for(department=department).filter(is_active=True))
    if rule_id is not None:
        rules = [rule for rule in rules if rule.pk == rule_id]
    if not rules:
        return []
    roster = Membership.objects.filter(
        department=department, role=Membership.Role.OFFICER, status=Membership.Status.ACTIVE
    )
    members = list(
        roster.order_by("user__last_name", "user__first_name", "user__email").values(
            "pk",
            "user_id",
            "started_on",
            "badge_number",
            "user__first_name",
            "user__last_name",
            "user__email",
        )
    )
    facts = _facts(
        officer_ids=roster.values("user_id"),
        curriculum_ids={rule.curriculum_id for rule in rules},
        today=today,
    )
    result = []
    for rule in rules:
        entry = RuleCompliance(rule=rule)
        for member in members:
            if rule.kind == AssignmentRule.Kind.NEW_OFFICERS and (
                member["started_on"] < rule.applies_from
            ):
                continue
            fact = facts.get((member["user_id"], rule.curriculum_id), {})
            entry.officers.append(_officer_state(member, fact))
        result.append(entry)
    return result


def _facts(*, officer_ids, curriculum_ids: set[int], today: dt.date) -> dict:
    open_ = Q(withdrawn_at__isnull=True) & ~Q(status=Enrollment.Status.COMPLETED)
    certified = Q(certificate__isnull=False, certificate__revoked_at__isnull=True)
    valid = certified & (
        Q(certificate__expires_on__isnull=True) | Q(certificate__expires_on__gt=today)
    )
    rows = (
        Enrollment.objects.filter(officer_id__in=officer_ids, curriculum_id__in=curriculum_ids)
        .values("officer_id", "curriculum_id")
        .annotate(
            valid=Count("pk", filter=valid),
            certified=Count("pk", filter=certified),
            overdue=Count("pk", filter=open_ & Q(due_on__lt=today)),
            expires_on=Max("certificate__expires_on", filter=certified),
            due_on=Max("due_on", filter=open_),
        )
        .order_by()
    )
    return {(row["officer_id"], row["curriculum_id"]): row for row in rows}


def _officer_state(member: dict, fact: dict) -> OfficerState:
    if fact.get("valid"):
        state = "compliant"
    elif fact.get("certified"):
        state = "expired"
    elif fact.get("overdue"):
        state = "overdue"
    else:
        state = "due"
    name = f"{member['user__first_name']} {member['user__last_name']}".strip()
    return OfficerState(
        user_id=member["user_id"],
        membership_id=member["pk"],
        name=name or member["user__email"],
        email=member["user__email"],
        badge_number=member["badge_number"],
        state=state,
        expires_on=fact.get("expires_on"),
        due_on=fact.get("due_on"),
    )
