"""Staff authoring in the Django admin.

Content belongs to a curriculum version. A draft version's modules, lessons, assessments,
questions, choices and reflections are edited here, and every edit is audited
(`curriculum.content_edited`). A published version is read-only: its pages offer "Edit in the
next draft", which copies the content into the draft of the next version and opens the same
item there. A draft is published from its page (change note, credit hours, checks), and any
version can be downloaded as a course package; a package can be uploaded as a new draft.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from curriculum.content import version_content
from curriculum.models import (
    Assessment,
    Certificate,
    Choice,
    Cohort,
    CompletionReview,
    Curriculum,
    CurriculumVersion,
    Enrollment,
    Lesson,
    Module,
    Question,
    Reflection,
)
from curriculum.packages import PackageInvalid, package_files, package_parse, package_read_zip
from curriculum.packages import package_zip as package_zip_bytes
from curriculum.services.certificates import certificate_revoke
from curriculum.services.versions import (
    content_edit_record,
    curriculum_create,
    version_credit,
    version_draft_create,
    version_draft_delete,
    version_import,
    version_problems,
    version_publish,
    version_verify,
)
from repair.params import parse_id


def version_of(obj) -> CurriculumVersion | None:
    """The version a content object belongs to."""
    if obj is None:
        return None
    if isinstance(obj, CurriculumVersion):
        return obj
    if isinstance(obj, Module | Assessment):
        return obj.version
    if isinstance(obj, Lesson | Reflection):
        return obj.module.version
    if isinstance(obj, Question):
        return obj.assessment.version
    if isinstance(obj, Choice):
        return obj.question.assessment.version
    return None


def _changed_fields(form) -> list[str]:
    return list(getattr(form, "changed_data", []) or [])


class DraftOnlyInlineMixin:
    """Inline rows can be added, changed or deleted only in a draft version.

    Authoring inlines are stacked: the admin's tabular rows have no labels on their inputs
    (axe-core: critical)."""

    def _editable(self, obj) -> bool:
        version = version_of(obj)
        return version is None or version.is_draft

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ContentAdminMixin:
    """Draft content is edited and audited; published content is read-only with a way on."""

    change_form_template = "admin/curriculum/content_change_form.html"

    def has_change_permission(self, request, obj=None):
        version = version_of(obj)
        if version is not None and not version.is_draft:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        version = version_of(obj)
        if version is not None and not version.is_draft:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        content_edit_record(
            version=version_of(obj),
            obj=obj,
            change="changed" if change else "added",
            acting_user=request.user,
            fields=_changed_fields(form),
        )

    def delete_model(self, request, obj):
        version = version_of(obj)
        content_edit_record(version=version, obj=obj, change="deleted", acting_user=request.user)
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        version = version_of(form.instance)
        for deleted in formset.deleted_forms:
            if deleted.instance.pk:
                content_edit_record(
                    version=version,
                    obj=deleted.instance,
                    change="deleted",
                    acting_user=request.user,
                )
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            content_edit_record(
                version=version,
                obj=inline_form.instance,
                change="changed" if inline_form.initial else "added",
                acting_user=request.user,
                fields=_changed_fields(inline_form),
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if parse_id(str(object_id)) else None
        version = version_of(obj)
        extra_context = {**(extra_context or {}), "content_version": version}
        if version is not None and not version.is_draft:
            extra_context["edit_in_draft_url"] = reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_edit_in_draft",
                args=[obj.pk],
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<int:object_id>/edit-in-draft/",
                self.admin_site.admin_view(self.edit_in_draft_view),
                name="{}_{}_edit_in_draft".format(*info),
            ),
            *super().get_urls(),
        ]

    def edit_in_draft_view(self, request, object_id: int):
        if request.method != "POST" or not request.user.has_perm(
            "curriculum.add_curriculumversion"
        ):
            raise PermissionDenied
        obj = self.model.objects.filter(pk=object_id).first()
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, str(object_id))
        version = version_of(obj)
        draft = version_draft_create(curriculum=version.curriculum, acting_user=request.user)
        counterpart = draft_counterpart(obj=obj, draft=draft)
        messages.info(
            request,
            gettext(
                "Version %(old)s stays as it was published. You are editing draft version "
                "%(new)s; publish it with a change note when it is ready."
            )
            % {"old": version.number, "new": draft.number},
        )
        info = counterpart._meta.app_label, counterpart._meta.model_name
        return HttpResponseRedirect(
            reverse("admin:{}_{}_change".format(*info), args=[counterpart.pk])
        )


def draft_counterpart(*, obj, draft: CurriculumVersion):
    """The object in `draft` at the same place as `obj` in its (published) version."""
    if isinstance(obj, CurriculumVersion):
        return draft
    if isinstance(obj, Module):
        return draft.modules.get(order=obj.order)
    if isinstance(obj, Lesson | Reflection):
        module = draft.modules.get(order=obj.module.order)
        manager = module.lessons if isinstance(obj, Lesson) else module.reflections
        return manager.get(order=obj.order)
    if isinstance(obj, Assessment):
        if obj.module_id:
            return draft.assessments.get(module__order=obj.module.order, kind=obj.kind)
        return draft.assessments.get(module__isnull=True, kind=obj.kind)
    if isinstance(obj, Question):
        return draft_counterpart(obj=obj.assessment, draft=draft).questions.get(order=obj.order)
    if isinstance(obj, Choice):
        return draft_counterpart(obj=obj.question, draft=draft).choices.get(order=obj.order)
    raise TypeError(obj)


# Inlines --------------------------------------------------------------------------------------


class ModuleInline(DraftOnlyInlineMixin, admin.StackedInline):
    model = Module
    extra = 0
    fields = ["order", "title"]
    show_change_link = True


class LessonInline(DraftOnlyInlineMixin, admin.StackedInline):
    model = Lesson
    extra = 0
    fields = [
        ("order", "title", "kind", "estimated_minutes"),
        "body",
        "video",
        "captions_vtt",
        "transcript",
        "source",
    ]


class ReflectionInline(DraftOnlyInlineMixin, admin.StackedInline):
    model = Reflection
    extra = 0


class KnowledgeCheckFormSet(BaseInlineFormSet):
    """A module's knowledge check belongs to the module's version and is of that one kind,
    set before validation so the constraints are checked on the real row."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.version = self.instance.version
        form.instance.kind = Assessment.Kind.KNOWLEDGE_CHECK
        return form


