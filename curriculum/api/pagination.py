from __future__ import annotations

from rest_framework.pagination import CursorPagination


class EnrollmentCursorPagination(CursorPagination):
    """Newest assignment first; stable under inserts, no count query."""

    page_size = 50
    ordering = "-id"


class RosterCursorPagination(CursorPagination):
    page_size = 50
    ordering = "user_id"
