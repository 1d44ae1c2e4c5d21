"""The admin is branded and grouped by task: people, training, partners, operations."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_index_is_branded_and_grouped_by_task(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("admin:index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Django administration" not in html and "Django site admin" not in html
    assert "REPAIR program administration" in html
    sections = [app["app_label"] for app in response.context["app_list"]]
    assert sections == ["people", "training", "partners", "operations"]
    people = next(a for a in response.context["app_list"] if a["app_label"] == "people")
    names = {m["object_name"] for m in people["models"]}
    assert {"User", "Department", "Membership", "EmailAddress"} <= names
    assert "AuditEvent" not in names
    assert html.count(">Accounts<") == 0  # no more two "ACCOUNTS" sections


def test_an_apps_own_admin_page_still_works(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("admin:app_list", args=["accounts"]))

    assert response.status_code == 200
    assert response.context["app_list"][0]["app_label"] == "accounts"
