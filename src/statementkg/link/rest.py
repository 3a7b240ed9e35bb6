"""Shared pieces of the REST sources (UK Parliament, legislation.gov.uk, GOV.UK): GETs through the
polite client, checks of a 200 body, name folding and the facts each source keeps."""

from __future__ import annotations

import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..errors import LinkError
from .cache import CachedAnswer
from .decisions import Candidate
from .http import Client, get_url
from .wikidata import fold

__all__ = ["fold", "get_json", "get_xml", "slug", "url", "with_uniqueness"]


def url(endpoint: str, path: str, **params: object) -> str:
    """``endpoint`` + ``path`` with ``params`` in a fixed order (so the cache key is stable)."""
    query = urllib.parse.urlencode(sorted((k, str(v)) for k, v in params.items()), quote_via=urllib.parse.quote)
    return endpoint.rstrip("/") + path + (f"?{query}" if query else "")


def slug(text: str) -> str:
    return fold(text).replace(" ", "-")


def _check_json(what: str, endpoint: str, ok: Callable[[Any], bool]) -> Callable[[bytes], None]:
    def check(body: bytes) -> None:
        text = body.decode("utf-8", "replace")
        try:
            data = json.loads(text)
        except ValueError:
            raise LinkError(f"{endpoint}: malformed JSON in the {what} answer; try again later") from None
        if not ok(data):
            error = ""
            if isinstance(data, dict):
                error = str(data.get("error") or data.get("title") or data.get("message") or data.get("errors") or "")
            detail = f" ({error[:160]})" if error else f": {text[:120]!r}"
            raise LinkError(f"{endpoint}: the answer is not a {what}{detail}")

    return check


def get_json(client: Client, endpoint: str, target: str, what: str, ok: Callable[[Any], bool]) -> tuple[Any,
                                                                                                        CachedAnswer]:
    """GET ``target`` (a URL under ``endpoint``) as JSON, checked by ``ok``; cached like every answer."""
    answer = client.fetch(endpoint, "GET", target, get_url(target, client.user_agent, "application/json"),
                          _check_json(what, endpoint, ok))
    return json.loads(answer.body), answer


def get_xml(client: Client, endpoint: str, target: str, what: str, root_tag: str) -> tuple[ET.Element, CachedAnswer]:
    """GET ``target`` as XML whose root element is ``root_tag`` (an error page inside a 200 is an error)."""

    def check(body: bytes) -> None:
        try:
            root = ET.fromstring(body)
        except ET.ParseError as exc:
            raise LinkError(f"{endpoint}: malformed XML in the {what} answer ({exc}); try again later") from None
        if root.tag != root_tag:
            raise LinkError(f"{endpoint}: the answer is not a {what} (root element {root.tag!r})")

    answer = client.fetch(endpoint, "GET", target, get_url(target, client.user_agent, "application/atom+xml"),
                          check)
    return ET.fromstring(answer.body.encode("utf-8")), answer


def with_uniqueness(cands: Sequence[Candidate]) -> list[Candidate]:
    """The only viable candidate gets the uniqueness point (for names that are not people's)."""
    viable = [c for c in cands if c.acceptable]
    if len(viable) != 1:
        return list(cands)
    only = viable[0]
    bumped = replace(only, score=round(only.score + 0.1, 3), evidence=(*only.evidence, "only viable candidate"))
    return [bumped if c is only else c for c in cands]


def first(items: Iterable[str]) -> str:
    return next(iter(items), "")


HONORIFICS = re.compile(r"^(?:(?:the\s+)?(?:rt\s+hon|right\s+honourable|mr|mrs|ms|miss|dr|sir|dame|lord|lady|"
                        r"baroness|baron|viscount|earl)\.?\s+)+", re.IGNORECASE)
