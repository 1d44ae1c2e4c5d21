from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = _("Integrations")

    def ready(self) -> None:
        from integrations import checks, receivers  # noqa: F401
        from integrations.lti.services import score_deliver
        from integrations.xapi.delivery import statement_deliver
        from worker.channels import channel_register

        channel_register("xapi_statement", statement_deliver)
        channel_register("lti_score", score_deliver)
