from django.urls import path

from partners.api.views import PartnerAggregatesApi, PartnerReportListApi

urlpatterns = [
    path("aggregates/", PartnerAggregatesApi.as_view(), name="partner-aggregates"),
    path("reports/", PartnerReportListApi.as_view(), name="partner-reports"),
]
