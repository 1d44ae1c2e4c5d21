"""What a partner may see is audited whatever changes it (accounts.audit_watch): who belongs to
a partner organization and which departments share data with it, from when until when."""

from __future__ import annotations

from accounts.audit_watch import Watch, watch
from partners.models import DataSharingAgreement, PartnerMembership

watch(
    PartnerMembership,
    Watch(action="partner_membership", fields=("partner_id", "user_id", "receives_reports")),
)
watch(
    DataSharingAgreement,
    Watch(
        action="sharing_agreement",
        fields=("partner_id", "department_id", "starts_on", "ends_on"),
        department_id=lambda agreement: agreement.department_id,
    ),
)
