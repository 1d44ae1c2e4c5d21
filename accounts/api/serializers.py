from __future__ import annotations

from rest_framework import serializers


class NamedRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    display_name = serializers.CharField()
    roles = serializers.ListField(
        child=serializers.ChoiceField(
            choices=["officer", "liaison", "facilitator", "partner", "staff"]
        )
    )
    department = NamedRefSerializer(allow_null=True)
    partner = NamedRefSerializer(allow_null=True)
    language = serializers.CharField()
