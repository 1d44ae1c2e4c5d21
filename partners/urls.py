from django.urls import path

from partners import views

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("reports/<int:pk>/<str:kind>/", views.report_download, name="report-download"),
]
