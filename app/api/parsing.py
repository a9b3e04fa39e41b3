"""Tolerant conversion of Plandocket JSON into domain objects.

The docs contradict themselves (``id`` vs ``participant_id``, ISO strings vs Unix seconds,
booleans vs 0/1), so every reader accepts all of them and ignores fields it does not know.
A value that cannot be understood becomes ``None`` ("unknown") instead of failing the whole
list; only a participant without any id is unusable and rejected.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from app.domain import Category, Contact, Event, Participant

_TRUE_STRINGS = frozenset({"1", "true", "yes", "on"})
_FALSE_STRINGS = frozenset({"0", "false", "no", "off", ""})
# Unix timestamps above this are milliseconds (1e11 s is in the year 5138).
_MILLISECONDS_THRESHOLD = 100_000_000_000


class UnreadableItemError(ValueError):
    """An item lacks what makes it usable at all (its id)."""


def parse_bool(value: Any) -> bool | None:
    """``True``/``False`` from a boolean, 0/1, or their string forms; ``None`` if unknown."""
    if value is True or value is False:
        return bool(value)
    if isinstance(value, int | float):
        return bool(value) if value in (0, 1) else None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE_STRINGS:
            return True
        if text in _FALSE_STRINGS:
            return False
    return None


def parse_int(value: Any) -> int | None:
    """An integer from an int or a numeric string; ``None`` otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        digits = text.removeprefix("-")
        if digits.isascii() and digits.isdigit():
            try:
                return int(text)
            except ValueError:  # longer than int() reads from a string
                return None
    return None


def parse_text(value: Any) -> str | None:
    """A string from a string or number (customer numbers arrive as both)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def parse_timestamp(value: Any) -> datetime | None:
    """An aware datetime from ISO 8601 (offset optional: naive means UTC) or Unix seconds."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            text = value.strip()
            digits = text.replace(".", "", 1)
            if not (digits.isascii() and digits.isdigit()):
                return None
            return _from_unix(float(text))
        # Laravel stores UTC and its default string form carries no offset.
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_unix(float(value))
    return None


