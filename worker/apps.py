from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = _("Worker")

    def ready(self) -> None:
        # Every task registered by name in every process (web included), so an app may publish
        # one by name without importing the task modules that import it (worker.publish).
        from worker import tasks  # noqa: F401
