"""UK Parliament Members API: members by name (Members Search), their government posts and dates.

Requests (https://members-api.parliament.uk/index.html):

* ``GET /api/Members/Search?Name=NAME&skip=0&take=20``: ``{"items": [{"value": {"id",
  "nameListAs", "nameDisplayAs", "nameFullTitle", "latestHouseMembership": {...}}, "links": [...]}],
  "totalResults", "skip", "take"}``;
* ``GET /api/Members/ID/Biography``: ``{"value": {"governmentPosts": [{"name", "id", "startDate",
  "endDate", "house"}], "oppositionPosts": [...], ...}}``.

Only people are looked up (victims are never subjects; perpetrator-only people only when asked).
Score: the name as the member's display name (honorifics dropped) or list name 0.6, a looser
search hit 0.4, +0.1 for a member being a person (as Wikidata's type point); each of our posts
the member held as a government post on our dates +0.25
(undated: +0.15); held, but not on our dates, is a conflict (-0.2).  A name alone (0.7) never
reaches ``ACCEPT`` (0.85): parliaments have namesakes, so a post on our dates is needed.  The
object is ``ukpm:ID`` (https://members.parliament.uk/member/ID), which is the ID Wikidata's
P10428 holds, so ``link wikidata`` run afterwards takes it as a strong identifier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .decisions import Candidate, Proposal
from .http import Client
from .rest import HONORIFICS, fold, get_json, url
from .sssom import MappingTable
from .subjects import HeldPost, Kind, Subject

ENDPOINT = "https://members-api.parliament.uk"
PROPERTY = "governmentPost"

#: our post titles -> the names the Members API gives government posts
POST_NAMES: dict[str, tuple[str, ...]] = {
    "home secretary": ("secretary of state for the home department",),
    "foreign secretary": ("secretary of state for foreign commonwealth and development affairs",
                          "secretary of state for foreign and commonwealth affairs"),
    "prime minister": ("prime minister and first lord of the treasury",),
    "justice secretary": ("lord chancellor and secretary of state for justice",),
    "security minister": ("minister of state home office security",),
}


@dataclass(frozen=True)
class Post:
    name: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def term(self) -> str:
        return f"{self.start or '..'}–{self.end or ''}"


@dataclass(frozen=True)
class Member:
    id: int
    display: str
    list_as: str
    full_title: str
    house: str
    posts: tuple[Post, ...] = ()
    biography_url: str = ""

    @property
    def curie(self) -> str:
        return f"ukpm:{self.id}"


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _is_search(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("items"), list)


def _is_biography(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("value"), dict)


def same_post(ours: str, theirs: str) -> bool:
    a, b = fold(ours), fold(theirs)
    return a == b or b in POST_NAMES.get(a, ())


def name_forms(m: Member) -> set[str]:
    forms = {fold(HONORIFICS.sub("", m.display))}
    last, sep, rest = m.list_as.partition(",")
    if sep:
        forms.add(fold(f"{HONORIFICS.sub('', rest.strip())} {last}"))
    return {f for f in forms if f}


def score_member(subject: Subject, m: Member) -> Candidate:
    evidence: list[str] = []
    conflicts: list[str] = []
    if fold(subject.label) in name_forms(m):
        lexical = 0.6
        evidence.append(f"name {m.display!r}")
    else:
        lexical = 0.4
        evidence.append(f"search hit {m.display!r}")
    total = lexical + 0.1  # a member is a person, as our subject is (Wikidata's type point)
    evidence.append(f"member of the House of {m.house}" if m.house else "member")
    for post in subject.posts:
        held = [p for p in m.posts if same_post(post.label, p.name)]
        if not held:
            continue
        total += _post_points(post, held, evidence, conflicts)
    total -= 0.2 * len(conflicts)
    return Candidate(
        object_id=m.curie, label=m.display, score=round(max(total, 0.0), 3), lexical=lexical,
        match_string=subject.label, evidence=tuple(evidence), conflicts=tuple(conflicts),
    )


def _post_points(post: HeldPost, held: Sequence[Post], evidence: list[str], conflicts: list[str]) -> float:
    terms = ", ".join(p.term() for p in held)
    if not post.dates:
        evidence.append(f"government post {held[0].name} ({terms})")
        return 0.15
    if all(any(p.covers(d) for p in held) for d in post.dates):
        evidence.append(f"government post {held[0].name} {terms} covers {', '.join(d.isoformat() for d in post.dates)}")
        return 0.25
    conflicts.append(f"government post {held[0].name} only {terms}, not on "
                     f"{', '.join(d.isoformat() for d in post.dates)}")
    return 0.0


class Parliament:
    """Members and their government posts from the Members API, through the polite client."""

    def __init__(self, client: Client, endpoint: str = ENDPOINT) -> None:
        self.client = client
        self.endpoint = endpoint.rstrip("/")
        self.dates: set[dt.date] = set()
        self.requests: dict[str, str] = {}  # member curie -> biography URL (for provenance)

    def search(self, name: str) -> list[dict[str, Any]]:
        target = url(self.endpoint, "/api/Members/Search", Name=name, skip=0, take=20)
        data, answer = get_json(self.client, self.endpoint, target, "Members Search result", _is_search)
        self.dates.add(answer.retrieved)
        return [i["value"] for i in data["items"] if isinstance(i, dict) and isinstance(i.get("value"), dict)]

    def biography(self, member_id: int) -> tuple[list[Post], str]:
        target = url(self.endpoint, f"/api/Members/{member_id}/Biography")
        data, answer = get_json(self.client, self.endpoint, target, "member biography", _is_biography)
        self.dates.add(answer.retrieved)
        posts = [
            Post(str(p.get("name") or ""), _day(p.get("startDate")), _day(p.get("endDate")))
            for p in data["value"].get("governmentPosts") or []
            if isinstance(p, dict) and p.get("name")
        ]
        return sorted(posts, key=lambda p: (p.start or dt.date.min, p.name)), target

    def members(self, name: str) -> list[Member]:
        out: list[Member] = []
        for v in self.search(name):
            if not isinstance(v.get("id"), int):
                continue
            posts, target = self.biography(v["id"])
            house = int((v.get("latestHouseMembership") or {}).get("house") or 0)
            out.append(Member(v["id"], str(v.get("nameDisplayAs") or ""), str(v.get("nameListAs") or ""),
                              str(v.get("nameFullTitle") or ""), {1: "Commons", 2: "Lords"}.get(house, ""),
                              tuple(posts), target))
        return out

    def propose(self, subjects: Sequence[Subject]) -> tuple[list[Proposal], dict[str, Member]]:
        people = [s for s in subjects if s.kind is Kind.PERSON]
        found = {n: self.members(n) for n in sorted({s.label for s in people})}
        day = max(self.dates) if self.dates else self.client.today()
        proposals: list[Proposal] = []
        members: dict[str, Member] = {}
        for s in people:
            cands = []
            for m in found[s.label]:
                members[m.curie] = m
                cands.append(score_member(s, m))
            notes = () if cands else (f"no member found by the name {s.label!r}",)
            proposals.append(Proposal(s.curie, s.label, tuple(cands), day, notes))
        return proposals, members


def tenure_facts(table: MappingTable, members: Mapping[str, Member], endpoint: str) -> list[
        tuple[str, str, str, str, str, str, str]]:
    """(subject, member, post, start, end, endpoint, request URL) for every accepted member's government posts."""
    out = []
    for row in table.accepted():
        m = members.get(row.object_id)
        if m is None:
            continue
        for p in m.posts:
            out.append((row.subject_id, row.object_id, p.name, p.start.isoformat() if p.start else "",
                        p.end.isoformat() if p.end else "", endpoint, m.biography_url))
    return sorted(set(out))
