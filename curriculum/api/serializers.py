"""Input and output shapes of the REST API v1 contract (DESIGN.md), field for field."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Membership
from curriculum.models import Enrollment
from repair.params import MAX_ID, parse_id


class IdField(serializers.IntegerField):
    """An id: a JSON integer or a string of ASCII digits (DRF's own field reads a full-width "1" as 1)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and parse_id(data) is None:
            self.fail("invalid")
        return super().to_internal_value(data)


def id_field(**kwargs) -> serializers.IntegerField:
    return IdField(min_value=1, max_value=MAX_ID, **kwargs)


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()


class CurriculumRefSerializer(RefSerializer):
    title = serializers.CharField()


class OfficerRefSerializer(RefSerializer):
    display_name = serializers.CharField()


# Curricula -------------------------------------------------------------------------------------


class ModuleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    order = serializers.IntegerField()
    estimated_minutes = serializers.IntegerField()


class CurriculumOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    language = serializers.CharField()
    thematic_area = serializers.CharField()
    credit_hours = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False)
    version = serializers.IntegerField(
        source="current_version.number", help_text=_("The version new enrollments get.")
    )
    modules = ModuleOutputSerializer(many=True, source="current_version.current_modules")


# Enrollments -----------------------------------------------------------------------------------


def version_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        source="version.number", help_text=_("The curriculum version the enrollment is taken on.")
    )


class MyEnrollmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    curriculum = CurriculumRefSerializer()
    version = version_field()
    cycle = serializers.CharField()
    status = serializers.ChoiceField(choices=Enrollment.Status.choices)
    is_overdue = serializers.BooleanField()
    due_on = serializers.DateField(allow_null=True)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    completed_at = serializers.DateTimeField(allow_null=True)
    completed_on = serializers.DateField(
        allow_null=True,
        help_text=_("The department's date of the completion (as on the certificate)."),
    )
    certificate_code = serializers.SerializerMethodField()

    def get_certificate_code(self, enrollment: Enrollment) -> str | None:
        # A revoked certificate is no longer the officer's to show (it still verifies as invalid).
        certificate = getattr(enrollment, "certificate", None)
        if certificate is None or certificate.revoked_at is not None:
            return None
        return certificate.code


class EnrollmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    officer = OfficerRefSerializer()
    curriculum = CurriculumRefSerializer()
    version = version_field()
    cycle = serializers.CharField()
    status = serializers.ChoiceField(choices=Enrollment.Status.choices)
    is_overdue = serializers.BooleanField()
    due_on = serializers.DateField(allow_null=True)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    assigned_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    completed_on = serializers.DateField(
        allow_null=True,
        help_text=_("The department's date of the completion (as on the certificate)."),
    )


class EnrollmentCreateInputSerializer(serializers.Serializer):
    officer_ids = serializers.ListField(child=id_field(), min_length=1, max_length=1000)
    curriculum_id = id_field()
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    cycle = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=16,
        help_text=_('The training cycle, e.g. "2027"; the department\'s current year by default.'),
    )
    department_id = id_field(
        required=False,
        help_text=_("Needed only by a liaison of more than one department."),
    )


class EnrollmentCreateOutputSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    skipped_existing = serializers.IntegerField()
    skipped_officer_ids = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Who was already enrolled.")
    )
    enrollment_ids = serializers.ListField(child=serializers.IntegerField())


# Departments -----------------------------------------------------------------------------------


class DepartmentOutputSerializer(serializers.Serializer):
    """A department; partner reviewers get `id`, `name` and `state` only."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    state = serializers.CharField()
    ori_code = serializers.CharField(required=False)
    timezone = serializers.CharField(required=False)

    PARTNER_FIELDS = ("id", "name", "state")

    def to_representation(self, department):
        data = super().to_representation(department)
        full_ids = self.context.get("full_ids")
        if full_ids is not None and department.pk not in full_ids:
            return {key: data[key] for key in self.PARTNER_FIELDS}
        return data


class CurriculumSummarySerializer(serializers.Serializer):
    curriculum_id = serializers.IntegerField()
    title = serializers.CharField()
    enrolled = serializers.IntegerField()
    completed = serializers.IntegerField()
    overdue = serializers.IntegerField()
    completion_rate = serializers.FloatField(min_value=0, max_value=1)


class DepartmentSummaryOutputSerializer(serializers.Serializer):
    officers = serializers.IntegerField()
    enrollments = serializers.IntegerField()
    not_started = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    completed = serializers.IntegerField()
    overdue = serializers.IntegerField()
    completion_rate = serializers.FloatField(min_value=0, max_value=1)
    curricula = CurriculumSummarySerializer(many=True)


class RosterOfficerOutputSerializer(serializers.Serializer):
    """One officer of the roster; `id` is the officer's user id (as in `officer_ids`)."""

    id = serializers.IntegerField(source="user_id")
    display_name = serializers.CharField()
    email = serializers.EmailField()
    badge_number = serializers.CharField()
    status = serializers.ChoiceField(choices=Membership.Status.choices)
    enrollments = serializers.IntegerField(source="enrollment_count")
    completed = serializers.IntegerField(source="completed_count")
    overdue = serializers.IntegerField(source="overdue_count")


