"""Request parsing and Laravel-style validation of participant writes and query flags."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from app.sandbox.errors import ApiError, ValidationFailedError
from app.sandbox.records import ContactRecord, EventRecord
from app.sandbox.store import SandboxStore

DUPLICATE_MESSAGE = "This contact is already a participant of this event."

_MISSING = object()


@dataclass(frozen=True, slots=True)
class ParticipantInput:
    """A validated write; ``None`` fields were not given (PUT/PATCH leave them alone)."""

    event: EventRecord | None
    contact: ContactRecord | None
    is_confirmed: bool | None


def parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    """The request body as a dict: JSON, or form-encoded as Laravel also accepts.

    An empty body is an empty dict, so that a bare POST fails validation (422) like on
    the real service instead of failing to parse.
    """
    if not raw.strip():
        return {}
    if (
        content_type.split(";", maxsplit=1)[0].strip().lower()
        == "application/x-www-form-urlencoded"
    ):
        return dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"Malformed JSON body: {exc}") from exc
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    return body


def parse_bool(value: object) -> bool | None:
    """Laravel's ``boolean`` rule: true, false, 1, 0, "1", "0"; anything else is None."""
    if value is True or value is False:
        return value
    if type(value) is int and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value in ("0", "1"):
        return value == "1"
    return None


def parse_query_flag(name: str, raw: str | None) -> bool | None:
    """A 0/1 (or true/false) query parameter; absent or empty is None, nonsense is a 422."""
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip().lower()
    if value in ("1", "true"):
        return True
    if value in ("0", "false"):
        return False
    label = name.replace("_", " ")
    raise ValidationFailedError({name: [f"The {label} field must be true or false."]})


def _required_string(body: dict[str, Any], name: str, errors: dict[str, list[str]]) -> str | None:
    """The non-empty string under ``name``, recording a required/type error otherwise."""
    label = name.replace("_", " ")
    value = body.get(name)
    # Laravel turns "" into null before validating, so blank counts as missing.
    if value is None or (isinstance(value, str) and value.strip() == ""):
        errors[name] = [f"The {label} field is required."]
        return None
    if not isinstance(value, str):
        errors[name] = [f"The {label} field must be a string."]
        return None
    return value


def validate_participant(
    body: dict[str, Any], store: SandboxStore, *, partial: bool
) -> ParticipantInput:
    """Check a POST (``partial=False``) or PUT/PATCH body; ValidationFailedError if invalid."""
    errors: dict[str, list[str]] = {}
    event = contact = None
    if not partial or "event_key" in body:
        key = _required_string(body, "event_key", errors)
        if key is not None:
            event = store.event_by_key(key)
            if event is None:
                errors["event_key"] = ["The selected event key is invalid."]
    if not partial or "customer_number" in body:
        number = _required_string(body, "customer_number", errors)
        if number is not None:
            contact = store.contact_by_customer_number(number)
            if contact is None:
                errors["customer_number"] = ["The selected customer number is invalid."]
    confirmed = None
    raw_confirmed = body.get("is_confirmed", _MISSING)
    if raw_confirmed is not _MISSING:
        confirmed = parse_bool(raw_confirmed)
        if confirmed is None:
            errors["is_confirmed"] = ["The is confirmed field must be true or false."]
    if errors:
        raise ValidationFailedError(errors)
    return ParticipantInput(event, contact, confirmed)
