"""Every Celery task lives in a module of this package; import each here so that
`app.autodiscover_tasks()` (which imports `worker.tasks`) registers them."""

from worker.tasks import audit, compliance, facilitation, notifications, reminders, reports, roster

__all__ = ["audit", "compliance", "facilitation", "notifications", "reminders", "reports", "roster"]
