"""Saved or deleted rows that change a department's figures drop its cached figures
(`curriculum.figures`). Bulk writes (queryset update, bulk_create) send no signal: the services
that make them call `figures_changed` themselves; accounts' roster import, which may not import
curriculum, sends `roster_members_added` after its bulk write instead."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Membership, User
from accounts.roster import roster_members_added
from curriculum.figures import figures_changed
from curriculum.models import Enrollment


@receiver([post_save, post_delete], sender=Enrollment)
@receiver([post_save, post_delete], sender=Membership)
def _department_row_changed(sender, instance, **kwargs) -> None:
    figures_changed([instance.department_id])


@receiver(post_save, sender=User)
def _user_changed(sender, instance, update_fields=None, **kwargs) -> None:
    """A name or email shows on the roster; signing in (last_login only) changes nothing."""
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    if kwargs.get("created"):
        return
    figures_changed(instance.memberships.values_list("department_id", flat=True))


@receiver(roster_members_added, dispatch_uid="curriculum.figures_after_roster_import")
def _roster_imported(sender, department, **kwargs) -> None:
    figures_changed([department.pk])
