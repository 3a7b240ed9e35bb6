"""legislation.gov.uk: Acts (and Bills, to the Acts they became) by title to their ``id`` URIs.

Subjects: our Legislation events, and every "... Act 2005" / "... Bill" name in a statement's
text (a node ``skgid:legislation/SLUG`` of its own, since the extraction does not make one).
Request (https://www.legislation.gov.uk/developer/formats/atom): ``GET /primary/data.feed?title=T``,
an Atom feed whose entries carry ``id`` (``http://www.legislation.gov.uk/id/ukpga/2005/12``),
``title``, ``ukm:DocumentMainType``, ``ukm:Year``, ``ukm:Number`` and ``ukm:CreationDate`` (the
date of enactment).  Score: the title as ours 0.7 (a Bill's title stem as the Act's: 0.6, a
``skos:closeMatch``, +0.1 when the Act was enacted after the statement naming the Bill), a UK
public general Act +0.1, the only viable candidate +0.1; a year
other than the one in our name, or an Act enacted before the statement that calls it a Bill,
is a conflict.  Facts of an accepted Act: its citation (``2005 c. 12``), title and enactment date.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, RDF

from ..export import union_graph
from ..namespaces import ID, SKG
from .decisions import Candidate, Proposal
from .http import Client
from .rest import fold, get_xml, slug, url, with_uniqueness
from .subjects import Kind, Subject

ENDPOINT = "https://www.legislation.gov.uk"
ATOM = "{http://www.w3.org/2005/Atom}"
UKM = "{http://www.legislation.gov.uk/namespaces/metadata}"
ID_BASE = "http://www.legislation.gov.uk/id/"
ACT_TYPES = {"UnitedKingdomPublicGeneralAct": "c.", "UnitedKingdomLocalAct": "c.", "ScottishAct": "asp",
             "WelshParliamentAct": "asc", "NorthernIrelandAct": "c."}
_WORD = r"(?:[A-Z][A-Za-z'’-]*|\([A-Z][^()]{0,60}\))"
_NAME = re.compile(rf"\b({_WORD}(?:\s+(?:{_WORD}|and|of|the|for|on|to|in))*)\s+(Act\s+(1[89]\d\d|20\d\d)|Bill)\b")
_LEADING = re.compile(r"^(?:(?:The|This|That|Under|Our|New|A|An|In|By|Through)\s+)+")


@dataclass(frozen=True)
class Act:
    id: str
    title: str
    kind: str
    year: int | None
    number: str
    enacted: dt.date | None

    @property
    def curie(self) -> str:
        return "ukleg:" + self.id.removeprefix(ID_BASE)

    @property
    def citation(self) -> str:
        return f"{self.year} {ACT_TYPES.get(self.kind, 'c.')} {self.number}" if self.year and self.number else ""


def names_in(text: str) -> list[tuple[str, bool]]:
    """("Inquiries Act 2005", False), ("Terrorism (Protection of Premises) Bill", True) found in ``text``."""
    out = []
    for m in _NAME.finditer(text):
        stem = _LEADING.sub("", m.group(1)).strip()
        if not stem or stem in {"Act", "Bill"}:
            continue
        is_bill = m.group(2) == "Bill"
        out.append((f"{stem} Bill" if is_bill else f"{stem} {' '.join(m.group(2).split())}", is_bill))
    return out


def legislation_subjects(dataset: Dataset) -> list[Subject]:
    """Acts and Bills named in the statements' texts, dated by the first statement naming them."""
    ds = union_graph(dataset)
    first: dict[str, tuple[dt.date | None, str]] = {}
    for st in sorted(ds.subjects(RDF.type, SKG.Statement), key=str):
        text = ds.value(st, SKG.text)
        when = ds.value(st, DCTERMS.date)
        day = dt.date.fromisoformat(str(when)) if when is not None else None
        for name, _bill in names_in(str(text or "")):
            iri = str(ID[f"legislation/{slug(name)}"])
            if iri not in first or (day and (first[iri][0] is None or day < first[iri][0])):  # type: ignore[operator]
                first[iri] = (day, name)
    return [Subject(iri, Kind.ACT, name, earliest=day, latest=day, event_type="named")
            for iri, (day, name) in sorted(first.items())]


