"""Human corrections: load ``STEM.corrections.yaml`` beside a statement and apply it to the extraction.

Corrections run after extraction and before cross-statement resolution (``pipeline.build_dataset``).
Each one addresses a fact by its stable ID (``facts.iter_facts``; ``statementkg review`` lists
them) or anchors a new fact with a quote that must occur in the statement, and may carry a
``note`` and an ``author``.  The operations:

=====================  ============================================================================
``reject``             remove a fact (an event mention, date, participant, review link, person,
                       organisation, post or membership); what hangs on it goes too
``change``             an event's ``type``, ``label``, ``planned`` or ``bounds`` (with ``phrase``)
``add-participant``    a participant of an event: ``role``, ``quote`` naming the actor, ``who``
``remove-participant`` the same as rejecting a participant fact
``merge``              events (or people) of one or several statements that are one
``split``              an event mention (or person) that the extractor or resolver took for another
``add``                an event or person the extractor missed, anchored by ``quote``
=====================  ============================================================================

A correction that no longer applies (its fact ID is gone, its quote is not in the text, the
extractor now finds what it adds, or it contradicts another) is a ``Problem``: ``curate`` raises
the first as a ``CorrectionError`` (``FILE:LINE: ...``) unless asked to collect them
(``statementkg review --stale``).  Nothing is ever skipped silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .event_classes import classes
from .extract.text import slugify
from .facts import Fact, FactKind, group_of, iter_facts
from .ids import mint_fact_id
from .limits import MAX_CORRECTIONS_BYTES
from .model import (
    CorrectionRecord,
    EventMention,
    Extraction,
    Participant,
    PersonMention,
    ResolveHints,
    Role,
    Span,
    Statement,
    Tense,
    TimeBounds,
    TimeMention,
)
from .sources.front_matter import _BoundedLoader, _ValueProblem

__all__ = [
    "CORRECTIONS_SUFFIX", "Correction", "CorrectionError", "Curated", "Problem", "corrections_path", "curate",
    "load_corrections", "load_corrections_for",
]

CORRECTIONS_SUFFIX = ".corrections.yaml"
_COMMON = frozenset({"op", "note", "author"})
#: op -> (required keys, optional keys)
_FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "reject": (frozenset({"fact"}), frozenset()),
    "change": (frozenset({"fact"}), frozenset({"type", "label", "planned", "bounds", "phrase"})),
    "add-participant": (frozenset({"fact", "role", "quote"}), frozenset({"who"})),
    "remove-participant": (frozenset({"fact"}), frozenset()),
    "merge": (frozenset({"facts"}), frozenset()),
    "split": (frozenset({"fact"}), frozenset()),
    "add": (frozenset({"kind", "quote"}),
            frozenset({"type", "label", "planned", "bounds", "phrase", "participants", "name", "key"})),
}
#: a person's ``key`` as the extractor makes it (``slugify``): it becomes part of an IRI
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BOUND_KEYS = ("earliest_begin", "latest_begin", "earliest_end", "latest_end")
_CHANGE_FIELDS = ("type", "label", "planned", "bounds", "phrase")


class CorrectionError(InputError):
    """A corrections file cannot be read, or one of its corrections no longer applies."""


@dataclass(frozen=True)
class Correction:
    """One entry of a corrections file, with the line it starts on and the line of each of its keys."""

    stem: str
    path: Path
    index: int
    line: int
    op: str
    body: Mapping[str, Any]
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.stem}/{self.index}"

    @property
    def note(self) -> str | None:
        return _text(self.body.get("note"))

    @property
    def author(self) -> str | None:
        return _text(self.body.get("author"))

    def where(self, key: str | None = None) -> str:
        return f"{self.path}:{self.lines.get(key, self.line) if key else self.line}"

    def fact_ids(self) -> list[str]:
        """The fact IDs it addresses, each with its statement (a bare ``event:...`` is this statement's)."""
        raw = self.body.get("facts") if "facts" in self.body else [self.body.get("fact")]
        return [qualify(self.stem, str(f)) for f in raw or [] if f is not None]


@dataclass(frozen=True)
class Problem:
    """A correction that does not apply, and why."""

    where: str
    message: str
    correction: Correction | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Curated:
    extractions: tuple[Extraction, ...]
    hints: ResolveHints
    problems: tuple[Problem, ...] = ()


def _text(value: Any) -> str | None:
    return None if value is None else " ".join(str(value).split()) or None


def qualify(stem: str, fact_id: str) -> str:
    """``event:attack:5f3a1c`` in STEM's file is ``STEM:event:attack:5f3a1c``; a full ID stays as it is."""
    head = fact_id.split(":", 1)[0]
    return f"{stem}:{fact_id}" if head in {k.value for k in FactKind} else fact_id


def corrections_path(statement: Statement) -> Path:
    """``data/statements/d01.txt`` -> ``data/statements/d01.corrections.yaml``."""
    path = Path(statement.path)
    return path.with_name(path.stem + CORRECTIONS_SUFFIX)


# ---------------------------------------------------------------- loading


def load_corrections(path: Path, stem: str) -> list[Correction]:
    """The corrections in ``path`` for statement ``stem``; a malformed file is a ``CorrectionError``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorrectionError(f"{path}: cannot read the corrections file ({exc.strerror})") from None
    if len(raw) > MAX_CORRECTIONS_BYTES:
        raise CorrectionError(f"{path}:1: larger than {MAX_CORRECTIONS_BYTES} bytes; split the corrections up")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CorrectionError(f"{path}:1: not UTF-8 text; save it as UTF-8") from None
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _ValueProblem as exc:
        raise CorrectionError(f"{path}:{exc.line + 1}: {exc.what}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(exc, "problem", None) or "not valid YAML"
        raise CorrectionError(f"{path}:{line}: {what}; see the README, 'Corrections'") from None
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("corrections", []), list):
        raise CorrectionError(f"{path}:1: expected a mapping with a `corrections:` list; see the README")
    extra = set(data) - {"corrections", "statement"}
    if extra:
        raise CorrectionError(f"{path}:1: unknown key {sorted(extra)[0]!r} (expected `corrections:`)")
    items_node = next((v for k, v in node.value if k.value == "corrections"), None) if node is not None else None
    out: list[Correction] = []
    for i, item in enumerate(data.get("corrections") or [], 1):
        item_node = items_node.value[i - 1] if items_node is not None else None
        line = item_node.start_mark.line + 1 if item_node is not None else 1
        lines: dict[str, int] = {}
        if isinstance(item_node, yaml.MappingNode):
            lines = {k.value: k.start_mark.line + 1 for k, _v in item_node.value if isinstance(k, yaml.ScalarNode)}
        out.append(_check_shape(Correction(stem, path, i, line, "", item if isinstance(item, dict) else {},
                                           lines), item))
    return out


def _check_shape(c: Correction, item: Any) -> Correction:
    """The correction with its ``op``, or a ``CorrectionError`` naming the line of what is wrong."""
    if not isinstance(item, dict):
        raise CorrectionError(f"{c.where()}: a correction is a mapping with `op:` and its fields")
    op = item.get("op")
    if op not in _FIELDS:
        raise CorrectionError(f"{c.where('op')}: `op:` must be one of {', '.join(_FIELDS)} (got {op!r})")
    required, optional = _FIELDS[op]
    missing = sorted(required - set(item))
    if missing:
        raise CorrectionError(f"{c.where()}: `op: {op}` needs `{missing[0]}:`")
    unknown = sorted(set(item) - required - optional - _COMMON)
    if unknown:
        raise CorrectionError(f"{c.where(unknown[0])}: `{unknown[0]}:` is not a field of `op: {op}`")
    if op == "merge" and (not isinstance(item["facts"], list) or len(item["facts"]) < 2):
        raise CorrectionError(f"{c.where('facts')}: `facts:` lists two or more fact IDs to merge")
    for key in ("fact", "quote", "phrase", "label", "type", "role", "who", "note", "author", "name", "key"):
        if key in item and not isinstance(item[key], str):
            raise CorrectionError(f"{c.where(key)}: `{key}:` must be text")
    if isinstance(item.get("key"), str) and not _KEY.fullmatch(item["key"]):
        raise CorrectionError(f"{c.where('key')}: `key:` names the person in IRIs, so it is lower-case letters, "
                              f"digits and hyphens (got {item['key']!r}; for example {slugify(item['key'])!r})")
    if "planned" in item and not isinstance(item["planned"], bool):
        raise CorrectionError(f"{c.where('planned')}: `planned:` must be true or false")
    if op == "add" and item["kind"] not in ("event", "person"):
        raise CorrectionError(f"{c.where('kind')}: `kind:` must be event or person")
    return dataclasses.replace(c, op=op, body=item)


def load_corrections_for(statements: Sequence[Statement]) -> dict[str, list[Correction]]:
    """The corrections file beside each statement that has one, by stem."""
    out: dict[str, list[Correction]] = {}
    for st in statements:
        path = corrections_path(st)
        if path.is_file():
            out[st.stem] = load_corrections(path, st.stem)
    return out


# ---------------------------------------------------------------- applying


class _State:
    """The mutable lists of one statement's extraction while its corrections are applied."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.statement = ex.statement
        self.events = list(ex.events)
        self.people = list(ex.people)
        self.orgs = list(ex.organisations)
        self.posts = list(ex.posts)
        self.records: list[CorrectionRecord] = []
        self.removed_events: set[str] = set()

    def extraction(self) -> Extraction:
        return Extraction(self.statement, tuple(self.people), tuple(self.orgs), tuple(self.posts),
                          tuple(self.events), tuple(self.records))

    def find_quote(self, quote: str) -> Span | None:
        """Where ``quote`` first occurs (in the body if it occurs there), whitespace-insensitively."""
        pattern = r"\s+".join(re.escape(w) for w in quote.split())
        if not pattern:
            return None
        text = self.statement.text
        for lo, hi in ((self.statement.body_start, self.statement.body_end), (0, len(text))):
            m = re.compile(pattern).search(text, lo, hi)
            if m:
                return Span(m.start(), m.end())
        return None

    def actor_keys(self) -> set[str]:
        return {p.key for p in self.people} | {o.key for o in self.orgs}

    def actor_at(self, span: Span) -> str | None:
        for person in self.people:
            if person.span.start < span.end and span.start < person.span.end:
                return person.key
        for org in self.orgs:
            if org.span.start < span.end and span.start < org.span.end:
                return org.key
        return None

    def mark_events(self, cid: str, keep: Any) -> None:
        """Add correction ``cid`` to every event mention for which ``keep(m)`` holds."""
        self.events = [
            dataclasses.replace(m, corrections=(*m.corrections, cid)) if keep(m) and cid not in m.corrections
            else m for m in self.events
        ]

    def update_group(self, group: str, cid: str, **changes: Any) -> None:
        self.events = [
            dataclasses.replace(m, **changes, corrections=tuple(dict.fromkeys((*m.corrections, cid))))
            if group_of(m) == group else m for m in self.events
        ]

    def group_of_mention(self, mid: str) -> str:
        return next(group_of(m) for m in self.events if m.id == mid)

    def record(self, c: Correction, facts: Sequence[str]) -> None:
        self.records.append(CorrectionRecord(c.id, c.stem, c.path.name, c.line, c.op, tuple(facts), c.note,
                                             c.author))


def _bounds(c: Correction) -> TimeBounds | Problem:
    raw = c.body.get("bounds")
    if not isinstance(raw, dict) or not raw or set(raw) - set(_BOUND_KEYS):
        return Problem(c.where("bounds"), f"`bounds:` is a mapping of {', '.join(_BOUND_KEYS)} to dates")
    days: dict[str, dt.date | None] = {}
    for key in _BOUND_KEYS:
        value = raw.get(key)
        if value is None:
            days[key] = None
        elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            days[key] = value
        else:
            try:
                days[key] = dt.date.fromisoformat(str(value))
            except ValueError:
                return Problem(c.where("bounds"), f"`{key}: {value}` is not a date (YYYY-MM-DD)")
    eb, lb = days["earliest_begin"], days["latest_begin"]
    if eb and lb and eb > lb:
        return Problem(c.where("bounds"), "earliest_begin is after latest_begin")
    edtf: str | None
    if eb and lb:
        edtf = eb.isoformat() if eb == lb else f"{eb.isoformat()}/{lb.isoformat()}"
    else:
        edtf = f"{eb.isoformat()}/.." if eb else f"../{lb.isoformat()}" if lb else None
    return TimeBounds(eb, lb, days["earliest_end"], days["latest_end"], edtf)


def _participants(state: _State, c: Correction, raw: Any) -> list[Participant] | Problem:
    """``[{role, quote, who}]`` as participants; the actor is ``who`` or the person named at ``quote``."""
    if not isinstance(raw, list):
        return Problem(c.where("participants"), "`participants:` is a list of {role, quote, who}")
    out: list[Participant] = []
    for p in raw:
        if not isinstance(p, dict) or "role" not in p or "quote" not in p:
            return Problem(c.where("participants"), "each participant needs `role:` and `quote:`")
        got = _participant(state, c, str(p["role"]), str(p["quote"]), p.get("who"), "participants")
        if isinstance(got, Problem):
            return got
        out.append(got)
    return out


def _participant(state: _State, c: Correction, role: str, quote: str, who: Any, key: str) -> Participant | Problem:
    if role not in {r.value for r in Role}:
        roles = ", ".join(r.value for r in Role)
        return Problem(c.where("role" if "role" in c.lines else key),
                       f"`role: {role}` is not a participant role ({roles})")
    span = state.find_quote(quote)
    if span is None:
        return Problem(c.where(key), f"the quote {quote!r} is not in {state.statement.stem} any more")
    ref = str(who) if who else state.actor_at(span)
    if ref is None:
        return Problem(c.where(key), f"no person or organisation is named at {quote!r}; name one with `who:` (a key "
                                     "from `statementkg review`) or add the person first (op: add, kind: person)")
    if ref not in state.actor_keys():
        return Problem(c.where(key), f"`who: {ref}` is no person or organisation of {state.statement.stem}")
    return Participant(Role(role), ref, span)


def _add(state: _State, c: Correction, facts: Sequence[Fact]) -> Problem | None:
    quote = str(c.body["quote"])
    span = state.find_quote(quote)
    if span is None:
        return Problem(c.where("quote"), f"the quote {quote!r} is not in {c.stem} any more; update or delete it")
    if c.body["kind"] == "person":
        name = _text(c.body.get("name")) or quote
        key = str(c.body.get("key") or slugify(name))
        found = next((f for f in facts if f.kind is FactKind.PERSON and f.locator[1] == key), None)
        if found is not None:
            return Problem(c.where(), f"the extractor now finds {name} ({found.id}); delete this correction")
        state.people.append(PersonMention(key=key, name=name, span=span, corrections=(c.id,), added=True))
        state.record(c, [mint_fact_id(c.stem, "person", key)])
        return None
    etype = str(c.body.get("type") or "")
    if etype not in classes():
        return Problem(c.where("type" if "type" in c.body else None),
                       f"`type: {etype}` is not an event class (see src/statementkg/schema/events.yaml)")
    for f in facts:
        if f.kind is FactKind.EVENT and f.type == etype and f.span and f.span.start <= span.start < f.span.end:
            return Problem(c.where(), f"the extractor now finds this {etype} ({f.id}); delete this correction, "
                                      "or correct that fact instead")
    time: TimeMention | None = None
    bounds = TimeBounds()
    if "bounds" in c.body:
        got = _bounds(c)
        if isinstance(got, Problem):
            return got
        bounds = got
        timed = _time(state, c, bounds, span)
        if isinstance(timed, Problem):
            return timed
        time = timed
    participants = _participants(state, c, c.body.get("participants", []))
    if isinstance(participants, Problem):
        return participants
    label = _text(c.body.get("label")) or classes()[etype].label
    mid = f"c{c.index}"
    state.events.append(EventMention(
        id=mid, type=etype, label=label, span=span, time=time, planned=bool(c.body.get("planned", False)),
        participants=tuple(participants), bounds=bounds, corrections=(c.id,), added=True,
    ))
    fid = next(f.id for f in iter_facts(state.extraction()) if f.locator == ("event", mid))
    state.record(c, [fid])
    return None


def _time(state: _State, c: Correction, bounds: TimeBounds, near: Span, old: TimeMention | None = None
          ) -> TimeMention | Problem:
    """The corrected time of a mention: ``phrase`` (which must occur) or the old phrase, with ``bounds``."""
    phrase = _text(c.body.get("phrase"))
    if phrase is not None:
        span = state.find_quote(phrase)
        if span is None:
            return Problem(c.where("phrase"), f"the phrase {phrase!r} is not in {c.stem} any more")
        text = span.text(state.statement.text)
    elif old is not None:
        span, text = old.span, old.text
    else:
        span, text = near, bounds.edtf or ""
    return TimeMention(text=text, span=span, bounds=bounds, tense=old.tense if old else Tense.PAST,
                       anchor="absolute")


def _claims(corrections: Sequence[Correction], known: Mapping[str, tuple[str, Fact]]) -> list[Problem]:
    """Corrections that contradict an earlier one on the same fact."""
    out: list[Problem] = []
    seen: dict[str, list[Correction]] = {}
    for c in corrections:
        if c.op == "add":
            continue
        for fid in c.fact_ids():
            for other in seen.get(fid, []):
                clash = None
                if "reject" in (c.op, other.op) or "remove-participant" in (c.op, other.op):
                    clash = "one removes the fact the other keeps"
                elif {c.op, other.op} == {"merge", "split"}:
                    clash = "one merges the fact, the other splits it"
                elif c.op == other.op == "change":
                    same = [k for k in _CHANGE_FIELDS if k in c.body and k in other.body and c.body[k] != other.body[k]]
                    clash = f"both change its {same[0]} differently" if same else None
                if clash:
                    out.append(Problem(c.where(), f"contradicts the correction at {other.where()} on {fid}: {clash}; "
                                                  "keep one of them", c))
            seen.setdefault(fid, []).append(c)
    return out


_KINDS_OF = {
    "change": {FactKind.EVENT},
    "add-participant": {FactKind.EVENT},
    "remove-participant": {FactKind.PARTICIPANT},
    "split": {FactKind.EVENT, FactKind.PERSON},
    "merge": {FactKind.EVENT, FactKind.PERSON},
}


def _check_refs(c: Correction, known: Mapping[str, tuple[str, Fact]]) -> Problem | None:
    key = "facts" if c.op == "merge" else "fact"
    kinds: set[FactKind] = set()
    for fid in c.fact_ids():
        if fid not in known:
            return Problem(c.where(key), f"no fact {fid} is extracted any more (its quote may have changed); "
                                         f"find its new ID with `statementkg review {fid.split(':', 1)[0]}`, "
                                         "or delete this correction", c)
        kind = known[fid][1].kind
        allowed = _KINDS_OF.get(c.op)
        if allowed is not None and kind not in allowed:
            return Problem(c.where(key), f"`op: {c.op}` applies to {' or '.join(sorted(allowed))} facts, "
                                         f"not to the {kind} {fid}", c)
        kinds.add(kind)
    if c.op == "merge" and len(kinds) > 1:
        return Problem(c.where(key), "`op: merge` joins facts of one kind (events, or people)", c)
    if c.op == "change" and "type" in c.body and c.body["type"] not in classes():
        return Problem(c.where("type"), f"`type: {c.body['type']}` is not an event class", c)
    return None


def _apply(states: Mapping[str, _State], c: Correction, known: Mapping[str, tuple[str, Fact]],
           hints: dict[str, Any]) -> Problem | None:
    state = states[c.stem]
    fids = c.fact_ids()
    targets = [known[f] for f in fids]
    if c.op in ("reject", "remove-participant"):
        stem, fact = targets[0]
        _reject(states[stem], fact, c.id)
    elif c.op == "change":
        fact = targets[0][1]
        group = state.group_of_mention(fact.locator[1])
        changes: dict[str, Any] = {}
        if "type" in c.body:
            changes["type"] = c.body["type"]
        if "label" in c.body:
            changes["label"] = _text(c.body["label"])
        if "planned" in c.body:
            changes["planned"] = c.body["planned"]
        if changes:
            state.update_group(group, c.id, **changes)
        if "bounds" in c.body or "phrase" in c.body:
            mention = next(m for m in state.events if m.id == fact.locator[1])
            old = mention.time if mention.time and mention.time.event_anchor is None else None
            if "bounds" in c.body:
                bounds = _bounds(c)
                if isinstance(bounds, Problem):
                    return bounds
            elif old is not None:
                bounds = old.bounds
            else:
                return Problem(c.where("phrase"), "`phrase:` without `bounds:` on an undated event; give `bounds:`")
            time = _time(state, c, bounds, mention.span, old)
            if isinstance(time, Problem):
                return time
            state.events = [dataclasses.replace(m, time=time, bounds=bounds, anchor_event=None,
                                                corrections=tuple(dict.fromkeys((*m.corrections, c.id))))
                            if m.id == mention.id else m for m in state.events]
    elif c.op == "add-participant":
        fact = targets[0][1]
        p = _participant(state, c, str(c.body["role"]), str(c.body["quote"]), c.body.get("who"), "quote")
        if isinstance(p, Problem):
            return p
        mid = fact.locator[1]
        state.events = [dataclasses.replace(m, participants=(*m.participants, p)) if m.id == mid else m
                        for m in state.events]
        group = state.group_of_mention(mid)
        state.mark_events(c.id, lambda m: group_of(m) == group)
    elif c.op == "split":
        stem, fact = targets[0]
        st = states[stem]
        if fact.kind is FactKind.PERSON:
            hints["distinct_people"].add((stem, fact.locator[1]))
            st.people = [dataclasses.replace(p, corrections=(*p.corrections, c.id)) if p.key == fact.locator[1]
                         else p for p in st.people]
        else:
            mid = fact.locator[1]
            group = st.group_of_mention(mid)
            others = [m for m in st.events if group_of(m) == group and m.id != mid]
            rekey = others[0].id if others else None
            st.events = [
                dataclasses.replace(m, key=None, corrections=(*m.corrections, c.id)) if m.id == mid
                else dataclasses.replace(m, key=rekey, corrections=(*m.corrections, c.id)) if m in others
                else m for m in st.events
            ]
            hints["separate_events"].add((stem, mid))
    elif c.op == "merge":
        (stem_a, first), rest = targets[0], targets[1:]
        if first.kind is FactKind.PERSON:
            key = first.locator[1]
            states[stem_a].people = [dataclasses.replace(p, corrections=(*p.corrections, c.id)) if p.key == key
                                     else p for p in states[stem_a].people]
            for stem_b, other in rest:
                _rekey_person(states[stem_b], other.locator[1], key, c.id)
        else:
            st_a = states[stem_a]
            group_a = st_a.group_of_mention(first.locator[1])
            st_a.mark_events(c.id, lambda m: group_of(m) == group_a)
            for stem_b, other in rest:
                st_b = states[stem_b]
                group_b = st_b.group_of_mention(other.locator[1])
                if stem_b == stem_a:
                    st_b.update_group(group_b, c.id, key=group_a)
                else:
                    st_b.mark_events(c.id, lambda m, g=group_b: group_of(m) == g)
                    hints["merge_events"].append(((stem_a, first.locator[1]), (stem_b, other.locator[1]), c.where()))
    state.record(c, fids)
    return None


def _rekey_person(st: _State, old: str, new: str, cid: str) -> None:
    st.people = [dataclasses.replace(p, key=new, corrections=(*p.corrections, cid)) if p.key == old else p
                 for p in st.people]
    st.posts = [dataclasses.replace(p, holder=new) if p.holder == old else p for p in st.posts]
    st.events = [dataclasses.replace(m, participants=tuple(
        dataclasses.replace(p, ref=new) if p.ref == old else p for p in m.participants)) for m in st.events]


def _reject(st: _State, fact: Fact, cid: str) -> None:
    loc = fact.locator
    if fact.kind is FactKind.EVENT:
        st.events = [m for m in st.events if m.id != loc[1]]
        st.removed_events.add(loc[1])
    elif fact.kind is FactKind.DATE:
        st.events = [dataclasses.replace(m, time=None, bounds=TimeBounds(), anchor_event=None,
                                         corrections=(*m.corrections, cid)) if m.id == loc[1] else m
                     for m in st.events]
    elif fact.kind is FactKind.PARTICIPANT:
        _, group, role, ref = loc
        st.events = [dataclasses.replace(m, participants=tuple(p for p in m.participants
                                                               if (p.role.value, p.ref) != (role, ref)),
                                         corrections=(*m.corrections, cid)) if group_of(m) == group else m
                     for m in st.events]
    elif fact.kind is FactKind.LINK:
        _, group, attr, target = loc
        in_target = {m.id for m in st.events if group_of(m) == target} | {target}
        kept: dict[str, Any] = {}
        st.events = [dataclasses.replace(m, **{**kept, attr: tuple(r for r in getattr(m, attr) if r not in in_target),
                                               "corrections": (*m.corrections, cid)}) if group_of(m) == group else m
                     for m in st.events]
    elif fact.kind in (FactKind.PERSON, FactKind.ORGANISATION):
        key = loc[1]
        st.people = [p for p in st.people if not (fact.kind is FactKind.PERSON and p.key == key)]
        st.orgs = [o for o in st.orgs if not (fact.kind is FactKind.ORGANISATION and o.key == key)]
        if fact.kind is FactKind.PERSON:
            st.posts = [p for p in st.posts if p.holder != key]
        st.mark_events(cid, lambda m: any(p.ref == key for p in m.participants))
        st.events = [dataclasses.replace(m, participants=tuple(p for p in m.participants if p.ref != key))
                     for m in st.events]
    else:  # post or membership
        holder = loc[1] or None
        st.posts = [p for p in st.posts if (p.holder, p.key) != (holder, loc[2])]


def _drop_dangling(st: _State) -> None:
    """References to rejected event mentions go with them (unless the event lives on in its group)."""
    alive = {m.id for m in st.events} | {m.key for m in st.events if m.key}
    gone = st.removed_events - alive
    if not gone:
        return
    st.events = [dataclasses.replace(
        m,
        reviews=tuple(r for r in m.reviews if r not in gone),
        responds_to=tuple(r for r in m.responds_to if r not in gone),
        publishes=tuple(r for r in m.publishes if r not in gone),
        announces=tuple(r for r in m.announces if r not in gone),
        participants=tuple(p for p in m.participants if p.ref not in gone),
        anchor_event=None if m.anchor_event in gone else m.anchor_event,
    ) for m in st.events]


def curate(
    extractions: Sequence[Extraction], corrections: Mapping[str, Sequence[Correction]], *, strict: bool = True
) -> Curated:
    """Apply each statement's corrections to its extraction; the hints carry what resolution must do.

    With ``strict`` (a build) the first correction that does not apply raises ``CorrectionError``;
    otherwise (``review --stale``) every such correction is returned in ``problems`` and left out.
    """
    states = {ex.statement.stem: _State(ex) for ex in extractions}
    problems: list[Problem] = []
    for stem, cs in corrections.items():
        if stem not in states:
            continue
        facts = iter_facts(states[stem].extraction())
        for c in cs:
            if c.op == "add":
                problem = _add(states[stem], c, facts)
                if problem is not None:
                    problems.append(dataclasses.replace(problem, correction=c))
    known: dict[str, tuple[str, Fact]] = {}
    for stem, st in states.items():
        for f in iter_facts(st.extraction()):
            known[f.id] = (stem, f)
    hints: dict[str, Any] = {"merge_events": [], "separate_events": set(), "distinct_people": set()}
    everything = [c for cs in corrections.values() for c in cs if c.stem in states]
    clashes = _claims(everything, known)
    problems.extend(clashes)
    clashing = {id(p.correction) for p in clashes}
    for c in everything:
        if c.op == "add" or id(c) in clashing:
            continue
        problem = _check_refs(c, known) or _apply(states, c, known, hints)
        if problem is not None:
            problems.append(dataclasses.replace(problem, correction=c))
    for st in states.values():
        _drop_dangling(st)
    problems.sort(key=lambda p: (str(p.correction.path) if p.correction else p.where,
                                 p.correction.line if p.correction else 0))
    if strict and problems:
        more = f" (and {len(problems) - 1} more; `statementkg review --stale` lists them)" if len(problems) > 1 else ""
        raise CorrectionError(f"{problems[0]}{more}")
    result = ResolveHints(
        merge_events=tuple(hints["merge_events"]),
        separate_events=frozenset(hints["separate_events"]),
        distinct_people=frozenset(hints["distinct_people"]),
    )
    return Curated(tuple(states[ex.statement.stem].extraction() for ex in extractions), result, tuple(problems))
