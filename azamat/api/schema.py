"""The OpenAPI schema's generator: every operation also documents the errors it can answer with."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why the request was refused, in the language asked for.")


# DRF's validation errors: each field (or non_field_errors) with its messages, nested for nested input;
# a body that is not JSON at all gets {"detail": "..."}.
VALIDATION_ERROR = {
    "type": "object",
    "description": "Each invalid field or query parameter with its messages, or `detail` for a malformed body.",
    "additionalProperties": {
        "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}, {"type": "string"}]
    },
}


class Schema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        writes = self.method in {"POST", "PUT", "PATCH", "DELETE"}
        listing = self.method == "GET" and self._is_list_view()
        errors = {
            # Any request may be malformed (a NUL character in the address is refused before any view; see
            # core.middleware), may carry a token that is wrong, expired or revoked, and may be rate-limited.
            "400": (VALIDATION_ERROR, "Invalid input, query parameter or address."),
            "401": (
                ErrorSerializer,
                "The token is not valid, has expired or was revoked; or sign-in is needed.",
            ),
            "429": (ErrorSerializer, "Too many requests: wait and retry (see the Retry-After header)."),
        }
        if writes:
            errors["403"] = (ErrorSerializer, "Not allowed: the reason is in `detail`.")
        if "{" in self.path or (listing and self._get_paginator() is not None):
            errors["404"] = (ErrorSerializer, "No such object, or no such page.")
        for code, (body, description) in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(body, code, direction=direction)
                responses[code]["description"] = description
        return dict(sorted(responses.items()))


# No parameter may hold a NUL (PostgreSQL can neither store nor compare it: core.middleware refuses it with a
# 400 before any view); a free-text parameter's schema says so, or a client generating requests from the schema
# meets a refusal it was not told of.
NO_NUL = r"^[^\x00]*$"


def no_nul_in_parameters(result, generator, request, public):
    """drf-spectacular postprocessing hook: a string parameter with no pattern, choices or format of its own
    gets the pattern that leaves out NUL."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and not {"pattern", "enum", "format"} & set(schema):
                    schema["pattern"] = NO_NUL
    return result
