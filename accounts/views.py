from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from accounts.roles import Role
from accounts.selectors import user_roles

# The first role a user holds, in this order, decides where `/` leads.
ROLE_HOMES = [
    (Role.STAFF, "admin:index"),
    (Role.PARTNER, "partners:home"),
    (Role.LIAISON, "department:home"),
    (Role.FACILITATOR, "facilitate:home"),
    (Role.OFFICER, "learn:home"),
]


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html")
    roles = user_roles(user=request.user)
    for role, url_name in ROLE_HOMES:
        if role in roles:
            try:
                return redirect(reverse(url_name))
            except NoReverseMatch:
                continue
    return render(request, "home.html", {"no_role": True})