def parse_feed(root: ET.Element) -> list[Act]:
    out = []
    for e in root.findall(f"{ATOM}entry"):
        ident = (e.findtext(f"{ATOM}id") or "").strip()
        if not ident.startswith(ID_BASE):
            continue
        def attr(tag: str, name: str = "Value", entry: ET.Element = e) -> str:
            el = entry.find(f"{UKM}{tag}")
            return (el.get(name) or "") if el is not None else ""
        year = attr("Year")
        enacted = attr("CreationDate", "Date")
        out.append(Act(ident, " ".join((e.findtext(f"{ATOM}title") or "").split()), attr("DocumentMainType"),
                       int(year) if year.isdigit() else None, attr("Number"),
                       dt.date.fromisoformat(enacted[:10]) if len(enacted) >= 10 else None))
    return out


def _year_of(name: str) -> int | None:
    m = re.search(r"\b(1[89]\d\d|20\d\d)$", name)
    return int(m.group(1)) if m else None


def bill_stem(name: str) -> str | None:
    return name[: -len(" Bill")] if name.endswith(" Bill") else None


def search_title(name: str) -> str:
    stem = bill_stem(name)
    return stem if stem is not None else name


def score_act(subject: Subject, act: Act) -> Candidate:
    evidence: list[str] = []
    conflicts: list[str] = []
    name = subject.label
    stem = bill_stem(name)
    close = False
    if stem is None and fold(act.title) == fold(name):
        lexical = 0.7
        evidence.append(f"title {act.title!r}")
    elif stem is not None and fold(act.title).startswith(fold(stem) + " act "):
        lexical, close = 0.6, True
        evidence.append(f"Bill {name!r} -> Act {act.title!r}")
    else:
        lexical = 0.3
        evidence.append(f"search hit {act.title!r}")
    total = lexical
    if act.kind == "UnitedKingdomPublicGeneralAct":
        total += 0.1
        evidence.append("UK public general Act")
    ours = _year_of(name)
    if ours is not None and act.year is not None and ours != act.year:
        conflicts.append(f"year {act.year}, not {ours}")
    if stem is not None and act.enacted and subject.earliest:
        if act.enacted < subject.earliest:
            conflicts.append(f"enacted {act.enacted}, before the statement of {subject.earliest} calls it a Bill")
        elif close:
            total += 0.1
            evidence.append(f"enacted {act.enacted}, after the statement of {subject.earliest}")
    total -= 0.2 * len(conflicts)
    return Candidate(object_id=act.curie, label=act.title, score=round(max(total, 0.0), 3), lexical=lexical,
                     match_string=name, evidence=tuple(evidence), conflicts=tuple(conflicts), close=close,
                     compatible_type=act.kind in ACT_TYPES)


class Legislation:
    def __init__(self, client: Client, endpoint: str = ENDPOINT) -> None:
        self.client = client
        self.endpoint = endpoint.rstrip("/")
        self.dates: set[dt.date] = set()
        self.requests: dict[str, str] = {}  # act curie -> the feed URL it came from

    def search(self, title: str) -> list[Act]:
        target = url(self.endpoint, "/primary/data.feed", title=title)
        root, answer = get_xml(self.client, self.endpoint, target, "legislation Atom feed", f"{ATOM}feed")
        self.dates.add(answer.retrieved)
        acts = parse_feed(root)
        for a in acts:
            self.requests.setdefault(a.curie, target)
        return acts

    def propose(self, subjects: Sequence[Subject]) -> tuple[list[Proposal], dict[str, Act]]:
        acts = [s for s in subjects if s.kind is Kind.ACT]
        found = {t: self.search(t) for t in sorted({search_title(s.label) for s in acts})}
        day = max(self.dates) if self.dates else self.client.today()
        proposals = []
        by_id: dict[str, Act] = {}
        for s in acts:
            hits = found[search_title(s.label)]
            by_id.update((a.curie, a) for a in hits)
            cands = with_uniqueness([score_act(s, a) for a in hits])
            notes = () if cands else (f"no legislation titled {s.label!r}",)
            proposals.append(Proposal(s.curie, s.label, tuple(cands), day, notes))
        return proposals, by_id


def uri(act: Act) -> URIRef:
    return URIRef(act.id)
