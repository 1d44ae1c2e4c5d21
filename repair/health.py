"""`/api/health/`: is the database reachable, is the cache (Redis) reachable, is the broker.

The database down is 503 ("down"); the cache or broker down is 200 "degraded": pages that need
the cache (sign-in's rate limits) answer 503 with Retry-After until it is back.
"""

from __future__ import annotations

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connection
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL:
        return "in-process"
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=0.5, socket_timeout=0.5
        )
        client.ping()
    except (redis.RedisError, OSError, ValueError):  # ValueError: not a Redis URL
        return "down"
    return "ok"


def cache_status() -> str:
    if not isinstance(caches["default"], RedisCache):
        return "local"
    try:
        caches["default"].get("repair:health")
    except (redis.RedisError, OSError):
        return "down"
    return "ok"


class HealthApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        responses={
            200: inline_serializer(
                "Health",
                {
                    "status": serializers.CharField(),
                    "database": serializers.CharField(),
                    "cache": serializers.CharField(),
                    "broker": serializers.CharField(),
                },
            ),
            503: inline_serializer(
                "HealthDown",
                {
                    "status": serializers.CharField(),
                    "database": serializers.CharField(),
                    "cache": serializers.CharField(),
                    "broker": serializers.CharField(),
                },
            ),
        }
    )
    def get(self, request):
        database = database_status()
        broker = broker_status()
        cached = cache_status()
        if database != "ok":
            overall = "down"
        elif "down" in (broker, cached):
            overall = "degraded"
        else:
            overall = "ok"
        payload = {"status": overall, "database": database, "cache": cached, "broker": broker}
        return Response(payload, status=503 if database != "ok" else 200)
