"""Recognise how a list response is paginated, whatever shape the server chose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from app.api.parsing import items_of, parse_bool, parse_int, parse_text


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One page of a list response and how to ask for the next one.

    ``next_url`` is a link to follow; ``next_params`` are query parameters to add to the
    original request (a cursor, or a page number when only counts were given).
    """

    items: list[Any]
    next_url: str | None = None
    next_params: dict[str, str] | None = None
    current_page: int | None = None
    last_page: int | None = None
    per_page: int | None = None
    total: int | None = None

    @property
    def has_next(self) -> bool:
        """Whether the server says there is more."""
        return self.next_url is not None or self.next_params is not None

    def numbered_pages_follow(self) -> bool:
        """Whether pages 2..last_page can be requested directly with ``page=N``.

        True for Laravel-style pagination seen from page 1, when the next link (if any)
        uses the ``page`` parameter, so the remaining pages can be fetched concurrently.
        """
        if self.current_page != 1 or self.last_page is None or self.last_page < 2:
            return False
        if self.next_url is None:
            return self.next_params == {"page": "2"}
        try:
            return bool(httpx.URL(self.next_url).params.get("page") == "2")
        except httpx.InvalidURL:
            return False


def read_page(body: Any) -> PageInfo:
    """Items and next-page instructions from Laravel, cursor, link-only or bare bodies."""
    items = items_of(body)
    if not isinstance(body, dict):
        return PageInfo(items)
    meta = body.get("meta")
    meta = meta if isinstance(meta, dict) else {}
    links = body.get("links")
    links = links if isinstance(links, dict) else {}

    def field(name: str) -> Any:
        # Laravel API resources put counters in "meta"; a plain paginator puts them at the top.
        return meta.get(name, body.get(name))

    current_page = parse_int(field("current_page"))
    last_page = parse_int(field("last_page"))
    per_page = parse_int(field("per_page"))
    total = parse_int(field("total"))
    next_url = parse_text(links.get("next")) or parse_text(field("next_page_url"))
    has_more = parse_bool(field("has_more"))
    cursor = parse_text(field("next_cursor"))

    next_params: dict[str, str] | None = None
    if has_more is False or (
        current_page is not None and last_page is not None and current_page >= last_page
    ):
        next_url = None
    elif cursor is not None and next_url is None:
        next_params = {"cursor": cursor}
    elif next_url is None and current_page is not None and last_page is not None:
        next_params = {"page": str(current_page + 1)}
    return PageInfo(items, next_url, next_params, current_page, last_page, per_page, total)
