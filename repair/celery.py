"""The Celery app. Tasks carry the id of the request that caused them (see repair.logging).

A task published while a request runs gets the request's id in its message headers
(`before_task_publish`); the worker puts it back into the log context before the task runs
(`task_prerun`), so the task's log lines and the request's share one id. Eager tasks run inside
the request's own context and need neither.
"""

import os

from celery import Celery
from celery.signals import before_task_publish, task_prerun

from repair.logging import request_id_var

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repair.settings")

app = Celery("repair")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

REQUEST_ID_HEADER = "request_id"


@before_task_publish.connect(weak=False, dispatch_uid="repair.request_id_to_headers")
def request_id_to_headers(headers=None, **kwargs):
    request_id = request_id_var.get()
    if request_id and headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, request_id)


@task_prerun.connect(weak=False, dispatch_uid="repair.request_id_from_headers")
def request_id_from_headers(task=None, **kwargs):
    if task is None or task.request.is_eager:
        return
    request_id = getattr(task.request, REQUEST_ID_HEADER, None)
    if request_id is None:
        request_id = (getattr(task.request, "headers", None) or {}).get(REQUEST_ID_HEADER)
    # Always set, even to None: a worker thread must not keep the previous task's id.
    request_id_var.set(request_id)
