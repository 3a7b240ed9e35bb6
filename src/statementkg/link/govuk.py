"""GOV.UK: organisations by name and slug (Organisations API), a statement's own ``content_id``
(Content API), and ``statementkg fetch`` (page URLs -> Content API JSON files the readers accept).

Requests (https://docs.publishing.service.gov.uk/repos/content-store/content-api.html and
https://www.gov.uk/api/organisations):

* ``GET /api/organisations?page=N``: ``{"results": [{"id", "title", "format", "web_url", "details":
  {"slug", "abbreviation", "govuk_status", "content_id", ...}, "superseding_organisations": [...]}],
  "current_page", "pages", "total", ...}``, every page read;
* ``GET /api/content/PATH``: a content item, ``{"content_id", "base_path", "title", "document_type",
  "details": {"body", ...}, "links": {...}}``.

Organisations: the title as ours (or an alternative label) 0.7, the slug as ours 0.6, the
abbreviation as ours 0.5; live (``govuk_status``) +0.1; closed is a conflict (its successor is
named); the only viable candidate +0.1.  Statements: one whose URL is a GOV.UK page is linked
to its content item ``uuid:CONTENT_ID`` when the Content API's ``base_path`` is that page's path
(a strong identifier, accepted with confidence 1.0).
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset
from rdflib.namespace import RDF, RDFS

from ..errors import InputError, LinkError
from ..export import union_graph
from ..files import write_atomic
from ..namespaces import SCHEMA, SKG
from .decisions import Candidate, Proposal
from .http import Client
from .rest import fold, get_json, slug, url, with_uniqueness
from .sssom import contract
from .subjects import Kind, Subject

ENDPOINT = "https://www.gov.uk"
GOVUK_HOSTS = {"www.gov.uk", "gov.uk"}
MAX_PAGES = 50


@dataclass(frozen=True)
class Organisation:
    slug: str
    title: str
    abbreviation: str
    status: str
    content_id: str
    format: str
    superseded_by: tuple[str, ...] = ()

    @property
    def curie(self) -> str:
        return f"govuk:{self.slug}"


def _is_org_page(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("results"), list)


def _is_content_item(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("content_id"), str) and isinstance(data.get("base_path"), str)


def parse_organisation(r: dict[str, Any]) -> Organisation | None:
    details = r.get("details") if isinstance(r.get("details"), dict) else {}
    assert isinstance(details, dict)
    s = details.get("slug") or str(r.get("web_url") or "").rstrip("/").rsplit("/", 1)[-1]
    if not s or not r.get("title"):
        return None
    successors = tuple(sorted(str(o.get("title") or o.get("web_url") or "") for o in
                              r.get("superseding_organisations") or [] if isinstance(o, dict)))
    return Organisation(str(s), str(r["title"]), str(details.get("abbreviation") or ""),
                        str(details.get("govuk_status") or ""), str(details.get("content_id") or ""),
                        str(r.get("format") or ""), successors)


def score_org(subject: Subject, org: Organisation) -> Candidate | None:
    names = {fold(n) for n in subject.names}
    evidence: list[str] = []
    conflicts: list[str] = []
    if fold(org.title) in names:
        lexical = 0.7
        evidence.append(f"title {org.title!r}")
    elif org.slug in {slug(n) for n in subject.names}:
        lexical = 0.6
        evidence.append(f"slug {org.slug!r}")
    elif org.abbreviation and fold(org.abbreviation) in names:
        lexical = 0.5
        evidence.append(f"abbreviation {org.abbreviation!r}")
    else:
        return None
    total = lexical
    if org.status == "live":
        total += 0.1
        evidence.append("live")
    elif org.status == "closed":
        succ = f", superseded by {', '.join(org.superseded_by)}" if org.superseded_by else ""
        conflicts.append(f"closed{succ}")
    elif org.status:
        evidence.append(org.status)
    total -= 0.2 * len(conflicts)
    return Candidate(object_id=org.curie, label=org.title, score=round(max(total, 0.0), 3), lexical=lexical,
                     match_string=subject.label, evidence=tuple(evidence), conflicts=tuple(conflicts))


def page_path(page: str) -> str:
    """The path of a GOV.UK page URL (``https://www.gov.uk/government/speeches/x`` -> ``/government/speeches/x``)."""
    parts = urllib.parse.urlsplit(page.strip())
    if parts.scheme not in ("http", "https") or parts.hostname not in GOVUK_HOSTS:
        raise InputError(f"{page!r} is not a GOV.UK page URL; give one such as "
                         "https://www.gov.uk/government/speeches/home-secretary-statement")
    path = parts.path.rstrip("/")
    if path.startswith("/api/content/"):
        path = path.removeprefix("/api/content")
    if not path or path == "/":
        raise InputError(f"{page!r} is the GOV.UK home page, not a page of a statement")
    return path


class GovUK:
    def __init__(self, client: Client, endpoint: str = ENDPOINT) -> None:
        self.client = client
        self.endpoint = endpoint.rstrip("/")
        self.dates: set[dt.date] = set()

    def organisations(self) -> tuple[list[Organisation], str]:
        out: list[Organisation] = []
        page, pages = 1, 1
        first = url(self.endpoint, "/api/organisations", page=1)
        while page <= pages and page <= MAX_PAGES:
            data, answer = get_json(self.client, self.endpoint, url(self.endpoint, "/api/organisations", page=page),
                                    "GOV.UK organisations page", _is_org_page)
            self.dates.add(answer.retrieved)
            out += [o for r in data["results"] if isinstance(r, dict) and (o := parse_organisation(r))]
            pages = data.get("pages") if isinstance(data.get("pages"), int) else page
            page += 1
        return sorted(out, key=lambda o: o.slug), first

    def content_item(self, path: str) -> tuple[dict[str, Any], str, str]:
        """The Content API item of ``path``, its raw JSON text and the request URL."""
        quoted = urllib.parse.quote(path)
        target = url(self.endpoint, f"/api/content{quoted}")
        data, answer = get_json(self.client, self.endpoint, target, "GOV.UK content item", _is_content_item)
        self.dates.add(answer.retrieved)
        return data, answer.body, target

    def propose_organisations(self, subjects: Sequence[Subject]) -> tuple[list[Proposal], dict[str, Organisation],
                                                                            str]:
        orgs = [s for s in subjects if s.kind is Kind.ORGANISATION]
        every, request = self.organisations() if orgs else ([], "")
        day = max(self.dates) if self.dates else self.client.today()
        proposals = []
        for s in orgs:
            cands = with_uniqueness([c for o in every if (c := score_org(s, o)) is not None])
            notes = () if cands else (f"no GOV.UK organisation titled {s.label!r}",)
            proposals.append(Proposal(s.curie, s.label, tuple(cands), day, notes))
        return proposals, {o.curie: o for o in every}, request

    def propose_statements(self, dataset: Dataset) -> tuple[list[Proposal], dict[str, tuple[str, str]]]:
        """Statements with a GOV.UK page URL -> their content items; returns the proposals and
        ``uuid:ID`` -> (base_path, request URL)."""
        ds = union_graph(dataset)
        proposals = []
        items: dict[str, tuple[str, str]] = {}
        for st in sorted(ds.subjects(RDF.type, SKG.Statement), key=str):
            page = ds.value(st, SCHEMA.url)
            if page is None:
                continue
            try:
                path = page_path(str(page))
            except InputError:
                continue
            data, _body, target = self.content_item(path)
            cid = data["content_id"]
            ok = data["base_path"].rstrip("/") == path
            evidence = (f"base_path {data['base_path']} is the page's path" if ok
                        else f"base_path {data['base_path']} is not {path}",)
            cand = Candidate(object_id=f"uuid:{cid}", label=str(data.get("title") or cid), score=1.0 if ok else 0.4,
                             lexical=1.0 if ok else 0.0, match_string=path, evidence=evidence,
                             strong_id=f"base_path={path}" if ok else None,
                             conflicts=() if ok else ("redirected to another page",))
            items[cand.object_id] = (data["base_path"], target)
            label = str(ds.value(st, RDFS.label) or st)
            proposals.append(Proposal(contract(str(st)), label, (cand,), max(self.dates)))
        return proposals, items


def fetch_pages(pages: Sequence[str], output_dir: Path, client: Client, endpoint: str = ENDPOINT) -> list[Path]:
    """Each GOV.UK page as its Content API JSON in ``output_dir`` (checked by the reader, written atomically)."""
    from ..sources.govuk_json import parse_content_item

    paths = [page_path(p) for p in pages]  # every URL is checked before anything is fetched
    src = GovUK(client, endpoint)
    written = []
    for path in paths:
        _data, body, target = src.content_item(path)
        out = output_dir / f"{path.rsplit('/', 1)[-1]}.json"
        try:
            parse_content_item(body, out)
        except InputError as exc:
            raise LinkError(f"{target}: the content item is not a statement the readers accept ({exc})") from None
        write_atomic(out, body.encode("utf-8") if body.endswith("\n") else (body + "\n").encode("utf-8"))
        written.append(out)
    return written
