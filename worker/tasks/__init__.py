"""Every Celery task lives in a module of this package; import each here so that
`app.autodiscover_tasks()` (which imports `worker.tasks`) registers them."""

from worker.tasks import audit, compliance, notifications, reminders, reports, roster

__all__ = ["audit", "compliance", "notifications", "reminders", "reports", "roster"]
