"""Assignment rules: create and edit them (the liaison, audited), and apply them.

`rules_apply` plans, per rule, which active officers need an enrollment now and makes them
through `enrollment_bulk_create` (the one enrollment write, race-safe there), grouped by cycle
and due date, with no acting user and the rule's id in the audit event. It decides from the
officer's enrollments in the curriculum, so running it again makes nothing new:

- new officers: an active officer who joined on or after `applies_from` and has no enrollment
  in the curriculum at all is enrolled in the current cycle, due `due_within_days` after
  joining (today at the earliest).
- valid certificate: an officer with an open enrollment is left alone; one without any
  enrollment is enrolled, due in `due_within_days`; one whose newest certificate expires within
  `renew_days_before` days (or has expired) is enrolled in the first cycle, this one or the
  next, where they have no enrollment, due the day before the expiry (or in `due_within_days`
  once expired). A certificate without expiry, or an enrollment the liaison withdrew in the
  cycle, satisfies the rule.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Department, Membership
from compliance.models import AssignmentRule
from curriculum.models import Curriculum, Enrollment
from curriculum.services.enrollments import enrollment_bulk_create
from repair import clock

logger = logging.getLogger(__name__)

RULE_FIELDS = ["curriculum", "kind", "due_within_days", "renew_days_before", "is_active"]


def rule_create(*, department: Department, acting_user, client_ip=None, **fields) -> AssignmentRule:
    """A new rule of the department (its liaison's); it applies from the department's today."""
    rule = AssignmentRule(
        department=department,
        created_by=acting_user,
        applies_from=clock.today(department),
        **{name: fields[name] for name in RULE_FIELDS if name in fields},
    )
    _check_rule(rule)
    with transaction.atomic():
        rule.save(force_insert=True)
        _audit("assignment_rule.create", rule, acting_user, client_ip)
    return rule


def rule_update(*, rule: AssignmentRule, acting_user, client_ip=None, **fields) -> AssignmentRule:
    changed = [
        name for name in RULE_FIELDS if name in fields and fields[name] != getattr(rule, name)
    ]
    for name in changed:
        setattr(rule, name, fields[name])
    _check_rule(rule)
    if changed:
        with transaction.atomic():
            rule.save(update_fields=[*changed, "updated_at"])
            _audit("assignment_rule.update", rule, acting_user, client_ip, changed=changed)
    return rule


def _check_rule(rule: AssignmentRule) -> None:
    if rule.curriculum.status != Curriculum.Status.PUBLISHED:
        raise ValidationError({"curriculum": _("This curriculum is not published.")})
    duplicate = AssignmentRule.objects.filter(
        department_id=rule.department_id, curriculum_id=rule.curriculum_id, kind=rule.kind
    ).exclude(pk=rule.pk)
    if duplicate.exists():
        raise ValidationError({"curriculum": _("The department has this rule already.")})


def _audit(action, rule, acting_user, client_ip, **extra) -> None:
    audit_record(
        action=action,
        actor=acting_user,
        obj=rule,
        department=rule.department,
        client_ip=client_ip,
        data={
            "curriculum_id": rule.curriculum_id,
            "kind": rule.kind,
            "due_within_days": rule.due_within_days,
            "renew_days_before": rule.renew_days_before,
            "is_active": rule.is_active,
            **extra,
        },
    )


# Applying -------------------------------------------------------------------------------------


@dataclass
class RulesApplied:
    rules: int = 0
    created: int = 0
    by_rule: dict[int, int] = field(default_factory=dict)


def rules_apply(
    *, department: Department | None = None, officer_ids=None, at: dt.datetime | None = None
) -> RulesApplied:
    """Apply every active rule (of one department, or all), for all its active officers or
    only `officer_ids`; returns how many enrollments each rule made."""
    rules = AssignmentRule.objects.filter(
        is_active=True, curriculum__status=Curriculum.Status.PUBLISHED
    ).select_related("department", "curriculum")
    if department is not None:
        rules = rules.filter(department=department)
    result = RulesApplied()
    for rule in rules:
        made = _rule_apply(rule, officer_ids=officer_ids, at=at)
        result.rules += 1
        result.created += made
        result.by_rule[rule.pk] = made
    return result


def _rule_apply(rule: AssignmentRule, *, officer_ids, at) -> int:
    today = clock.today(rule.department, at=at)
    plan = rule_plan(rule=rule, today=today, officer_ids=officer_ids)
    made = 0
    for (cycle, due_on), wanted in sorted(plan.items()):
        try:
            result = enrollment_bulk_create(
                officer_ids=wanted,
                curriculum=rule.curriculum,
                department=rule.department,
                due_on=due_on,
                cycle=cycle,
                acting_user=None,
                audit_data={"rule_id": rule.pk, "rule_kind": rule.kind},
            )
        except ValidationError as error:
            # An officer separated between the plan and the write: the next run picks up the rest.
            logger.warning("Assignment rule %s skipped a batch: %s", rule.pk, error)
            continue
        made += result.created
    return made


def rule_plan(
    *, rule: AssignmentRule, today: dt.date, officer_ids=None
) -> dict[tuple[str, dt.date], list[int]]:
    """(cycle, due date) -> officers the rule would enroll now. Two queries."""
    members = Membership.objects.filter(
        department_id=rule.department_id,
        role=Membership.Role.OFFICER,
        status=Membership.Status.ACTIVE,
        user__is_active=True,
    )
    if officer_ids is not None:
        members = members.filter(user_id__in=list(officer_ids))
    if rule.kind == AssignmentRule.Kind.NEW_OFFICERS:
        members = members.filter(started_on__gte=rule.applies_from)
    started = dict(members.values_list("user_id", "started_on"))
    history = _history(rule.curriculum_id, started)
    plan: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for officer_id, started_on in started.items():
        decided = _decide(rule, today, started_on, history.get(officer_id, []))
        if decided is not None:
            plan[decided].append(officer_id)
    return plan


def _history(curriculum_id: int, officer_ids) -> dict[int, list[dict]]:
    rows = Enrollment.objects.filter(
        curriculum_id=curriculum_id, officer_id__in=list(officer_ids)
    ).values(
        "officer_id",
        "cycle",
        "status",
        "withdrawn_at",
        "certificate__expires_on",
        "certificate__revoked_at",
        "certificate__id",
    )
    history: dict[int, list[dict]] = defaultdict(list)
    for row in rows.iterator(chunk_size=2000):
        history[row["officer_id"]].append(row)
    return history


def _decide(rule, today, started_on, rows) -> tuple[str, dt.date] | None:
    current = clock.cycle_of(today)
    due_later = today + dt.timedelta(days=rule.due_within_days)
    if rule.kind == AssignmentRule.Kind.NEW_OFFICERS:
        if rows:
            return None
        return current, max(started_on + dt.timedelta(days=rule.due_within_days), today)
    if not rows:
        return current, due_later
    if any(r["withdrawn_at"] is None and r["status"] != Enrollment.Status.COMPLETED for r in rows):
        return None  # open: being taken
    certificates = [
        r for r in rows if r["certificate__id"] is not None and r["certificate__revoked_at"] is None
    ]
    if any(r["certificate__expires_on"] is None for r in certificates):
        return None  # a certificate that never expires
    taken = {r["cycle"] for r in rows}
    if not certificates:
        return None if current in taken else (current, due_later)
    expires_on = max(r["certificate__expires_on"] for r in certificates)
    if (expires_on - today).days > rule.renew_days_before:
        return None
    cycle = next((c for c in (current, str(int(current) + 1)) if c not in taken), None)
    if cycle is None:
        return None
    if expires_on <= today:
        return cycle, due_later
    return cycle, max(expires_on - dt.timedelta(days=1), today)


# Officer profiles: state POST ID and supervisor ------------------------------------------------


def officer_profile_update(
    *, membership: Membership, post_id: str, supervisor, acting_user, client_ip=None
):
    """Set an officer's state POST ID and supervisor (an active member of the same department,
    not the officer), audited with the values before and after."""
    from compliance.models import OfficerProfile

    post_id = (post_id or "").strip()
    if supervisor is not None:
        _check_supervisor(membership=membership, supervisor=supervisor)
    with transaction.atomic():
        profile, _created = OfficerProfile.objects.select_for_update().get_or_create(
            membership=membership
        )
        before = {"post_id": profile.post_id, "supervisor_id": profile.supervisor_id}
        profile.post_id = post_id
        profile.supervisor = supervisor
        profile.save(update_fields=["post_id", "supervisor", "updated_at"])
        after = {"post_id": profile.post_id, "supervisor_id": profile.supervisor_id}
        if before != after:
            audit_record(
                action="officer_profile.update",
                actor=acting_user,
                obj=membership,
                department=membership.department,
                client_ip=client_ip,
                data={"from": before, "to": after},
            )
    return profile


def _check_supervisor(*, membership: Membership, supervisor) -> None:
    if supervisor.pk == membership.user_id:
        raise ValidationError({"supervisor": _("An officer cannot supervise themselves.")})
    on_roster = Membership.objects.filter(
        user=supervisor,
        department_id=membership.department_id,
        status=Membership.Status.ACTIVE,
    ).exists()
    if not on_roster:
        raise ValidationError(
            {"supervisor": _("The supervisor must be an active member of the department.")}
        )


def officer_profiles_import(*, department: Department, profiles: dict[int, dict]) -> int:
    """Profiles from a roster file: user id -> {"post_id", "supervisor_email"}; the import has
    checked that each supervisor is in the file or on the department's roster. Three queries."""
    from accounts.models import User
    from compliance.models import OfficerProfile

    emails = {p["supervisor_email"] for p in profiles.values() if p.get("supervisor_email")}
    supervisors = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    memberships = dict(
        Membership.objects.filter(
            department=department, role=Membership.Role.OFFICER, user_id__in=list(profiles)
        ).values_list("user_id", "pk")
    )
    profiles = {
        user_id: values
        for user_id, values in profiles.items()
        if values.get("post_id") or values.get("supervisor_email")
    }
    rows = [
        OfficerProfile(
            membership_id=memberships[user_id],
            post_id=(values.get("post_id") or "").strip(),
            supervisor_id=supervisors.get(values.get("supervisor_email") or ""),
        )
        for user_id, values in profiles.items()
        if user_id in memberships
    ]
    OfficerProfile.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["membership"],
        update_fields=["post_id", "supervisor"],
        batch_size=500,
    )
    return len(rows)


