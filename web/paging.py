"""Paging for the lists that span boards: the page asked for, and GOV.UK pagination links
that stay short however many pages there are (first, last, and the pages round this one)."""
from __future__ import annotations

from flask import request, url_for

NEAR = 1  # pages either side of the current one that get their own link


def page_number(name: str = "page") -> int:
    """The page number in the query string; 1 if it is missing or not a positive number."""
    given = request.args.get(name, "1")
    return int(given) if given.isdigit() and 0 < int(given) < 2**31 else 1


def pagination(endpoint: str, page: int, pages: int, **args) -> dict | None:
    """``govukPagination`` parameters for ``page`` of ``pages`` (``None`` for a single page)."""
    if pages <= 1:
        return None
    shown = sorted({1, pages} | set(range(max(1, page - NEAR), min(pages, page + NEAR) + 1)))
    items, last = [], 0
    for number in shown:
        if number > last + 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "current": number == page,
                      "href": url_for(endpoint, page=number, **args)})
        last = number
    return {"items": items,
            "previous": {"href": url_for(endpoint, page=page - 1, **args)} if page > 1 else None,
            "next": {"href": url_for(endpoint, page=page + 1, **args)} if page < pages else None}
