"""Partner organizations, their reviewers, data-sharing agreements and periodic reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department


class PartnerOrganization(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerMembership(models.Model):
    partner = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="partner_memberships"
    )
    receives_reports = models.BooleanField(_("receives report emails"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "user"], name="partner_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.partner}"


class DataSharingAgreement(models.Model):
    """A department shares its aggregates with a partner from `starts_on` until `ends_on`."""

    partner = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="agreements"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="sharing_agreements"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["partner", "department", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["partner", "starts_on", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.department} → {self.partner}"


class PartnerReport(models.Model):
    partner = models.ForeignKey(
        PartnerOrganization, on_delete=models.PROTECT, related_name="reports"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    generated_at = models.DateTimeField(default=timezone.now)
    csv_file = models.FileField(upload_to="partner_reports/", blank=True)
    pdf_file = models.FileField(upload_to="partner_reports/", blank=True)
    checksum = models.CharField(_("SHA-256 of the files"), max_length=64, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    min_cell = models.PositiveSmallIntegerField(_("R-11 threshold"), default=11)
    # The end of the report the "in the period" figures are measured from (the partner's
    # report of the month before, over the same departments); null when there is none.
    change_since = models.DateField(null=True, blank=True)
    # Titles of the published curricula with no enrollment counted in this report (none
    # assigned by the period end in the departments sharing with the partner), as printed;
    # null for a report built before the reports said so (and had "in the period" figures).
    not_counted = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "period_start", "period_end"],
                name="partner_report_one_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="partner_report_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.period_start:%Y-%m}"


class PartnerReportRow(models.Model):
    """The ledger: one published row of one table of a report, exactly as the partner got it.

    A figure the report withheld is null here, with its reason in `withheld` ({figure: reason});
    a figure published as a range has it in `ranges` ({figure: [low, high]}). The report's
    files are rendered from these rows, and every later report is checked against them, so a
    lost file neither blocks a later report nor loses what was published.
    """

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    table = models.CharField(max_length=16)
    key = models.CharField(max_length=64)
    label = models.CharField(max_length=300)
    # The row of the enclosing table this one adds up to (a department's state, a month's
    # quarter, a quarter's year); blank when none.
    parent = models.CharField(max_length=64, blank=True)
    officers = models.IntegerField(null=True)
    enrolled = models.IntegerField(null=True)
    completed = models.IntegerField(null=True)
    completion_rate = models.FloatField(null=True)
    pairs = models.IntegerField(null=True)
    ratings = models.IntegerField(null=True)
    mean_pre = models.FloatField(null=True)
    mean_post = models.FloatField(null=True)
    mean_gain = models.FloatField(null=True)
    normalised_gain = models.FloatField(null=True)
    mean_rating = models.FloatField(null=True)
    departments = models.IntegerField(null=True)
    # The departments a department-table row adds up (ids; never shown to the partner): which
    # group a department was reported in, so that it never moves to a smaller one.
    members = models.JSONField(default=list, blank=True)
    withheld = models.JSONField(default=dict)
    ranges = models.JSONField(default=dict)
    # The change of each figure since the report `report.change_since` ends: an int when both
    # figures were published exactly, [low, high] when a range is all that follows from what
    # the two reports published; absent when one of them was withheld. Derived from the
    # published figures only, so it tells the partner nothing the two reports do not.
    in_period = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "table", "key"], name="partner_report_row_unique"
            ),
            models.UniqueConstraint(
                fields=["report", "position"], name="partner_report_row_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.table}:{self.key}"
