"""The three pagination styles the sandbox can speak: Laravel pages, cursors, or none.

The real service does not document its pagination, so the client must detect the shape;
the sandbox offers each plausible one. Paginators work on an already filtered, ordered
sequence (of ids, usually) and only cut a window out of it.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from app.sandbox.config import Pagination

T = TypeVar("T")

# Query parameters never copied into pagination links: the position itself, and the API
# key, which must not be echoed into URLs that clients log.
_NOT_IN_LINKS = frozenset({"page", "cursor", "api_key"})


class InvalidCursorError(ValueError):
    """The ``cursor`` parameter is not one this server handed out."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """A window of the items plus the body keys that describe where it sits."""

    items: Sequence[T]
    extra: dict[str, Any] = field(default_factory=dict)

    def body(self, data: list[Any]) -> dict[str, Any]:
        """The response body: ``data`` first, then links/meta or cursor fields."""
        return {"data": data, **self.extra}


def _positive_int(raw: str | None) -> int | None:
    if raw is None:
        return None
    try:
        value = int(raw.strip())
    except ValueError:
        return None
    return value if value >= 1 else None


def page_size(query: Mapping[str, str], default: int, maximum: int) -> int:
    """``per_page`` from the query; invalid means default, too large means the maximum."""
    requested = _positive_int(query.get("per_page"))
    return min(requested or default, maximum)


def encode_cursor(payload: dict[str, int]) -> str:
    """An opaque cursor string for ``payload``."""
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(cursor: str) -> dict[str, int]:
    """The payload of a cursor made by :func:`encode_cursor`; InvalidCursorError otherwise."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InvalidCursorError(cursor) from exc
    if not isinstance(payload, dict) or not all(
        isinstance(key, str) and type(value) is int for key, value in payload.items()
    ):
        raise InvalidCursorError(cursor)
    return payload


@dataclass(frozen=True, slots=True)
class Paginator:
    """Cuts pages in one style; ``url`` and ``query`` describe the request being answered."""

    style: Pagination
    per_page_default: int
    per_page_max: int

    def paginate(
        self,
        items: Sequence[T],
        *,
        path_url: str,
        query: Sequence[tuple[str, str]],
        keyset: Sequence[int] | None = None,
    ) -> Page[T]:
        """The page of ``items`` the query asks for.

        ``path_url`` is the absolute URL without query; ``query`` the request's parameters
        in order. ``keyset``, if given, holds ascending ids parallel to ``items``: cursors
        then point after an id, so inserts and deletes between pages neither skip nor repeat.
        """
        params = dict(query)
        if self.style == "none":
            return Page(items[:])  # a copy: ``items`` may be a live index of the store
        size = page_size(params, self.per_page_default, self.per_page_max)
        if self.style == "cursor":
            return self._cursor_page(items, params.get("cursor"), size, keyset)
        return self._laravel_page(items, params, size, path_url, query)

    def _cursor_page(
        self, items: Sequence[T], cursor: str | None, size: int, keyset: Sequence[int] | None
    ) -> Page[T]:
        start = 0
        if cursor:
            payload = decode_cursor(cursor)
            if keyset is not None and "after" in payload:
                start = bisect.bisect_right(keyset, payload["after"])
            elif keyset is None and "offset" in payload and payload["offset"] >= 0:
                start = payload["offset"]
            else:
                raise InvalidCursorError(cursor)
        end = start + size
        window = items[start:end]
        has_more = end < len(items)
        next_cursor = None
        if has_more:
            position = {"after": keyset[end - 1]} if keyset is not None else {"offset": end}
            next_cursor = encode_cursor(position)
        return Page(window, {"has_more": has_more, "next_cursor": next_cursor})

    def _laravel_page(
        self,
        items: Sequence[T],
        params: Mapping[str, str],
        size: int,
        path_url: str,
        query: Sequence[tuple[str, str]],
    ) -> Page[T]:
        page = _positive_int(params.get("page")) or 1
        total = len(items)
        last_page = max(1, math.ceil(total / size))
        offset = (page - 1) * size
        window = items[offset : offset + size]
        kept = [(key, value) for key, value in query if key not in _NOT_IN_LINKS]

        def link(number: int) -> str:
            return f"{path_url}?{urlencode([*kept, ('page', str(number))])}"

        links = {
            "first": link(1),
            "last": link(last_page),
            "prev": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < last_page else None,
        }
        meta = {
            "current_page": page,
            "from": offset + 1 if window else None,
            "last_page": last_page,
            "path": path_url,
            "per_page": size,
            "to": offset + len(window) if window else None,
            "total": total,
        }
        return Page(window, {"links": links, "meta": meta})
