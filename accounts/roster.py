"""Roster CSV import: upload, validate (preview), confirm (all-or-nothing write).

A pending import lives on disk under MEDIA_ROOT/roster_imports/: `<id>.csv` (the uploaded
bytes, untouched) and `<id>.json` (its state: department, uploader, status, progress, errors,
result). Disk rather than the cache because the web process and a Celery worker must both see
it and the cache may be per-process local memory; the id is 32 random hex characters. Files of
more than ROSTER_SYNC_MAX_ROWS rows are validated and written by Celery tasks
(worker/tasks/roster.py) while the page polls the state.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, DataError, IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Department, Invitation, Membership, User
from accounts.selectors import liaison_department_ids
from accounts.services import INVITATION_DAYS, invitation_link
from accounts.tokens import token_key_generate, token_key_hash
from repair import clock
from repair.text import has_control_characters
from worker.models import Notification
from worker.outbox import notification_queue_bulk

logger = logging.getLogger(__name__)

COLUMNS = ["email", "first_name", "last_name", "badge_number", "rank"]
# Read when the header has them: the officer's state POST ID and their supervisor's email (an
# active member of the department, or someone else in the same file).
# `curricula` (published curriculum slugs separated by ";") and `due_on` (YYYY-MM-DD, not
# before the department's today) enroll the new officers at once.
OPTIONAL_COLUMNS = ["post_id", "supervisor_email", "curricula", "due_on"]
# The columns' database limits (User, Membership): longer values are an error of their line.
_MAX_LENGTHS = {
    "email": 254,
    "first_name": 150,
    "last_name": 150,
    "badge_number": 32,
    "rank": 64,
}
ROSTER_SYNC_MAX_ROWS = 1000
# The worker's tasks for an import too large for one request (worker.tasks.roster), published
# by name: accounts does not import the worker's task modules.
ROSTER_VALIDATE_TASK = "roster.import_validate"
ROSTER_COMMIT_TASK = "roster.import_commit"
_CHUNK = 500
_PROGRESS_EVERY = 1000

# Sent inside the import's transaction once its officers are on the roster, with `department`,
# `user_ids` (those added or reactivated), `acting_user` and `profiles` (user id -> post_id,
# supervisor_email, curricula, due_on from the optional columns): compliance records the
# profiles, enrolls in the named curricula and by the assignment rules there, so the import, its profiles and its enrollments commit or roll back together.
# The memberships are written in bulk, without post_save: curriculum drops the department's
# cached figures on this signal. Accounts imports no listener.
roster_members_added = Signal()


class RosterHasErrors(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} rows have errors")
        self.errors = errors


@dataclass
class RosterRow:
    line: int
    email: str
    first_name: str
    last_name: str
    badge_number: str
    rank: str
    post_id: str = ""
    supervisor_email: str = ""
    curricula: str = ""
    due_on: str = ""

    @property
    def curriculum_slugs(self) -> list[str]:
        return [slug.strip().lower() for slug in self.curricula.split(";") if slug.strip()]


@dataclass
class RosterCheck:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    already_on_roster: int = 0

    def error(self, line: int, email: str, reason: str) -> None:
        self.errors.append({"line": line, "email": email, "reason": reason})


# Storage of pending imports ------------------------------------------------------------


def _import_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "roster_imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _valid_id(import_id: str) -> bool:
    return len(import_id) == 32 and all(c in "0123456789abcdef" for c in import_id)


def roster_import_state(*, import_id: str) -> dict | None:
    if not _valid_id(import_id):
        return None
    path = _import_dir() / f"{import_id}.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text())


def _state_save(state: dict) -> None:
    path = _import_dir() / f"{state['id']}.json"
    # A temporary file of this writer's own: two requests saving the same import at once
    # (two tabs confirming) must not rename each other's file away.
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{state['id']}.", suffix=".tmp")
    with os.fdopen(handle, "w") as file:
        file.write(json.dumps(state))
    os.replace(tmp, path)


def _state_update(import_id: str, **changes) -> dict:
    state = roster_import_state(import_id=import_id) or {}
    state.update(changes)
    _state_save(state)
    return state


def roster_import_get_for(*, user, import_id: str) -> dict | None:
    """The pending import if this user uploaded it and is still liaison of its department."""
    state = roster_import_state(import_id=import_id)
    if state is None or state["user_id"] != user.pk:
        return None
    if state["department_id"] not in liaison_department_ids(user=user):
        return None
    return state


# Parsing and validation ----------------------------------------------------------------


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _reader(text: str) -> csv.reader:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def roster_row_count(*, data: bytes) -> int:
    text = _decode(data)
    if text is None:
        return 0
    try:
        return max(0, sum(1 for row in _reader(text) if any(cell.strip() for cell in row)) - 1)
    except csv.Error:
        # A field over the csv module's limit (128 KiB): the check reports the line.
        return 0


def _header_index(header: list[str]) -> dict[str, int] | None:
    names = [cell.strip().lower().replace(" ", "_") for cell in header]
    if not set(COLUMNS) <= set(names):
        return None
    wanted = COLUMNS + [name for name in OPTIONAL_COLUMNS if name in names]
    return {name: names.index(name) for name in wanted}


def _parse_rows(text: str, check: RosterCheck) -> list[RosterRow]:
    reader = _reader(text)
    try:
        return _read_rows(reader, check)
    except csv.Error:
        check.error(
            max(reader.line_num, 1),
            "",
            _("This line cannot be read: a field is too long or its quotes do not match"),
        )
        return []


def _read_rows(reader, check: RosterCheck) -> list[RosterRow]:
    header = next(reader, [])
    index = _header_index(header)
    if index is None:
        missing = ", ".join(c for c in COLUMNS if c not in [h.strip().lower() for h in header])
        check.error(1, "", _("Missing column in the header: %(cols)s") % {"cols": missing})
        return []
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        line = reader.line_num
        if len(cells) < len(header):
            check.error(line, cells[0].strip() if cells else "", _("Missing column"))
            continue
        values = {name: cells[i].strip() for name, i in index.items()}
        values["email"] = values["email"].lower()
        if any(has_control_characters(value) for value in values.values()):
            check.error(line, "", _("A field holds a control character (such as NUL)"))
            continue
        too_long = [name for name, limit in _MAX_LENGTHS.items() if len(values[name]) > limit]
        if too_long:
            check.error(
                line,
                values["email"][:254],
                _("Too long: %(fields)s") % {"fields": ", ".join(too_long)},
            )
            continue
        if "supervisor_email" in values:
            values["supervisor_email"] = values["supervisor_email"].lower()
        rows.append(RosterRow(line=line, **values))
    return rows


def _check_row_fields(rows: list[RosterRow], check: RosterCheck) -> list[RosterRow]:
    seen_emails: set[str] = set()
    seen_badges: set[str] = set()
    good = []
    for row in rows:
        try:
            validate_email(row.email)
        except ValidationError:
            check.error(row.line, row.email, _("Bad email address"))
            continue
        if row.email in seen_emails:
            check.error(row.line, row.email, _("Duplicate email in the file"))
            continue
        if row.badge_number and row.badge_number in seen_badges:
            check.error(row.line, row.email, _("Duplicate badge number in the file"))
            continue
        if row.supervisor_email == row.email:
            check.error(row.line, row.email, _("An officer cannot supervise themselves"))
            continue
        if len(row.post_id) > 32:
            check.error(row.line, row.email, _("State POST ID longer than 32 characters"))
            continue
        seen_emails.add(row.email)
        seen_badges.add(row.badge_number)
        good.append(row)
    return good


def _chunks(items: list, size: int = _CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _on_this_roster(emails: list[str], department: Department) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(emails):
        found.update(
            Membership.objects.filter(
                user__email__in=chunk,
                department=department,
                role=Membership.Role.OFFICER,
                status=Membership.Status.ACTIVE,
            ).values_list("user__email", flat=True)
        )
    return found


def _badge_owners(department: Department, badges: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks([b for b in badges if b]):
        found.update(
            Membership.objects.filter(
                department=department, role=Membership.Role.OFFICER, badge_number__in=chunk
            ).values_list("badge_number", "user__email")
        )
    return found


def _department_member_emails(department: Department, emails: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(emails)):
        found.update(
            Membership.objects.filter(
                department=department, status=Membership.Status.ACTIVE, user__email__in=chunk
            ).values_list("user__email", flat=True)
        )
    return found


def _check_supervisors(rows: list[RosterRow], department: Department, check: RosterCheck):
    """A supervisor is someone else in the file or an active member of the department."""
    in_file = {row.email for row in rows}
    named = {row.supervisor_email for row in rows if row.supervisor_email} - in_file
    members = _department_member_emails(department, named) if named else set()
    good = []
    for row in rows:
        if row.supervisor_email and row.supervisor_email not in in_file | members:
            check.error(row.line, row.email, _("Supervisor is not a member of this department"))
            continue
        good.append(row)
    return good


def _check_assignments(rows: list[RosterRow], department: Department, check: RosterCheck):
    """Named curricula must be published; a due date must be a date, not in the past."""
    from django.apps import apps

    slugs = {slug for row in rows for slug in row.curriculum_slugs}
    curriculum = apps.get_model("curriculum", "Curriculum")
    published = set(
        curriculum.objects.filter(slug__in=slugs, status="published").values_list("slug", flat=True)
    ) if slugs else set()  # fmt: skip
    today = clock.today(department)
    good = []
    for row in rows:
        unknown = [slug for slug in row.curriculum_slugs if slug not in published]
        if unknown:
            check.error(
                row.line,
                row.email,
                _("Not a published curriculum: %(slugs)s") % {"slugs": ", ".join(unknown)},
            )
            continue
        try:
            due_on = dt.date.fromisoformat(row.due_on) if row.due_on else None
        except ValueError:
            due_on = "bad"
        if due_on == "bad" or (due_on is not None and due_on < today):
            check.error(row.line, row.email, _("Due date must be YYYY-MM-DD, today or later"))
            continue
        good.append(row)
    return good


def _check_against_database(
    rows: list[RosterRow], department: Department, check: RosterCheck, on_progress
) -> None:
    rows = _check_supervisors(rows, department, check)
    rows = _check_assignments(rows, department, check)
    for start in range(0, len(rows), _PROGRESS_EVERY):
        _check_chunk_against_database(rows[start : start + _PROGRESS_EVERY], department, check)
        if on_progress is not None:
            on_progress(rows[min(start + _PROGRESS_EVERY, len(rows)) - 1].line - 1)


def _check_chunk_against_database(
    rows: list[RosterRow], department: Department, check: RosterCheck
) -> None:
    on_roster = _on_this_roster([row.email for row in rows], department)
    badges = _badge_owners(department, [row.badge_number for row in rows])
    for row in rows:
        # An officer of another department is invited like any existing account (and cannot
        # accept while on that roster): the liaison learns nothing about other rosters.
        if row.badge_number and badges.get(row.badge_number, row.email) != row.email:
            check.error(row.line, row.email, _("Badge number already used in this department"))
        elif row.email in on_roster:
            check.already_on_roster += 1
        else:
            check.rows.append(row)


def roster_check(*, data: bytes, department: Department, on_progress=None) -> RosterCheck:
    """Every problem of the file, row by row; the rows that would be added. Writes nothing.

    `on_progress(rows_checked)` is called after each thousand rows.
    """
    check = RosterCheck()
    text = _decode(data)
    if text is None:
        check.error(0, "", _("Wrong encoding: save the file as UTF-8 CSV"))
        return check
    rows = _check_row_fields(_parse_rows(text, check), check)
    _check_against_database(rows, department, check, on_progress)
    check.errors.sort(key=lambda error: error["line"])
    return check


# Upload, validate, commit -------------------------------------------------------------


def roster_import_upload(
    *, data: bytes, filename: str, department: Department, acting_user: User
) -> dict:
    """Store an uploaded file as a pending import; nothing is written to the roster."""
    if department.pk not in liaison_department_ids(user=acting_user):
        raise PermissionDenied("Not a liaison of this department.")
    import_id = secrets.token_hex(16)
    (_import_dir() / f"{import_id}.csv").write_bytes(data)
    state = {
        "id": import_id,
        "department_id": department.pk,
        "user_id": acting_user.pk,
        "filename": filename[:200],
        "uploaded_at": timezone.now().isoformat(),
        "total": roster_row_count(data=data),
        "status": "uploaded",
        "done": 0,
        "errors": [],
        "to_add": 0,
        "already_on_roster": 0,
        "result": None,
    }
    _state_save(state)
    return state


def roster_import_is_large(*, state: dict) -> bool:
    return state["total"] > ROSTER_SYNC_MAX_ROWS


def roster_import_validate(*, import_id: str) -> dict:
    """Check the stored file and record the outcome in the import's state."""
    state = _state_update(import_id, status="validating")
    data = (_import_dir() / f"{import_id}.csv").read_bytes()
    department = Department.objects.get(pk=state["department_id"])
    check = roster_check(
        data=data,
        department=department,
        on_progress=lambda done: _state_update(import_id, done=min(done, state["total"])),
    )
    return _state_update(
        import_id,
        status="validated",
        done=state["total"],
        errors=check.errors,
        to_add=len(check.rows),
        already_on_roster=check.already_on_roster,
    )


