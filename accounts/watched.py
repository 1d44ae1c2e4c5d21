"""What the accounts app audits at the model level (accounts.audit_watch): who is staff or
superuser, who may sign in, passwords, group and permission grants, and memberships."""

from __future__ import annotations

from django.db.models.signals import m2m_changed

from accounts.audit import audit_record
from accounts.audit_watch import Watch, actor_and_origin, watch
from accounts.models import Membership, User

watch(
    User,
    Watch(
        action="user.access",
        fields=("email", "is_active", "is_facilitator", "is_staff", "is_superuser", "password"),
        secret=frozenset({"password"}),
        # A new ordinary account is the invitation's or the import's to record.
        on_create=lambda user: user.is_staff or user.is_superuser,
    ),
)
watch(
    Membership,
    Watch(
        action="membership",
        fields=("user_id", "department_id", "role", "status"),
        department_id=lambda membership: membership.department_id,
    ),
)


def _grants_changed(sender, instance, action, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or not isinstance(instance, User):
        return
    actor, ip, via = actor_and_origin()
    audit_record(
        action="user.access.changed",
        actor=actor,
        obj=instance,
        client_ip=ip,
        data={
            "grants": sender._meta.label_lower,
            "change": action.removeprefix("post_"),
            "ids": sorted(pk_set or []),
            "via": via,
        },
    )


m2m_changed.connect(_grants_changed, sender=User.groups.through, dispatch_uid="audit.groups")
m2m_changed.connect(
    _grants_changed, sender=User.user_permissions.through, dispatch_uid="audit.permissions"
)