# Statistics ------------------------------------------------------------------------------------


class CompletionStatsInputSerializer(serializers.Serializer):
    interval = serializers.ChoiceField(choices=["week", "month"], default="week")
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)
    department = id_field(required=False)
    curriculum = id_field(required=False)

    def validate(self, attrs):
        since, until = attrs.get("since"), attrs.get("until")
        if since and until and since > until:
            raise serializers.ValidationError({"until": _("Must not be before `since`.")})
        return attrs


class SeriesPointSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    completed = serializers.IntegerField()


class CompletionStatsOutputSerializer(serializers.Serializer):
    interval = serializers.ChoiceField(choices=["week", "month"])
    series = SeriesPointSerializer(many=True)


# Certificates ----------------------------------------------------------------------------------


class CertificateOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    valid = serializers.BooleanField(source="is_valid")
    status = serializers.ChoiceField(
        source="state",
        choices=["valid", "expired", "revoked"],
        help_text=_("An expired or revoked certificate is not valid."),
    )
    expires_on = serializers.DateField(
        allow_null=True,
        help_text=_("The department's date from which it is expired; null: it never expires."),
    )
    holder_name = serializers.CharField()
    curriculum = serializers.CharField(source="curriculum_title")
    completed_on = serializers.DateField()
    credit_hours = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False)


# The officer's training record -----------------------------------------------------------------


class RecordMembershipSerializer(serializers.Serializer):
    department = serializers.CharField()
    role = serializers.CharField()
    badge_number = serializers.CharField()
    rank = serializers.CharField()
    status = serializers.CharField()


class RecordOfficerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()
    memberships = RecordMembershipSerializer(many=True)


class RecordVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    content_hash = serializers.CharField(help_text=_("SHA-256 of the version's content."))
    published_at = serializers.DateTimeField(allow_null=True)


class RecordCurriculumSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()


class RecordLessonSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    module = serializers.IntegerField()
    module_title = serializers.CharField()
    lesson = serializers.IntegerField()
    title = serializers.CharField()
    estimated_minutes = serializers.IntegerField()
    opened_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    seconds_on_clock = serializers.IntegerField(
        allow_null=True, help_text=_("Null: taken before the lesson clock existed.")
    )


class RecordAttemptSerializer(serializers.Serializer):
    assessment = serializers.CharField()
    kind = serializers.CharField()
    number = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    score = serializers.IntegerField(allow_null=True)
    passed = serializers.BooleanField()


class RecordReflectionSerializer(serializers.Serializer):
    module = serializers.IntegerField()
    prompt = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    text = serializers.CharField(required=False, help_text=_("The officer's own copy only."))
    feedback = serializers.CharField(required=False, allow_blank=True)


class RecordReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["pending", "confirmed", "returned"])
    finished_at = serializers.DateTimeField()
    minutes_taken = serializers.IntegerField()
    minutes_expected = serializers.IntegerField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decided_by = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_blank=True)


class RecordCertificateSerializer(serializers.Serializer):
    code = serializers.CharField()
    issued_on = serializers.DateField()
    completed_on = serializers.DateField()
    credit_hours = serializers.CharField()
    valid = serializers.BooleanField()
    verify_url = serializers.URLField()


class RecordEnrollmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    curriculum = RecordCurriculumSerializer()
    version = RecordVersionSerializer()
    department = serializers.CharField()
    status = serializers.ChoiceField(choices=Enrollment.Status.choices)
    assigned_at = serializers.DateTimeField()
    due_on = serializers.DateField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    completed_on = serializers.DateField(
        allow_null=True, help_text=_("The department's date; the certificate's when it has one.")
    )
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    credit_hours = serializers.CharField(allow_null=True)
    completion_reviews = RecordReviewSerializer(many=True)
    lessons = RecordLessonSerializer(many=True)
    attempts = RecordAttemptSerializer(many=True)
    reflections = RecordReflectionSerializer(many=True)
    certificate = RecordCertificateSerializer(allow_null=True)


class RecordEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    occurred_at = serializers.DateTimeField()
    action = serializers.CharField()
    actor = serializers.CharField(allow_null=True)
    object = serializers.CharField(allow_null=True)
    hash = serializers.CharField()


class RecordChainHeadSerializer(serializers.Serializer):
    event_id = serializers.IntegerField()
    hash = serializers.CharField()
    occurred_at = serializers.DateTimeField()


class RecordAuditSerializer(serializers.Serializer):
    events = RecordEventSerializer(many=True)
    chain_head = RecordChainHeadSerializer(allow_null=True)
    how_to_verify = serializers.CharField(allow_null=True)


class RecordOutputSerializer(serializers.Serializer):
    """The officer's training record (docs/api.md); the same data as /learn/record.json."""

    generated_at = serializers.DateTimeField()
    officer = RecordOfficerSerializer()
    enrollments = RecordEnrollmentSerializer(many=True)
    audit = RecordAuditSerializer()
