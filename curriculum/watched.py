"""Published curriculum content is audited whatever edits it (accounts.audit_watch): the
catalogue row of a curriculum that is not a draft, a published version, and every content row
(module, lesson, assessment, question, choice, reflection) of a published version. Drafts are
edited freely; their edits are audited by the admin (`content_edit_record`) and frozen on
publishing."""

from __future__ import annotations

from accounts.audit_watch import Watch, watch
from curriculum.models import (
    Assessment,
    Choice,
    Curriculum,
    CurriculumVersion,
    Lesson,
    Module,
    Question,
    Reflection,
)

_DRAFT = Curriculum.Status.DRAFT


def _attnames(model) -> tuple[str, ...]:
    return tuple(f.attname for f in model._meta.concrete_fields if not f.primary_key)


def _published(**lookup) -> bool:
    return CurriculumVersion.objects.filter(published_at__isnull=False, **lookup).exists()


# The version each kind of content row belongs to, as a lookup on CurriculumVersion.
_VERSION_OF = {
    Module: lambda row: {"pk": row.version_id},
    Assessment: lambda row: {"pk": row.version_id},
    Lesson: lambda row: {"modules": row.module_id},
    Reflection: lambda row: {"modules": row.module_id},
    Question: lambda row: {"assessments": row.assessment_id},
    Choice: lambda row: {"assessments__questions": row.question_id},
}

watch(
    Curriculum,
    Watch(
        action="curriculum.catalogue",
        fields=_attnames(Curriculum),
        applies=lambda row, before: (
            before.get("status", row.status) != _DRAFT or row.status != _DRAFT
        ),
        on_create=lambda row: False,
    ),
)
watch(
    CurriculumVersion,
    Watch(
        action="curriculum.published_version",
        fields=_attnames(CurriculumVersion),
        # Publishing itself (published_at set now) is the publish service's event.
        applies=lambda row, before: before.get("published_at") is not None,
        on_create=lambda row: False,
    ),
)
for _model, _version_of in _VERSION_OF.items():
    watch(
        _model,
        Watch(
            action="curriculum.published_content",
            fields=_attnames(_model),
            applies=lambda row, before, of=_version_of: _published(**of(row)),
            on_create=lambda row, of=_version_of: _published(**of(row)),
        ),
    )