def _existing_emails(rows: list[RosterRow]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks([row.email for row in rows]):
        found.update(User.objects.filter(email__in=chunk).values_list("email", flat=True))
    return found


def _new_users(rows: list[RosterRow]) -> dict[str, User]:
    """Accounts for people the portal does not know yet, without a password."""
    unusable = make_password(None)
    created = User.objects.bulk_create(
        [
            User(email=r.email, first_name=r.first_name, last_name=r.last_name, password=unusable)
            for r in rows
        ],
        batch_size=_CHUNK,
    )
    if created and created[0].pk is None:  # backends that do not return primary keys
        created = list(User.objects.filter(email__in=[u.email for u in created]))
    return {u.email: u for u in created}


def _memberships_write(rows: list[RosterRow], users: dict[str, User], department) -> None:
    # A bulk write sends no post_save: `roster_members_added` (sent after it) tells the apps
    # that cache department figures (curriculum.receivers).
    today = clock.today(department)
    Membership.objects.bulk_create(
        [
            Membership(
                user=users[row.email],
                department=department,
                role=Membership.Role.OFFICER,
                badge_number=row.badge_number,
                rank=row.rank,
                started_on=today,
            )
            for row in rows
        ],
        batch_size=_CHUNK,
    )


def _invitations_write(rows: list[RosterRow], department: Department, acting_user: User) -> int:
    """One invitation per row, with the names and badge the liaison gave (never an existing
    account's own), replacing any still-open one for the same address and department."""
    now = timezone.now()
    # One open invitation per address and department (a constraint): this one replaces it.
    for chunk in _chunks([row.email for row in rows]):
        Invitation.objects.filter(
            email__in=chunk,
            role=Invitation.Role.OFFICER,
            department=department,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
    keyed = [(row, token_key_generate()) for row in rows]
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                email=row.email,
                role=Invitation.Role.OFFICER,
                department=department,
                first_name=row.first_name,
                last_name=row.last_name,
                badge_number=row.badge_number,
                rank=row.rank,
                key_hash=token_key_hash(key),
                invited_by=acting_user,
                created_at=now,
                sent_at=now,
                expires_at=now + dt.timedelta(days=INVITATION_DAYS),
            )
            for row, key in keyed
        ],
        batch_size=_CHUNK,
    )
    # One drain is published when these rows commit, so the emails go out at once.
    notification_queue_bulk(
        [
            Notification(
                kind="invitation",
                to_email=invitation.email,
                dedupe_key=f"invitation:{invitation.pk}",
                context={
                    "link": invitation_link(key=key),
                    "role": str(Invitation.Role.OFFICER.label),
                    "organization": department.name,
                    "invited_by": acting_user.display_name,
                    "first_name": invitation.first_name,
                    "expires_on": clock.local_date(invitation.expires_at, department).isoformat(),
                },
            )
            for invitation, (_row, key) in zip(invitations, keyed, strict=True)
        ],
        batch_size=_CHUNK,
    )
    return len(invitations)