class KnowledgeCheckInline(DraftOnlyInlineMixin, admin.StackedInline):
    model = Assessment
    formset = KnowledgeCheckFormSet
    extra = 0
    max_num = 1
    fields = ["title", "pass_mark", "max_attempts"]
    show_change_link = True
    verbose_name = _("knowledge check")
    verbose_name_plural = _("knowledge check")


class CurriculumTestForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[
            (Assessment.Kind.PRE_TEST, Assessment.Kind.PRE_TEST.label),
            (Assessment.Kind.POST_TEST, Assessment.Kind.POST_TEST.label),
        ],
    )

    class Meta:
        model = Assessment
        fields = ["kind", "title", "pass_mark", "max_attempts"]


class CurriculumTestInline(DraftOnlyInlineMixin, admin.StackedInline):
    """The pre-test and post-test of a version. A post-test asks its own questions, or the
    pre-test's items when its page names the pre-test as its question source."""

    model = Assessment
    form = CurriculumTestForm
    fk_name = "version"
    extra = 0
    max_num = 2
    show_change_link = True
    verbose_name = _("pre-test or post-test")
    verbose_name_plural = _("pre-test and post-test")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(module__isnull=True)


class ChoiceInline(DraftOnlyInlineMixin, admin.StackedInline):
    model = Choice
    extra = 0


