from __future__ import annotations

from django.contrib import admin

from partners.models import (
    DataSharingAgreement,
    PartnerMembership,
    PartnerOrganization,
    PartnerReport,
)


class PartnerMembershipInline(admin.TabularInline):
    model = PartnerMembership
    extra = 0
    autocomplete_fields = ["user"]


class DataSharingAgreementInline(admin.TabularInline):
    model = DataSharingAgreement
    extra = 0
    autocomplete_fields = ["department"]


@admin.register(PartnerOrganization)
class PartnerOrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerMembershipInline, DataSharingAgreementInline]


@admin.register(PartnerReport)
class PartnerReportAdmin(admin.ModelAdmin):
    list_display = ["partner", "period_start", "period_end", "generated_at", "delivered_at"]
    list_filter = ["partner"]
    readonly_fields = ["checksum", "generated_at", "delivered_at"]
