from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from partners import watched  # noqa: F401  (audit of memberships and agreements)
        from partners.roles import partner_role_register

        partner_role_register()