class QuestionInline(DraftOnlyInlineMixin, admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


class VersionInline(admin.TabularInline):
    model = CurriculumVersion
    extra = 0
    fields = ["number", "title", "published_at", "credit_hours", "content_hash"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


# Curricula and versions -----------------------------------------------------------------------


class CurriculumCreateForm(forms.ModelForm):
    class Meta:
        model = Curriculum
        fields = [
            "title",
            "slug",
            "summary",
            "thematic_area",
            "language",
            "translation_group",
            "is_paced",
        ]


class CurriculumChangeForm(forms.ModelForm):
    def clean_status(self):
        status = self.cleaned_data["status"]
        if status != Curriculum.Status.DRAFT and self.instance.current_version_id is None:
            raise ValidationError(gettext("Publish a version first: nothing is published yet."))
        return status


@admin.register(Curriculum)
class CurriculumAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "language",
        "thematic_area",
        "credit_hours",
        "status",
        "version_number",
    ]
    list_filter = ["status", "language", "thematic_area"]
    search_fields = ["title", "slug"]
    list_select_related = ["current_version"]
    inlines = [VersionInline]
    readonly_fields = [
        "title",
        "slug",
        "summary",
        "thematic_area",
        "credit_hours",
        "current_version",
    ]
    fields = [
        "title",
        "slug",
        "summary",
        "thematic_area",
        "credit_hours",
        "current_version",
        "language",
        "translation_group",
        "is_paced",
        "status",
    ]

    @admin.display(description=_("version"))
    def version_number(self, obj):
        return obj.current_version.number if obj.current_version else "—"

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = CurriculumCreateForm if obj is None else CurriculumChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return CurriculumCreateForm.Meta.fields if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["title"]} if obj is None else {}

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        created = curriculum_create(
            slug=data["slug"],
            title=data["title"],
            summary=data["summary"],
            language=data["language"],
            thematic_area=data["thematic_area"],
            translation_group=data["translation_group"],
            is_paced=data["is_paced"],
            acting_user=request.user,
        )
        obj.pk = created.pk

    def response_add(self, request, obj, post_url_continue=None):
        draft = obj.versions.get()
        messages.success(request, gettext("Add the content of version 1, then publish it."))
        return HttpResponseRedirect(
            reverse("admin:curriculum_curriculumversion_change", args=[draft.pk])
        )


class PackageUploadForm(forms.Form):
    package = forms.FileField(
        label=_("Course package (zip)"),
        help_text=_(
            "A zip of a package folder: manifest.yaml and its lessons (docs/course-packages.md)."
        ),
    )


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("Change note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "What changed and why. Required from version 2 on, and to justify credit hours "
            "above what the content supports."
        ),
    )