def roster_import_queue(*, import_id: str, step: str) -> dict:
    """Mark an import as waiting for the worker (step "validate" or "commit")."""
    return _state_update(import_id, status="uploaded" if step == "validate" else "queued")


# Imports whose task was never published or died --------------------------------------

# Seconds without a change of its state after which an import counts as stuck, by status; a
# working validation writes its progress every thousand rows.
ROSTER_STALE_SECONDS = {"uploaded": 120, "validating": 300, "queued": 120, "committing": 300}
ROSTER_MAX_ATTEMPTS = 3


def roster_import_stuck_list(*, now: float | None = None) -> list[dict]:
    """Pending imports whose state has not changed for longer than their status allows."""
    now = time.time() if now is None else now
    stuck = []
    for path in _import_dir().glob("*.json"):
        state = json.loads(path.read_text())
        limit = ROSTER_STALE_SECONDS.get(state.get("status"))
        if limit is not None and now - path.stat().st_mtime > limit:
            stuck.append(state)
    return stuck


def _commit_running(department_id: int) -> bool:
    """A commit holds the department's row lock until it ends (PostgreSQL; SQLite: never)."""
    with transaction.atomic():
        free = Department.objects.select_for_update(skip_locked=True).filter(pk=department_id)
        return not free.exists()