def roster_assignments_apply(*, department: Department, profiles: dict[int, dict], acting_user):
    """Enroll imported officers in the curricula their row names (grouped by curriculum and due
    date, through the enrollment service; the import checked slugs and dates)."""
    groups: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for user_id, values in profiles.items():
        for slug in values.get("curricula") or []:
            groups[(slug, values.get("due_on"))].append(user_id)
    if not groups:
        return 0
    curricula = {c.slug: c for c in Curriculum.objects.filter(slug__in={s for s, _d in groups})}
    made = 0
    for (slug, due_on), officer_ids in sorted(
        groups.items(), key=lambda g: (g[0][0], g[0][1] or "")
    ):
        result = enrollment_bulk_create(
            officer_ids=officer_ids,
            curriculum=curricula[slug],
            department=department,
            due_on=dt.date.fromisoformat(due_on) if due_on else None,
            acting_user=acting_user,
            audit_data={"source": "roster_import"},
        )
        made += result.created
    return made


# Training named on an invitation ------------------------------------------------------------


def invitation_assignments_set(*, invitation, assignments: dict) -> None:
    """Keep the curricula (and due date) an officer's invitation names."""
    from compliance.models import InvitationAssignment

    InvitationAssignment.objects.bulk_create(
        [
            InvitationAssignment(
                invitation=invitation, curriculum=curriculum, due_on=assignments.get("due_on")
            )
            for curriculum in assignments["curricula"]
        ],
        ignore_conflicts=True,
    )


def invitation_assignments_enroll(*, invitation, user) -> int:
    """On acceptance: enroll the new officer, assigned by whoever invited them. A due date that
    passed while the invitation waited becomes today."""
    from compliance.models import InvitationAssignment

    today = clock.today(invitation.department)
    made = 0
    rows = InvitationAssignment.objects.filter(invitation=invitation).select_related("curriculum")
    for row in rows:
        result = enrollment_bulk_create(
            officer_ids=[user.pk],
            curriculum=row.curriculum,
            department=invitation.department,
            due_on=max(row.due_on, today) if row.due_on else None,
            acting_user=invitation.invited_by,
            audit_data={"source": "invitation", "invitation_id": invitation.pk},
        )
        made += result.created
    return made