@admin.register(CurriculumVersion)
class CurriculumVersionAdmin(ContentAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "title", "state", "credit_hours", "published_at", "published_by"]
    list_filter = [("published_at", admin.EmptyFieldListFilter), "curriculum"]
    search_fields = ["curriculum__slug", "title"]
    list_select_related = ["curriculum", "published_by"]
    fields = [
        "curriculum",
        "number",
        "title",
        "summary",
        "thematic_area",
        "credit_hours_override",
        "change_note",
        "credit",
        "credit_hours",
        "content_hash",
        "integrity",
        "published_at",
        "published_by",
    ]
    readonly_fields = [
        "curriculum",
        "number",
        "credit",
        "credit_hours",
        "content_hash",
        "integrity",
        "published_at",
        "published_by",
    ]
    inlines = [ModuleInline, CurriculumTestInline]
    change_list_template = "admin/curriculum/curriculumversion/change_list.html"

    def has_add_permission(self, request):
        return False  # a version starts from a curriculum, a draft copy or a package

    @admin.display(description=_("state"))
    def state(self, obj):
        return gettext("draft") if obj.is_draft else gettext("published")

    @admin.display(description=_("credit hours the content supports"))
    def credit(self, obj):
        credit = version_credit(version=obj)
        return gettext("%(hours)s h: lessons %(lessons)s min, assessments %(assessments)s min") % {
            "hours": credit.supported_hours,
            "lessons": credit.lesson_minutes,
            "assessments": credit.assessment_minutes,
        }

    @admin.display(description=_("content intact"))
    def integrity(self, obj):
        if obj.is_draft:
            return "—"
        return (
            gettext("yes: the rows hash to the sealed hash")
            if version_verify(version=obj)
            else gettext("NO: the content differs from its hash")
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="curriculum_curriculumversion_upload"),
            path("<int:object_id>/publish/", view(self.publish_view), name="curriculum_curriculumversion_publish"),
            path("<int:object_id>/package.zip", view(self.package_view), name="curriculum_curriculumversion_package"),
            *super().get_urls(),
        ]  # fmt: skip

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {}
        if parse_id(str(object_id)):
            extra = {
                "package_url": reverse(
                    "admin:curriculum_curriculumversion_package", args=[object_id]
                ),
                "publish_url": reverse(
                    "admin:curriculum_curriculumversion_publish", args=[object_id]
                ),
            }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def delete_model(self, request, obj):
        version_draft_delete(version=obj, acting_user=request.user)

    @staticmethod
    def _version_or_none(object_id) -> CurriculumVersion | None:
        return CurriculumVersion.objects.select_related("curriculum").filter(pk=object_id).first()

    def package_view(self, request, object_id: int):
        version = self._version_or_none(object_id)
        if version is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, str(object_id))
        slug = version.curriculum.slug
        data = package_zip_bytes(package_files(version_content(version)), folder=slug)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{slug}-v{version.number}.zip"'
        return response

    def publish_view(self, request, object_id: int):
        version = self._version_or_none(object_id)
        if version is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, str(object_id))
        if not self.has_change_permission(request, version):
            raise PermissionDenied
        form = PublishForm(request.POST or None, initial={"change_note": version.change_note})
        problems = []
        if request.method == "POST" and form.is_valid():
            try:
                version_publish(
                    version=version,
                    acting_user=request.user,
                    change_note=form.cleaned_data["change_note"],
                )
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(
                    request,
                    gettext("Version %(n)s of %(slug)s is published.")
                    % {"n": version.number, "slug": version.curriculum.slug},
                )
                return HttpResponseRedirect(
                    reverse("admin:curriculum_curriculumversion_change", args=[version.pk])
                )
        else:
            problems = version_problems(version=version, change_note=version.change_note)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Publish %(version)s") % {"version": version},
            "version": version,
            "form": form,
            "problems": problems,
            "credit": version_credit(version=version),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/curriculum/curriculumversion/publish.html", context)

    def upload_view(self, request):
        if not request.user.has_perm("curriculum.add_curriculumversion"):
            raise PermissionDenied
        form = PackageUploadForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["package"]
            try:
                content = package_parse(package_read_zip(upload.read()))
                version = version_import(
                    content=content, acting_user=request.user, source=upload.name
                )
            except PackageInvalid as error:
                problems = [str(problem) for problem in error.problems]
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(
                    request,
                    gettext("Imported as draft version %(n)s of %(slug)s.")
                    % {"n": version.number, "slug": version.curriculum.slug},
                )
                return HttpResponseRedirect(
                    reverse("admin:curriculum_curriculumversion_change", args=[version.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Upload a course package"),
            "form": form,
            "problems": problems,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/curriculum/curriculumversion/upload.html", context)


@admin.register(Module)
class ModuleAdmin(ContentAdminMixin, admin.ModelAdmin):
    list_display = ["title", "version", "order", "estimated_minutes"]
    list_filter = ["version__curriculum"]
    list_select_related = ["version__curriculum"]
    search_fields = ["title"]
    fields = ["version", "order", "title", "summary", "estimated_minutes"]
    readonly_fields = ["version", "estimated_minutes"]
    inlines = [LessonInline, ReflectionInline, KnowledgeCheckInline]

    def has_add_permission(self, request):
        return False  # modules are added on their version's page


@admin.register(Assessment)
class AssessmentAdmin(ContentAdminMixin, admin.ModelAdmin):
    list_display = ["title", "version", "module", "kind", "pass_mark", "max_attempts"]
    list_filter = ["kind", "version__curriculum"]
    list_select_related = ["version__curriculum", "module"]
    fields = ["version", "module", "kind", "title", "pass_mark", "max_attempts", "question_source"]
    readonly_fields = ["version", "module", "kind"]
    inlines = [QuestionInline]

    def has_add_permission(self, request):
        return False  # knowledge checks are added on their module's page

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "question_source":
            # A post-test may ask the pre-test of its own version only.
            pk = request.resolver_match.kwargs.get("object_id")
            version_id = Assessment.objects.filter(pk=pk).values("version_id")[:1]
            kwargs["queryset"] = Assessment.objects.filter(
                version_id__in=version_id, kind=Assessment.Kind.PRE_TEST
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Question)
class QuestionAdmin(ContentAdminMixin, admin.ModelAdmin):
    list_display = ["text", "assessment", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["text"]
    fields = ["assessment", "order", "text", "kind", "explanation"]
    readonly_fields = ["assessment"]
    inlines = [ChoiceInline]

    def has_add_permission(self, request):
        return False  # questions are added on their assessment's page


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "curriculum", "department", "facilitator", "starts_on"]
    list_filter = ["curriculum"]
    autocomplete_fields = ["facilitator", "department"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = [
        "officer",
        "curriculum",
        "version_number",
        "department",
        "status",
        "due_on",
        "progress",
    ]
    list_filter = ["status", "curriculum", "department"]
    search_fields = ["officer__email", "officer__last_name"]
    list_select_related = ["officer", "curriculum", "version", "department"]
    raw_id_fields = ["officer", "assigned_by", "cohort"]
    readonly_fields = ["version"]
    actions = ["migrate_to_current_version"]

    @admin.display(description=_("version"), ordering="version__number")
    def version_number(self, obj):
        return obj.version.number

    def save_model(self, request, obj, form, change):
        if not change:  # a new enrollment gets the current version, as everywhere else
            obj.version_id = obj.curriculum.current_version_id
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None and "curriculum" in form.base_fields:
            form.base_fields["curriculum"].queryset = Curriculum.objects.filter(
                current_version__isnull=False
            )
        return form

    @admin.action(
        description=_("Move the selected enrollments to their curriculum's current version")
    )
    def migrate_to_current_version(self, request, queryset):
        from curriculum.services.versions import enrollment_version_migrate

        moved, refused = 0, []
        for enrollment in queryset.select_related("curriculum__current_version", "version"):
            target = enrollment.curriculum.current_version
            try:
                enrollment_version_migrate(
                    enrollment=enrollment, version=target, acting_user=request.user
                )
                moved += 1
            except ValidationError as error:
                refused.append(f"{enrollment}: {' '.join(error.messages)}")
        self.message_user(request, gettext("%(count)d enrollment(s) moved.") % {"count": moved})
        for message in refused[:20]:
            self.message_user(request, message, level=messages.WARNING)


@admin.register(CompletionReview)
class CompletionReviewAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "status", "requested_at", "minutes_taken", "minutes_expected"]
    list_filter = ["status"]
    list_select_related = ["enrollment__officer", "enrollment__curriculum"]
    readonly_fields = [
        "enrollment",
        "status",
        "requested_at",
        "minutes_taken",
        "minutes_expected",
        "decided_by",
        "decided_at",
        "note",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decided on the department's review page (/department/reviews/)


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "holder_name", "curriculum_title", "issued_on", "revoked_at"]
    search_fields = ["code", "holder_name"]
    readonly_fields = [
        "enrollment",
        "code",
        "issued_on",
        "holder_name",
        "curriculum_title",
        "credit_hours",
        "completed_on",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    actions = ["revoke_selected"]

    @admin.action(description=_("Revoke the selected certificates"))
    def revoke_selected(self, request, queryset):
        revoked = 0
        for certificate in queryset.filter(revoked_at__isnull=True):
            certificate_revoke(
                certificate=certificate,
                acting_user=request.user,
                reason=str(_("Revoked by program staff.")),
            )
            revoked += 1
        self.message_user(request, _("%(count)d certificate(s) revoked.") % {"count": revoked})


# Facilitated learning keeps its admin in its own module.
from curriculum import admin_facilitation  # noqa: E402, F401
