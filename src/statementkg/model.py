"""Plain data of the pipeline: statements, mentions found in them, and resolved corpus entities.

Everything here is a frozen dataclass with no I/O and no rdflib, so each stage of the data flow
(sources -> extract -> resolve -> rdf) is a plain function over these values.  Offsets are
character offsets into ``Statement.text``, the stored normalised text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` over a statement's stored text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def text(self, source: str) -> str:
        return source[self.start : self.end]


class SourceFormat(StrEnum):
    GOVUK_PAGE = "govuk-page"
    FRONT_MATTER = "front-matter"
    HANSARD = "hansard"
    GOVUK_JSON = "govuk-json"


@dataclass(frozen=True)
class Statement:
    """One statement as read from its file, with the text every offset refers to.

    ``text`` is the normalised stored text (see ``sources.normalise``): for text files the whole
    file, for Content API JSON the title and the body rendered to plain text.  Extraction looks
    only at ``text[body_start:body_end]``; ``title_span`` locates the title inside ``text`` so the
    statement's own evidence can quote it.
    """

    stem: str
    path: str
    text: str
    body_start: int
    body_end: int
    title: str
    title_span: Span | None
    kind: str
    date: dt.date
    source_format: SourceFormat
    speaker: str | None = None
    role: str | None = None
    department: str | None = None
    url: str | None = None
    #: offset of the first character of each line of the original file (for file:line messages)
    line_starts: tuple[int, ...] = (0,)

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset`` in the stored text."""
        lo, hi = 0, len(self.line_starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return lo + 1

    @property
    def body(self) -> str:
        return self.text[self.body_start : self.body_end]


class Tense(StrEnum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True)
class TimeBounds:
    """When something began (and ended, where known), as whole days; ``None`` is open.

    ``edtf`` keeps the precision the text gave ("2024-09", "2024-22" for summer 2024,
    "../2024-12-24"), where the bounds alone would pad it away.
    """

    earliest_begin: dt.date | None = None
    latest_begin: dt.date | None = None
    earliest_end: dt.date | None = None
    latest_end: dt.date | None = None
    edtf: str | None = None

    @property
    def is_open(self) -> bool:
        return self.earliest_begin is None and self.latest_begin is None

    @property
    def is_exact_day(self) -> bool:
        return self.earliest_begin is not None and self.earliest_begin == self.latest_begin

    def begins_with(self, other: TimeBounds) -> bool:
        """Whether both begin windows share a day (an open bound reaches the calendar's end).

        >>> TimeBounds(dt.date(2021, 7, 1), dt.date(2021, 7, 31)).begins_with(TimeBounds(dt.date(1989, 4, 15)))
        True
        >>> TimeBounds(dt.date(2021, 7, 1), dt.date(2021, 7, 31)).begins_with(
        ...     TimeBounds(dt.date(1989, 4, 15), dt.date(1989, 4, 15)))
        False
        """
        lo = max((x for x in (self.earliest_begin, other.earliest_begin) if x), default=dt.date.min)
        hi = min((x for x in (self.latest_begin, other.latest_begin) if x), default=dt.date.max)
        return lo <= hi


@dataclass(frozen=True)
class Offset:
    """A calendar offset (applied with ``dateutil.relativedelta``): ``Offset(years=-4)``."""

    years: int = 0
    months: int = 0
    days: int = 0


@dataclass(frozen=True)
class EventAnchor:
    """A time given relative to another event: "between 3 and 4 years before the Southport attack".

    The bounds are the anchor's begin window shifted: earliest = anchor.earliest_begin +
    ``earliest``, latest = anchor.latest_begin + ``latest``.  ``None`` offsets leave that side
    open ("before the sentencing" has no earliest).
    """

    phrase: str
    span: Span
    earliest: Offset | None
    latest: Offset | None


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in a statement, with its resolved bounds and its anchor.

    ``anchor`` names what the expression is relative to: ``"statement"`` (its date), ``"holiday"``
    (``holiday`` says which), ``"absolute"`` (a full date needs nothing) or ``"event"``
    (``event_anchor`` says which; ``bounds`` stays open until the anchor is dated).
    """

    text: str
    span: Span
    bounds: TimeBounds
    tense: Tense
    anchor: str = "statement"
    holiday: str | None = None
    event_anchor: EventAnchor | None = None


class Role(StrEnum):
    """Participant roles of events: local names of sub-properties of ``sem:hasActor``."""

    SUBJECT = "subject"
    REFERRED_TO = "referredTo"
    REFERRED_BY = "referredBy"
    ASSESSED_BY = "assessedBy"
    COMMISSIONED_BY = "commissionedBy"
    CONDUCTED_BY = "conductedBy"
    APPOINTEE = "appointee"
    APPOINTED_BY = "appointedBy"
    PERPETRATOR = "perpetrator"
    VICTIM = "victim"
    AGENT = "agent"
    PUBLISHED_BY = "publishedBy"
    CHAIRED_BY = "chairedBy"


@dataclass(frozen=True)
class PersonMention:
    """A person named (or referred to as "I", "my predecessor") in a statement."""

    key: str
    name: str
    span: Span
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    post: str | None = None
    post_org: str | None = None
    interim: bool = False
    is_speaker: bool = False
    #: ids of the corrections (``STEM/N``) that changed or added this mention (see ``curate``)
    corrections: tuple[str, ...] = ()
    #: added by a correction, not found by the extractor
    added: bool = False


@dataclass(frozen=True)
class OrganisationMention:
    key: str
    name: str
    span: Span
    kind: str = "organisation"
    alt_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostMention:
    """A post held by someone at the statement's date (or from an appointment)."""

    key: str
    label: str
    span: Span
    holder: str | None
    organisation: str | None = None
    interim: bool = False
    start: dt.date | None = None
    #: "the then Prime Minister": held at the time spoken of, not at the statement's date
    then: bool = False


@dataclass(frozen=True)
class Participant:
    role: Role
    ref: str  # key of a person, organisation or event
    span: Span | None = None


@dataclass(frozen=True)
class EventMention:
    """One event as a statement mentions it; ``count`` > 1 for "3 referrals"."""

    id: str
    type: str
    label: str
    span: Span
    time: TimeMention | None = None
    planned: bool = False
    participants: tuple[Participant, ...] = ()
    reviews: tuple[str, ...] = ()
    responds_to: tuple[str, ...] = ()
    count: int = 1
    key: str | None = None
    place: str | None = None
    #: set when the mention is a reference to another statement ("my statement ... on 21 January")
    refers_to_statement: bool = False
    #: begin window this mention gives on its own: from its time expression, else from its tense
    bounds: TimeBounds = field(default_factory=TimeBounds)
    #: salient words of its description, for matching the same event across statements
    terms: tuple[str, ...] = ()
    publishes: tuple[str, ...] = ()
    announces: tuple[str, ...] = ()
    #: key of the post an appointment fills or an announcement creates
    post: str | None = None
    #: id (in the same statement) of the event its time expression is anchored to, when found there
    anchor_event: str | None = None
    #: ids of the corrections (``STEM/N``) that changed or added this mention (see ``curate``)
    corrections: tuple[str, ...] = ()
    #: added by a correction, not found by the extractor
    added: bool = False


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one statement, before corpus-wide resolution."""

    statement: Statement
    people: tuple[PersonMention, ...] = ()
    organisations: tuple[OrganisationMention, ...] = ()
    posts: tuple[PostMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    #: the corrections applied to this extraction (from ``STEM.corrections.yaml``)
    corrections: tuple[CorrectionRecord, ...] = ()


class Origin(StrEnum):
    """Where a fact comes from: the extractor, the extractor then a person's correction, or a person alone."""

    EXTRACTED = "Extracted"
    CORRECTED = "Corrected"
    ADDED = "Added"


@dataclass(frozen=True)
class CorrectionRecord:
    """One applied correction, as the graph records it: who changed which fact, why, and where it is written."""

    id: str  # "STEM/N": the N-th correction of the statement's corrections file
    stem: str
    file: str  # the corrections file's name (no folder, so builds on other machines match)
    line: int
    op: str
    facts: tuple[str, ...]
    note: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class ResolveHints:
    """What corrections tell resolution: event mentions to merge or keep apart, people to keep apart.

    Mentions are named ``(stem, mention id)``; ``where`` is the ``file:line`` of each forced merge,
    for the message when the merged event's dates contradict each other.
    """

    merge_events: tuple[tuple[tuple[str, str], tuple[str, str], str], ...] = ()
    separate_events: frozenset[tuple[str, str]] = frozenset()
    distinct_people: frozenset[tuple[str, str]] = frozenset()


# ---------------------------------------------------------------- resolved corpus


@dataclass(frozen=True)
class Mention:
    """Where a resolved entity is said: the statement's stem and the quoted span."""

    stem: str
    span: Span


@dataclass
class Person:
    key: str
    name: str
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    origin: Origin = Origin.EXTRACTED


@dataclass
class Organisation:
    key: str
    name: str
    kind: str = "organisation"
    alt_names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Post:
    key: str
    label: str
    organisation: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Membership:
    key: str
    person: str
    post: str
    organisation: str | None
    #: the dates of the statements that show the post held on their own date
    held_on: list[dt.date] = field(default_factory=list)
    start: dt.date | None = None
    interim: bool = False
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Event:
    key: str
    type: str
    label: str
    bounds: TimeBounds = field(default_factory=TimeBounds)
    times: list[tuple[str, TimeMention]] = field(default_factory=list)
    anchor: str | None = None  # key of the event or statement the time is anchored to
    planned: bool = False
    participants: list[tuple[Role, str]] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    responds_to: list[str] = field(default_factory=list)
    place: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    series: str | None = None
    series_size: int = 1
    publishes: list[str] = field(default_factory=list)
    announces: list[str] = field(default_factory=list)
    post: str | None = None
    terms: set[str] = field(default_factory=set)
    corrections: list[str] = field(default_factory=list)
    origin: Origin = Origin.EXTRACTED


@dataclass
class Corpus:
    """The resolved corpus: one node per real person, organisation, post and event."""

    statements: list[Statement]
    people: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    corrections: dict[str, CorrectionRecord] = field(default_factory=dict)