def roster_import_requeue(*, state: dict) -> str | None:
    """Put a stuck import back in line: returns the step to publish ("validate" or "commit"),
    or None when it is still running or has now failed (after ROSTER_MAX_ATTEMPTS)."""
    status = state["status"]
    if status == "committing" and _commit_running(state["department_id"]):
        return None
    attempts = state.get("attempts", 0) + 1
    if attempts > ROSTER_MAX_ATTEMPTS:
        reason = _("The import could not be completed: nothing was written. Upload it again.")
        _state_update(state["id"], status="failed", errors=[_reason(reason)])
        return None
    step = "validate" if status in {"uploaded", "validating"} else "commit"
    # A commit that died was rolled back: confirmed, it waits for the worker again.
    _state_update(
        state["id"], status="uploaded" if step == "validate" else "queued", attempts=attempts
    )
    return step


def roster_import_commit(*, import_id: str, acting_user: User) -> dict:
    """Write the whole file or nothing: any error found now leaves the roster untouched.

    One import at a time per department: the confirmation locks the department's row, so a
    second one (another file, or the same one confirmed twice) waits, then checks its file
    against the roster the first left. It never stays "committing": a failure ends "failed"
    with its reason, or (the database gone) back to "validated" to be confirmed again.
    """
    state = roster_import_state(import_id=import_id)
    if state is not None and state["status"] in {"committing", "done"}:
        return state  # confirmed from another tab: its outcome is this one's
    if state is None or state["status"] not in {"validated", "queued"} or state["errors"]:
        raise ValidationError(_("This import is not ready to be confirmed."))
    department = Department.objects.get(pk=state["department_id"])
    if department.pk not in liaison_department_ids(user=acting_user):
        raise PermissionDenied("Not a liaison of this department.")
    ready = state["status"]
    _state_update(import_id, status="committing", committing_at=timezone.now().isoformat())
    try:
        with transaction.atomic():
            return _commit_locked(import_id, department, acting_user)
    except RosterHasErrors as error:
        return _state_update(import_id, status="failed", errors=error.errors)
    except (IntegrityError, DataError, ValueError) as error:
        # Bad data, not an outage (a NUL byte PostgreSQL refuses is a DataError). Nothing
        # was written (one transaction); the page must say so, not show "Writing"
        # forever. The cause goes to the log, the liaison gets a line to act on.
        logger.exception("roster import %s failed: %s", import_id, type(error).__name__)
        return _state_update(
            import_id, status="failed", errors=[_reason(_("The import failed; nothing was added."))]
        )
    except DatabaseError:
        # The database went away (503 for the request, a retry for the task): confirm again.
        _state_update(import_id, status=ready)
        raise