def _from_unix(seconds: float) -> datetime | None:
    if seconds >= _MILLISECONDS_THRESHOLD:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_date(value: Any) -> date | None:
    """A calendar date from ``YYYY-MM-DD``, a full timestamp, or Unix seconds."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    moment = parse_timestamp(value)
    return moment.date() if moment is not None else None


class ParseCache:
    """Shares repeated objects and short strings across one listing to save memory.

    A 100k-row event repeats the same event and category objects and the same city and
    country names on every row; keeping one copy of each is most of the per-row budget.
    """

    __slots__ = ("_categories", "_events", "_strings")

    def __init__(self) -> None:
        self._events: dict[int, Event] = {}
        self._categories: dict[int, Category] = {}
        self._strings: dict[str, str] = {}

    def text(self, value: Any) -> str | None:
        """Like :func:`parse_text`, returning one shared copy of each distinct string."""
        text = parse_text(value)
        if text is None:
            return None
        return self._strings.setdefault(text, text)

    def event(self, raw: Any) -> Event | None:
        """The event for a raw object, shared by id within this cache."""
        if not isinstance(raw, dict):
            return None
        event_id = parse_int(raw.get("id", raw.get("event_id")))
        if event_id is not None and (known := self._events.get(event_id)) is not None:
            return known
        event = parse_event(raw, self)
        if event is not None:
            self._events[event.id] = event
        return event

    def category(self, raw: Any) -> Category | None:
        """The category for a raw object, shared by id within this cache."""
        if not isinstance(raw, dict):
            return None
        category_id = parse_int(raw.get("id", raw.get("category_id")))
        if category_id is not None and (known := self._categories.get(category_id)) is not None:
            return known
        category = parse_category(raw, self)
        if category is not None:
            self._categories[category.id] = category
        return category


def parse_contact(raw: Any, cache: ParseCache | None = None) -> Contact | None:
    """A contact from its JSON object; ``None`` when it has no id."""
    if not isinstance(raw, dict):
        return None
    contact_id = parse_int(raw.get("id", raw.get("contact_id")))
    if contact_id is None:
        return None
    shared = (cache or ParseCache()).text
    return Contact(
        id=contact_id,
        customer_number=parse_text(raw.get("customer_number")),
        company_name=parse_text(raw.get("company_name")),
        first_name=parse_text(raw.get("first_name")),
        last_name=parse_text(raw.get("last_name")),
        email=parse_text(raw.get("email")),
        phone=parse_text(raw.get("phone")),
        city=shared(raw.get("city")),
        country=shared(raw.get("country")),
    )


def parse_event(raw: Any, cache: ParseCache | None = None) -> Event | None:
    """An event from its JSON object; ``None`` when it has no id or key."""
    if not isinstance(raw, dict):
        return None
    event_id = parse_int(raw.get("id", raw.get("event_id")))
    event_key = parse_text(raw.get("event_key"))
    if event_id is None or event_key is None:
        return None
    shared = (cache or ParseCache()).text
    return Event(
        id=event_id,
        event_key=event_key,
        title=parse_text(raw.get("title")),
        date_from=parse_date(raw.get("date_from")),
        date_to=parse_date(raw.get("date_to")),
        city=shared(raw.get("city")),
        country=shared(raw.get("country")),
        is_visible=parse_bool(raw.get("is_visible")),
        participant_count=parse_int(raw.get("participant_count")),
    )


def parse_category(raw: Any, cache: ParseCache | None = None) -> Category | None:
    """A category from its JSON object; ``None`` when it has no id."""
    if not isinstance(raw, dict):
        return None
    category_id = parse_int(raw.get("id", raw.get("category_id")))
    if category_id is None:
        return None
    return Category(
        id=category_id,
        category_key=parse_text(raw.get("category_key")),
        title=parse_text(raw.get("title")),
        parent_category_id=parse_int(raw.get("parent_category_id")),
        level=parse_int(raw.get("level")),
        sort_order=parse_int(raw.get("sort_order")),
    )


def parse_participant(raw: Any, cache: ParseCache | None = None) -> Participant:
    """A participant from its JSON object (either documented shape).

    Raises :class:`UnreadableItemError` when the object has no usable id.
    """
    if not isinstance(raw, dict):
        raise UnreadableItemError(f"expected a participant object, got {type(raw).__name__}")
    participant_id = parse_int(raw.get("id"))
    if participant_id is None:
        participant_id = parse_int(raw.get("participant_id"))
    if participant_id is None:
        raise UnreadableItemError("participant without an id")
    if cache is None:
        cache = ParseCache()
    contact = parse_contact(raw.get("contact"), cache)
    event = cache.event(raw.get("event"))
    category = cache.category(raw.get("category"))
    event_id = parse_int(raw.get("event_id"))
    contact_id = parse_int(raw.get("contact_id"))
    category_id = parse_int(raw.get("category_id"))
    return Participant(
        id=participant_id,
        event_id=event_id if event_id is not None else (event.id if event else None),
        contact_id=contact_id if contact_id is not None else (contact.id if contact else None),
        is_confirmed=parse_bool(raw.get("is_confirmed")),
        created_at=parse_timestamp(raw.get("created_at")),
        updated_at=parse_timestamp(raw.get("updated_at")),
        category_id=category_id if category_id is not None else (category.id if category else None),
        contact=contact,
        event=event,
        category=category,
    )


def unwrap_data(body: Any) -> Any:
    """The payload of a response: ``data`` of an envelope, else the bare body."""
    if isinstance(body, dict) and "data" in body:
        return body["data"]
    return body


def items_of(body: Any) -> list[Any]:
    """The list of item objects in a list response of any shape."""
    payload = unwrap_data(body)
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        return [payload]
    return []


def request_id_of(body: Any) -> str | None:
    """``meta.request_id`` when the body carries one."""
    if isinstance(body, dict):
        meta = body.get("meta")
        if isinstance(meta, dict):
            return parse_text(meta.get("request_id"))
    return None
