"""The program staff's admin: branded, and its models grouped by task (people, training,
partners, operations) rather than by the Django app that happens to hold them (Django listed
two "Accounts" sections: allauth's email addresses and the portal's users)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PEOPLE, TRAINING, PARTNERS, OPERATIONS = "people", "training", "partners", "operations"
SECTIONS = {
    PEOPLE: _("People: users, departments, rosters, invitations, sign-in"),
    TRAINING: _("Training: curricula, cohorts, enrollments, certificates"),
    PARTNERS: _("Partners: organizations, data-sharing agreements, reports"),
    OPERATIONS: _("Operations: emails, audit trail, integrations"),
}
BY_APP = {
    "accounts": PEOPLE,
    "account": PEOPLE,
    "auth": PEOPLE,
    "mfa": PEOPLE,
    "socialaccount": OPERATIONS,
    "curriculum": TRAINING,
    "partners": PARTNERS,
    "worker": OPERATIONS,
    "integrations": OPERATIONS,
}
BY_MODEL = {
    ("accounts", "AuditEvent"): OPERATIONS,
    ("accounts", "SSOProvider"): OPERATIONS,
}


class RepairAdminSite(admin.AdminSite):
    site_header = _("REPAIR program administration")
    site_title = _("REPAIR administration")
    index_title = _("What do you want to manage?")

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps  # one app's own page keeps Django's shape
        sections: dict[str, list[dict]] = {key: [] for key in SECTIONS}
        for app in apps:
            for model in app["models"]:
                key = (app["app_label"], model["object_name"])
                section = BY_MODEL.get(key) or BY_APP.get(app["app_label"], OPERATIONS)
                sections[section].append(model)
        index = reverse("admin:index", current_app=self.name)
        return [
            {
                "name": SECTIONS[key],
                "app_label": key,
                "app_url": f"{index}#section-{key}",
                "has_module_perms": True,
                "models": sorted(models, key=lambda m: str(m["name"])),
            }
            for key, models in sections.items()
            if models
        ]


class RepairAdminConfig(AdminConfig):
    default_site = "repair.admin_site.RepairAdminSite"