def _reason(reason: str) -> dict:
    return {"line": 0, "email": "", "reason": reason}


def _commit_locked(import_id: str, department: Department, acting_user: User) -> dict:
    Department.objects.select_for_update().filter(pk=department.pk).first()
    state = roster_import_state(import_id=import_id)
    if state["status"] == "done":  # confirmed twice: the first confirmation's answer
        return state
    data = (_import_dir() / f"{import_id}.csv").read_bytes()
    result = _commit_rows(data, department, acting_user, state)
    # Recorded before the commit, so a second confirmation waiting on the lock reads "done".
    return _state_update(import_id, status="done", result=result, done=state["total"])


def _commit_rows(data: bytes, department: Department, acting_user: User, state: dict) -> dict:
    check = roster_check(data=data, department=department)
    if check.errors:
        raise RosterHasErrors(check.errors)
    # Only people new to the portal go on the roster now. An existing account (any role, any
    # department, or separated from this one) is only invited: it joins when its holder
    # accepts, signed in (accounts.services.invitation_accept).
    existing = _existing_emails(check.rows)
    new_rows = [row for row in check.rows if row.email not in existing]
    users = _new_users(new_rows)
    _memberships_write(new_rows, users, department)
    invited = _invitations_write(check.rows, department, acting_user)
    roster_members_added.send(
        sender=Membership,
        department=department,
        user_ids=[users[r.email].pk for r in new_rows],
        acting_user=acting_user,
        profiles={
            users[r.email].pk: {
                "post_id": r.post_id,
                "supervisor_email": r.supervisor_email,
                "curricula": r.curriculum_slugs,
                "due_on": r.due_on or None,
            }
            for r in new_rows
            if r.post_id or r.supervisor_email or r.curricula
        },
    )
    result = {
        "added": len(new_rows),
        "invited": invited,
        "already_on_roster": check.already_on_roster,
    }
    audit_record(
        action="roster.imported",
        actor=acting_user,
        department=department,
        data={"file": state["filename"], **result},
    )
    return result
