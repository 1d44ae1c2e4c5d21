"""The partner's pages: the latest report's tables and the archive with audited downloads."""

from __future__ import annotations

import os

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.net import client_ip
from accounts.roles import Role
from accounts.selectors import user_roles
from partners.charts import dashboard_figures
from partners.disclosure import min_cell, size_bands
from partners.selectors import (
    next_release,
    partner_get_for,
    partner_list_for,
    partner_report_get_for,
    partner_report_latest,
    partner_report_list_for,
)
from partners.services import partner_report_download_record, partner_report_file_open
from partners.wording import grouping_statement, legend, means_statement, rule_statement
from repair.db_router import replica_reads

_CONTENT_TYPES = {"csv": "text/csv", "pdf": "application/pdf"}


def _require_partner_role(user) -> None:
    if not user_roles(user=user) & {Role.PARTNER, Role.STAFF}:
        raise PermissionDenied


@require_GET
@login_required
def dashboard(request):
    _require_partner_role(request.user)
    partner = partner_get_for(user=request.user, partner_id=request.GET.get("partner"))
    if partner is None:
        raise Http404
    # The stored report and its figures: a replica's lag is harmless (docs/scaling.md).
    with replica_reads():
        report = partner_report_latest(partner=partner)
        k = report.min_cell if report else min_cell()
        reports = partner_report_list_for(user=request.user, partner=partner).exclude(csv_file="")
        context = {
            "partner": partner,
            "partners": partner_list_for(user=request.user).order_by("name"),
            "report": report,
            "k": k,
            "rule": rule_statement(k),
            "legend": legend(k),
            "grouping": grouping_statement(size_bands()),
            "means": means_statement(k),
            "next_release": next_release(),
            "reports": reports,
            **dashboard_figures(report=report, k=k),
        }
        return render(request, "partners/dashboard.html", context)


@require_GET
@login_required
def report_download(request, pk: int, kind: str):
    _require_partner_role(request.user)
    report = partner_report_get_for(user=request.user, report_id=pk)
    if report is None or kind not in _CONTENT_TYPES:
        raise Http404
    if not (report.csv_file if kind == "csv" else report.pdf_file):
        raise Http404
    opened = partner_report_file_open(report=report, kind=kind)
    if opened is None:
        return render(request, "partners/report_missing.html", {"report": report}, status=410)
    # Recorded once the file is open: the audit trail holds downloads that happened.
    partner_report_download_record(
        report=report, user=request.user, kind=kind, client_ip=client_ip(request)
    )
    return FileResponse(
        opened,
        as_attachment=True,
        filename=os.path.basename(opened.name),
        content_type=_CONTENT_TYPES[kind],
    )
