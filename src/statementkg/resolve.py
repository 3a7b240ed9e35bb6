"""Cross-statement resolution: one node per real person, organisation, post and event; dates to a fixpoint.

Events are merged when they are of the same kind, their date windows can overlap, and something
specific ties them together (the same place for attacks, the same prompting event for inquiries,
the same appointee and post, shared description words for reviews).  Relative dates anchored to
other events are filled in once any statement dates the anchor, repeating until nothing changes.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence

from .errors import InputError
from .event_classes import classes, family, is_a, merge_policy, most_specific
from .extract.organisations import organisation_kind, organisation_name
from .extract.text import fold, slugify
from .extract.time import apply_anchor
from .extract.triggers import lexicon
from .model import (
    Corpus,
    Event,
    EventMention,
    Extraction,
    Membership,
    Mention,
    Organisation,
    Origin,
    Person,
    Post,
    ResolveHints,
    Role,
    Statement,
    TimeBounds,
    TimeMention,
)

_MAX_FIXPOINT_ROUNDS = 10


def best_label(labels: Sequence[str], etype: str) -> str:
    """The label a reader would want of several mentions' labels: one that names the place or subject
    ("Southport attack") before a fallback built from a participant ("Attack on X") or the bare class
    name, then a readable length (at most ten words), then the longest."""
    base = classes()[etype].label if etype in classes() else etype

    def rank(label: str) -> tuple[bool, bool, int]:
        fallback = label == base or label.startswith((f"{base} by ", f"{base} on "))
        return (not fallback, len(label.split()) <= 10, len(label))

    return max(labels, key=rank)


# ---------------------------------------------------------------- bounds


def intersect(a: TimeBounds, b: TimeBounds) -> TimeBounds | None:
    """The begin window both allow, or None when they contradict each other."""

    def hi(x: dt.date | None, y: dt.date | None) -> dt.date | None:
        return max(x, y) if x and y else x or y

    def lo(x: dt.date | None, y: dt.date | None) -> dt.date | None:
        return min(x, y) if x and y else x or y

    e, latest = hi(a.earliest_begin, b.earliest_begin), lo(a.latest_begin, b.latest_begin)
    if e and latest and e > latest:
        return None
    ee, le = hi(a.earliest_end, b.earliest_end), lo(a.latest_end, b.latest_end)
    return TimeBounds(e, latest, ee, le, _edtf_of(e, latest, a, b))


def _edtf_of(e: dt.date | None, latest: dt.date | None, a: TimeBounds, b: TimeBounds) -> str | None:
    for x in (a, b):
        if x.earliest_begin == e and x.latest_begin == latest and x.edtf:
            return x.edtf
    if e and latest:
        return e.isoformat() if e == latest else f"{e.isoformat()}/{latest.isoformat()}"
    if e:
        return f"{e.isoformat()}/.."
    if latest:
        return f"../{latest.isoformat()}"
    return None


def _compatible(a: TimeBounds, b: TimeBounds) -> bool:
    return intersect(a, b) is not None


#: a begin window of at most this many days is "narrow" for blocking (``_Events._blocked_pairs``)
NARROW_DAYS = 92
_UNBOUNDED = 10**9


def _begin_window(b: TimeBounds) -> tuple[int, int]:
    """The begin window as day ordinals, open ends as far as they go (what ``intersect`` compares)."""
    lo = b.earliest_begin.toordinal() if b.earliest_begin else -_UNBOUNDED
    hi = b.latest_begin.toordinal() if b.latest_begin else _UNBOUNDED
    return lo, hi


def _combine(explicit: list[TimeBounds], defaults: list[TimeBounds]) -> TimeBounds:
    """Explicit time expressions first; tense-derived defaults only narrow them when consistent."""
    acc: TimeBounds | None = None
    for b in explicit:
        if b.is_open:
            continue
        nxt = b if acc is None else intersect(acc, b)
        if nxt is not None:
            acc = nxt
    if acc is None:
        acc = TimeBounds()
    for b in defaults:
        nxt = intersect(acc, b)
        if nxt is not None:
            acc = nxt
    return acc


# ---------------------------------------------------------------- people, organisations, posts


def origin_of(corrections: Sequence[str], added: Sequence[bool]) -> Origin:
    """Added when every mention was added by a correction; corrected when any correction touched one."""
    if added and all(added):
        return Origin.ADDED
    return Origin.CORRECTED if corrections else Origin.EXTRACTED


def _resolve_people(
    extractions: Sequence[Extraction], corpus: Corpus, distinct: frozenset[tuple[str, str]] = frozenset()
) -> dict[tuple[str, str], str]:
    """Person nodes; returns (stem, mention key) -> corpus person key.

    ``distinct`` names (stem, key) mentions a correction keeps apart from same-surname people.
    """
    full: dict[str, Person] = {}
    for ex in extractions:
        for p in ex.people:
            if len(p.name.split()) >= 2:
                person = full.setdefault(p.key, Person(key=p.key, name=p.name))
                for x in p.prefixes:
                    if x not in person.prefixes:
                        person.prefixes.append(x)
                for x in p.suffixes:
                    if x not in person.suffixes:
                        person.suffixes.append(x)
    mapping: dict[tuple[str, str], str] = {}
    added: dict[str, list[bool]] = {}
    for ex in extractions:
        for p in ex.people:
            key = p.key
            if key not in full and (ex.statement.stem, key) in distinct:
                full.setdefault(key, Person(key=key, name=p.name, prefixes=list(p.prefixes),
                                            suffixes=list(p.suffixes)))
            elif key not in full:
                token = p.name.split()[-1]
                hits = [f for f in full.values() if token in f.name.split()]
                if len(hits) > 1 and p.prefixes:
                    hits = [h for h in hits if set(p.prefixes) & set(h.prefixes)] or hits
                if len(hits) == 1:
                    key = hits[0].key
                else:
                    full.setdefault(
                        key, Person(key=key, name=p.name, prefixes=list(p.prefixes), suffixes=list(p.suffixes))
                    )
            mapping[(ex.statement.stem, p.key)] = key
            full[key].mentions.append(Mention(ex.statement.stem, p.span))
            added.setdefault(key, []).append(p.added)
            for c in p.corrections:
                if c not in full[key].corrections:
                    full[key].corrections.append(c)
    for key, person in full.items():
        person.corrections.sort()
        person.origin = origin_of(person.corrections, added.get(key, []))
    corpus.people = dict(sorted(full.items()))
    return mapping


def _resolve_orgs(extractions: Sequence[Extraction], corpus: Corpus) -> None:
    for ex in extractions:
        for o in ex.organisations:
            org = corpus.organisations.get(o.key)
            if org is None:
                org = Organisation(
                    key=o.key, name=organisation_name(o.key) or o.name, kind=o.kind or organisation_kind(o.key)
                )
                corpus.organisations[o.key] = org
            written = re.sub(r"\s+", " ", o.span.text(ex.statement.text))
            if written != org.name and fold(written) != fold(org.name) and written not in org.alt_names:
                org.alt_names.append(written)
            org.mentions.append(Mention(ex.statement.stem, o.span))
    corpus.organisations = dict(sorted(corpus.organisations.items()))


def _resolve_posts(extractions: Sequence[Extraction], corpus: Corpus, people: dict[tuple[str, str], str]) -> None:
    for ex in extractions:
        stem = ex.statement.stem
        for pm in ex.posts:
            post = corpus.posts.setdefault(pm.key, Post(key=pm.key, label=pm.label, organisation=pm.organisation))
            post.mentions.append(Mention(stem, pm.span))
            if pm.holder is None:
                continue
            person = people.get((stem, pm.holder), pm.holder)
            if person not in corpus.people:
                continue
            mkey = f"{person}/{pm.key}"
            ms = corpus.memberships.get(mkey)
            if ms is None:
                ms = Membership(key=mkey, person=person, post=pm.key, organisation=pm.organisation)
                corpus.memberships[mkey] = ms
            if not pm.then:
                day = ex.statement.date
                at = bisect_left(ms.held_on, day)  # kept sorted: a decade shows a post thousands of times
                if at == len(ms.held_on) or ms.held_on[at] != day:
                    ms.held_on.insert(at, day)
            ms.start = ms.start or pm.start
            ms.interim = ms.interim or pm.interim
            ms.mentions.append(Mention(stem, pm.span))
    corpus.posts = dict(sorted(corpus.posts.items()))
    corpus.memberships = dict(sorted(corpus.memberships.items()))


# ---------------------------------------------------------------- events


class _Local:
    """The mentions of one event within one statement, before cross-statement merging."""

    def __init__(self, stem: str, statement: Statement, mentions: list[EventMention]) -> None:
        self.stem = stem
        self.statement = statement
        self.mentions = mentions
        root = mentions[0]
        self.id = f"{stem}#{root.id}"
        self.type = root.type
        for m in mentions[1:]:
            self.type = most_specific(self.type, m.type)
        # the mentions of its own class name it ("Carmont derailment", not "Killed (C)" of a death told in it)
        own = [m.label for m in mentions if m.type == self.type] or [m.label for m in mentions]
        self.label = best_label(own, self.type)
        self.count = max(m.count for m in mentions)
        self.place = next((m.place for m in mentions if m.place), None)
        self.terms: set[str] = set().union(*(m.terms for m in mentions))
        self.post = next((m.post for m in mentions if m.post), None)
        self.planned = all(m.planned for m in mentions)
        self.explicit = [m.time.bounds for m in mentions if m.time and m.time.event_anchor is None]
        self.defaults = [m.bounds for m in mentions if not m.time]
        self.anchored = [(m.time, m.anchor_event) for m in mentions if m.time and m.time.event_anchor is not None]
        self.refers_to_statement = any(m.refers_to_statement for m in mentions)
        self.bounds = _combine(self.explicit, self.defaults)


_HEADS = frozenset(
    {
        "review",
        "reviews",
        "inquiry",
        "inquiries",
        "inquest",
        "inquests",
        "attack",
        "attacks",
        "investigation",
        "investigations",
        "publication",
        "announcement",
        "appointment",
        "report",
        "statement",
        "deaths",
        "death",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    }
)


def _similar_terms(a: set[str], b: set[str]) -> bool:
    """Two descriptions share at least two salient words, most of the shorter one's."""
    a = {t for t in a - _HEADS if not t.startswith("verb:")}
    b = {t for t in b - _HEADS if not t.startswith("verb:")}
    shared = a & b
    if len(shared) < 2:
        return False
    return len(shared) / max(1, min(len(a), len(b))) >= 0.6


class _Events:
    def __init__(
        self,
        extractions: Sequence[Extraction],
        people: dict[tuple[str, str], str],
        holder_at: Callable[[str, dt.date], str | None] | None = None,
        hints: ResolveHints | None = None,
    ) -> None:
        self.people = people
        #: who held a post on a day, as far as the corpus says ("the Prime Minister apologised")
        self.holder_at = holder_at
        self.hints = hints or ResolveHints()
        self.locals: dict[str, _Local] = {}
        self.local_of: dict[tuple[str, str], str] = {}  # (stem, mention id) -> local id
        self.statements = {ex.statement.stem: ex.statement for ex in extractions}
        for ex in extractions:
            groups: dict[str, list[EventMention]] = defaultdict(list)
            for m in ex.events:
                groups[m.key or m.id].append(m)
            for key, ms in groups.items():
                loc = _Local(ex.statement.stem, ex.statement, ms)
                self.locals[loc.id] = loc
                for m in ms:
                    self.local_of[(ex.statement.stem, m.id)] = loc.id
                self.local_of[(ex.statement.stem, key)] = loc.id
        self.parent: dict[str, str] = {k: k for k in self.locals}
        self.cluster_bounds: dict[str, TimeBounds] = {k: v.bounds for k, v in self.locals.items()}
        #: each cluster's begin window as day ordinals (``_begin_window``), kept with its bounds
        self.cluster_windows: dict[str, tuple[int, int]] = {
            k: _begin_window(b) for k, b in self.cluster_bounds.items()
        }

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        joint = intersect(self.cluster_bounds[ra], self.cluster_bounds[rb])
        if joint is None:
            return  # each pair may fit while the merged whole would not
        # keep the root of the earliest statement so keys are stable
        first, second = sorted((ra, rb))
        self.parent[second] = first
        self.cluster_bounds[first] = joint
        self.cluster_windows[first] = _begin_window(joint)

    def participants(self, loc: _Local) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for m in loc.mentions:
            for p in m.participants:
                ref = self.people.get((loc.stem, p.ref), p.ref)
                if self.holder_at is not None and ref.startswith(("post:", "predecessor:")):
                    ref = self.holder_at(ref, loc.statement.date) or ref
                out.add((p.role.value, ref))
        return out

    def links(self, loc: _Local, attr: str) -> set[str]:
        out: set[str] = set()
        for m in loc.mentions:
            for ref in getattr(m, attr):
                lid = self.local_of.get((loc.stem, ref))
                if lid:
                    out.add(self.find(lid))
        return out

    def merge(self) -> None:
        """Compare mentions of the same family from different statements, family by family in schema order.

        Only pairs that share a blocking key of the family's policy (``_BLOCKING_KEYS``) are
        compared, in the same order as all pairs would be: a pair sharing no key cannot satisfy
        the policy, so the result is the one all pairs give, in time that grows with the blocks.
        A policy without declared keys compares all pairs.
        """
        of_family: dict[str, list[_Local]] = defaultdict(list)
        for loc in self.locals.values():
            of_family[family(loc.type)].append(loc)
        for fam in [c.name for c in classes().values() if family(c.name) == c.name]:
            policy = merge_policy(fam)
            rule = _MERGE_RULES.get(policy)
            if rule is None:
                continue  # "never", and statements (resolved by date in _statement_refs)
            locs = of_family[fam]
            keys_of = _BLOCKING_KEYS.get(policy)
            pairs = _all_pairs(len(locs)) if keys_of is None else self._blocked_pairs(locs, fam, keys_of)
            apart = [self.kept_apart(loc) for loc in locs]
            windows = [_begin_window(loc.bounds) for loc in locs]
            for i, j in pairs:
                a, b = locs[i], locs[j]
                if a.stem == b.stem or apart[i] or apart[j]:
                    continue
                ra, rb = self.find(a.id), self.find(b.id)
                if ra == rb:
                    continue
                # the begin windows must overlap (``_compatible``), and so must the clusters'
                # (else ``union`` refuses): day ordinals first, the rule only when both hold
                if max(windows[i][0], windows[j][0]) > min(windows[i][1], windows[j][1]):
                    continue
                wa, wb = self.cluster_windows[ra], self.cluster_windows[rb]
                if max(wa[0], wb[0]) > min(wa[1], wb[1]):
                    continue
                if rule(self, a, b):
                    self.union(a.id, b.id)
            fulfilment = _FULFILMENT_KEYS.get(policy)
            if fulfilment is not None:
                self.fulfil(locs, apart, windows, fulfilment)

    def fulfil(
        self,
        locs: list[_Local],
        apart: list[bool],
        windows: list[tuple[int, int]],
        keys_of: Callable[[_Local], set[str]],
    ) -> None:
        """Merge each planned event with the nearest later report of it done.

        A plan ("we will publish our response") is the done event ("Today I publish the
        response") of the first later statement that reports one sharing a key (``keys_of``: a
        word stem, a verb) whose dates fit the plan's. The nearest, not every fitting one: a
        department promises the same kinds of things every year, and comparing each plan with
        every later report grew with the square of the corpus. Candidates come from an index per
        key sorted by statement date, so a plan costs the few reports it looks at.
        """
        index: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
        for j, loc in enumerate(locs):
            if not loc.planned and not apart[j]:
                for k in keys_of(loc):
                    index[k].append((loc.statement.date, j))
        # per key, the earliest begin day of any report from each entry on: a plan stops looking
        # at a key once every later report began after the plan's window closed (a plan never
        # fulfilled in its window would otherwise look at every later report)
        reach: dict[str, list[int]] = {}
        for k, entries in index.items():
            entries.sort()
            reach[k] = list(itertools.accumulate((windows[j][0] for _, j in reversed(entries)), min))[::-1]
        # clusters that hold a report of something done already have theirs
        done = {self.find(loc.id) for loc in locs if not loc.planned}
        for i, a in enumerate(locs):
            if not a.planned or apart[i] or self.find(a.id) in done:
                continue
            after = (a.statement.date, len(locs))  # past every report of the plan's own day
            closes = windows[i][1]
            streams = [_tail(index[k], reach[k], bisect_right(index[k], after), closes)
                       for k in keys_of(a) if k in index]
            for _, j in heapq.merge(*streams):
                if max(windows[i][0], windows[j][0]) > min(windows[i][1], windows[j][1]):
                    continue
                self.union(a.id, locs[j].id)
                if self.find(a.id) == self.find(locs[j].id):
                    done.add(self.find(a.id))
                    break  # else the clusters' dates did not fit: the next report

    def kept_apart(self, loc: _Local) -> bool:
        """A correction split this event off: it merges with nothing by rule."""
        return any((loc.stem, m.id) in self.hints.separate_events for m in loc.mentions)

    def force_merges(self) -> None:
        """The merges corrections ask for; dates that cannot overlap are an error naming the correction."""
        for a, b, where in self.hints.merge_events:
            la, lb = self.local_of.get(a), self.local_of.get(b)
            if la is None or lb is None:
                raise InputError(f"{where}: an event to merge is not in the extraction any more")
            self.union(la, lb)
            if self.find(la) != self.find(lb):
                raise InputError(
                    f"{where}: the events to merge cannot be one: their dates do not overlap; "
                    "correct their bounds first, or delete this merge"
                )

    def _blocked_pairs(
        self, locs: list[_Local], fam: str, keys_of: Callable[[_Events, _Local, str], set[object] | None]
    ) -> Iterator[tuple[int, int]]:
        """Pairs ``(i, j)``, ``i < j``, in lexicographic order, of locals sharing a blocking key
        (or holding partner keys, ``_PARTNER_KEYS``) whose begin windows overlap.

        A local whose keys cannot be known before merging (``None``) is paired with every other.
        Every merge rule needs the two begin windows to overlap (``_compatible``), so within a
        block a local with a begin window of at most ``NARROW_DAYS`` is only paired with the
        locals whose window starts near it (found by bisection): a corpus spanning a decade then
        compares each event with the few of its block from the same months, not the whole block.
        Pairs left out could not merge, so the result is the one all pairs give.
        """
        blocks: dict[object, list[int]] = defaultdict(list)
        keys: list[set[object] | None] = []
        wildcards: list[int] = []
        windows = [_begin_window(loc.bounds) for loc in locs]
        for i, loc in enumerate(locs):
            ks = keys_of(self, loc, fam)
            keys.append(ks)
            if ks is None:
                wildcards.append(i)
            else:
                for k in ks:
                    blocks[k].append(i)
        # per block: its wide members (in index order), and its narrow ones sorted by window start
        wide: dict[object, list[int]] = {}
        narrow: dict[object, tuple[list[int], list[int]]] = {}
        for k, members in blocks.items():
            wide[k] = [i for i in members if windows[i][1] - windows[i][0] > NARROW_DAYS]
            by_start = sorted((windows[i][0], i) for i in members if windows[i][1] - windows[i][0] <= NARROW_DAYS)
            narrow[k] = ([s for s, _ in by_start], [i for _, i in by_start])
        for i, ks in enumerate(keys):
            if ks is None:
                yield from ((i, j) for j in range(i + 1, len(locs)))
                continue
            lo, hi = windows[i]
            later: set[int] = {j for j in wildcards if j > i}
            for k in map(_partner, ks):
                if k not in wide:
                    continue
                block = wide[k]
                later.update(block[bisect_right(block, i) :])
                starts, members = narrow[k]
                # a narrow window overlaps [lo, hi] only if it starts in [lo - NARROW_DAYS, hi]
                first, last = bisect_left(starts, lo - NARROW_DAYS), bisect_right(starts, hi)
                later.update(j for j in members[first:last] if j > i)
            yield from ((i, j) for j in sorted(later))

    def role_refs(self, loc: _Local, *roles: Role) -> set[str]:
        wanted = {r.value for r in roles}
        return {r for role, r in self.participants(loc) if role in wanted}


# ---------------------------------------------------------------- merge policies (named in schema/events.yaml)


def _place_day_people(ev: _Events, a: _Local, b: _Local) -> bool:
    if a.place and b.place and fold(a.place) == fold(b.place):
        return True
    if a.bounds.is_exact_day and a.bounds == b.bounds:
        return True  # two attacks on the same day in one corpus are one, unless places differ
    if ev.role_refs(a, Role.VICTIM, Role.PERPETRATOR) & ev.role_refs(b, Role.VICTIM, Role.PERPETRATOR):
        return True
    return _similar_terms(a.terms, b.terms)


def _appointee_post(ev: _Events, a: _Local, b: _Local) -> bool:
    pa, pb = ev.role_refs(a, Role.APPOINTEE), ev.role_refs(b, Role.APPOINTEE)
    return bool(pa & pb) and (a.post == b.post or not a.post or not b.post)


def _subject_post(ev: _Events, a: _Local, b: _Local) -> bool:
    pa, pb = ev.role_refs(a, Role.SUBJECT), ev.role_refs(b, Role.SUBJECT)
    return bool(pa & pb) and (a.post == b.post or not a.post or not b.post)


def _prompt_or_terms(ev: _Events, a: _Local, b: _Local) -> bool:
    ra, rb = ev.links(a, "responds_to"), ev.links(b, "responds_to")
    return bool(ra & rb) or _similar_terms(a.terms, b.terms)


def _conductor_or_terms(ev: _Events, a: _Local, b: _Local) -> bool:
    if ev.role_refs(a, Role.CONDUCTED_BY) & ev.role_refs(b, Role.CONDUCTED_BY):
        return True  # the same reviewer on a review whose dates fit
    return _similar_terms(a.terms, b.terms)


def _post(ev: _Events, a: _Local, b: _Local) -> bool:
    return bool(a.post and a.post == b.post)


def _stems(loc: _Local) -> set[str]:
    """Word stems of a local's description ("respond", "response" -> "respon")."""
    return {t.removeprefix("verb:")[:6] for t in loc.terms if len(t.removeprefix("verb:")) >= 5} - {""}


def _publishes_or_terms(ev: _Events, a: _Local, b: _Local) -> bool:
    # the same review published at dates that fit is one publication (an interim and a final
    # report fall at different dates and stay apart); a promised publication ("we will respond in
    # full within six months") is the nearest later one whose words share a stem ("Today I am
    # publishing that response"): ``_Events.fulfil`` with ``_stems``
    pa, pb = ev.links(a, "publishes"), ev.links(b, "publishes")
    return bool(pa & pb) or _similar_terms(a.terms, b.terms)


def _agent_day(ev: _Events, a: _Local, b: _Local) -> bool:
    """Apologies and the like: the same person or body, or the same day."""
    if ev.role_refs(a, Role.AGENT) & ev.role_refs(b, Role.AGENT):
        return True
    return a.bounds.is_exact_day and a.bounds == b.bounds


_GENERIC_ACTS = frozenset({"bill", "act", "legislation", "law"})


def _verbs(loc: _Local) -> set[str]:
    return {t for t in loc.terms if t.startswith("verb:")}


def _bare(loc: _Local) -> bool:
    """Described by nothing but a verb and a generic noun ("the Bill was introduced")."""
    return {t for t in loc.terms if not t.startswith("verb:")} <= _GENERIC_ACTS


def _plan_then_done(ev: _Events, a: _Local, b: _Local) -> bool:
    # "the Bill" said again in a later statement with the same verb; a plan in an earlier
    # statement ("we will introduce emergency legislation this month") is the nearest act a later
    # one reports with its verb ("the Bill was introduced on 11 February"): ``_Events.fulfil``
    return (bool(_verbs(a) & _verbs(b)) and (_bare(a) or _bare(b))) or _similar_terms(a.terms, b.terms)


def _subject_day(ev: _Events, a: _Local, b: _Local) -> bool:
    """Legal steps and deaths: the same person concerned, or the same day and description."""
    sa = ev.role_refs(a, Role.SUBJECT, Role.VICTIM)
    sb = ev.role_refs(b, Role.SUBJECT, Role.VICTIM)
    if sa and sb:
        return bool(sa & sb)
    if a.bounds.is_exact_day and a.bounds == b.bounds and a.type == b.type:
        return True
    return _similar_terms(a.terms, b.terms)


def _terms(ev: _Events, a: _Local, b: _Local) -> bool:
    return _similar_terms(a.terms, b.terms)


_MERGE_RULES: dict[str, Callable[[_Events, _Local, _Local], bool]] = {
    "place_day_people": _place_day_people,
    "appointee_post": _appointee_post,
    "subject_post": _subject_post,
    "prompt_or_terms": _prompt_or_terms,
    "conductor_or_terms": _conductor_or_terms,
    "post": _post,
    "publishes_or_terms": _publishes_or_terms,
    "plan_then_done": _plan_then_done,
    "subject_day": _subject_day,
    "agent_day": _agent_day,
    "terms": _terms,
}


def _tail(
    items: list[tuple[dt.date, int]], reach: list[int], start: int, closes: int
) -> Iterator[tuple[dt.date, int]]:
    """``items[start:]`` without copying it (a plan usually looks at one or two), up to where no
    item left begins by day ``closes`` (``reach[n]``: the earliest begin of ``items[n:]``)."""
    for n in range(start, len(items)):
        if reach[n] > closes:
            return
        yield items[n]


def _all_pairs(n: int) -> Iterator[tuple[int, int]]:
    return ((i, j) for i in range(n) for j in range(i + 1, n))


# ---------------------------------------------------------------- blocking keys of the merge policies
#
# For each policy, keys such that two locals the policy could merge always share one.  They must
# stay in step with the policy: a condition added to a policy needs its key here (or the policy's
# entry removed, which compares all pairs); tests/test_resolve_blocking.py compares blocked and
# all-pairs merging on the test corpora.


def _term_keys(loc: _Local) -> set[object]:
    """``_similar_terms`` needs two shared salient words: every two of them are a key.

    Pairs, not single words: a word common in a department's statements ("prison", "hospital")
    would make one block of most of its events.
    """
    salient = sorted(t for t in loc.terms - _HEADS if not t.startswith("verb:"))
    return {("terms", x, y) for n, x in enumerate(salient) for y in salient[n + 1 :]}


def _role_keys(ev: _Events, loc: _Local, *roles: Role) -> set[object]:
    return {("who", r) for r in ev.role_refs(loc, *roles)}


def _link_keys(ev: _Events, loc: _Local, attr: str, fam: str) -> set[object] | None:
    """Roots of linked events; None when one is of the family being merged (its root may change)."""
    out: set[object] = set()
    for m in loc.mentions:
        for ref in getattr(m, attr):
            lid = ev.local_of.get((loc.stem, ref))
            if lid is None:
                continue
            if family(ev.locals[lid].type) == fam:
                return None
            out.add((attr, ev.find(lid)))
    return out


def _day_key(loc: _Local, *extra: object) -> set[object]:
    return {("day", loc.bounds, *extra)} if loc.bounds.is_exact_day else set()


def _keys_place_day_people(ev: _Events, loc: _Local, fam: str) -> set[object] | None:
    place = {("place", fold(loc.place))} if loc.place else set()
    return place | _day_key(loc) | _role_keys(ev, loc, Role.VICTIM, Role.PERPETRATOR) | _term_keys(loc)


def _keys_prompt_or_terms(ev: _Events, loc: _Local, fam: str) -> set[object] | None:
    links = _link_keys(ev, loc, "responds_to", fam)
    return None if links is None else links | _term_keys(loc)


def _keys_publishes_or_terms(ev: _Events, loc: _Local, fam: str) -> set[object] | None:
    links = _link_keys(ev, loc, "publishes", fam)
    return None if links is None else links | _term_keys(loc)


def _keys_plan_then_done(ev: _Events, loc: _Local, fam: str) -> set[object] | None:
    # a bare act pairs with every act sharing its verb; two described acts only through their terms
    verbs = {("verb", t) for t in _verbs(loc)}
    bare = {("bare-verb", t) for t in _verbs(loc)} if _bare(loc) else set()
    return verbs | bare | _term_keys(loc)


def _keys_subject_day(ev: _Events, loc: _Local, fam: str) -> set[object] | None:
    return _role_keys(ev, loc, Role.SUBJECT, Role.VICTIM) | _day_key(loc, loc.type) | _term_keys(loc)


#: keys that pair with another key's block, not their own (both ways): an act sharing a verb
#: with a bare one ("the Bill was introduced") is compared with it, two described acts are not
_PARTNER_KEYS = {"verb": "bare-verb", "bare-verb": "verb"}


def _partner(key: object) -> object:
    if isinstance(key, tuple) and key and key[0] in _PARTNER_KEYS:
        return (_PARTNER_KEYS[key[0]], *key[1:])
    return key


#: policies whose plans are matched to the nearest later act (``_Events.fulfil``), by these keys
_FULFILMENT_KEYS: dict[str, Callable[[_Local], set[str]]] = {
    "publishes_or_terms": _stems,
    "plan_then_done": _verbs,
}

_BLOCKING_KEYS: dict[str, Callable[[_Events, _Local, str], set[object] | None]] = {
    "place_day_people": _keys_place_day_people,
    "appointee_post": lambda ev, loc, fam: _role_keys(ev, loc, Role.APPOINTEE),
    "subject_post": lambda ev, loc, fam: _role_keys(ev, loc, Role.SUBJECT),
    "prompt_or_terms": _keys_prompt_or_terms,
    "conductor_or_terms": lambda ev, loc, fam: _role_keys(ev, loc, Role.CONDUCTED_BY) | _term_keys(loc),
    "post": lambda ev, loc, fam: {("post", loc.post)} if loc.post else set(),
    "publishes_or_terms": _keys_publishes_or_terms,
    "plan_then_done": _keys_plan_then_done,
    "subject_day": _keys_subject_day,
    "agent_day": lambda ev, loc, fam: _role_keys(ev, loc, Role.AGENT) | _day_key(loc),
    "terms": lambda ev, loc, fam: _term_keys(loc),
}


def _statement_refs(ev: _Events, corpus_statements: Sequence[Statement]) -> dict[str, str]:
    """Mentions of another statement ("my statement to the House on 21 January") -> its stem."""
    out: dict[str, str] = {}
    on_day: dict[dt.date | None, list[Statement]] = defaultdict(list)
    for s in corpus_statements:
        on_day[s.date].append(s)
    for loc in ev.locals.values():
        if loc.type != "Statement" or not loc.refers_to_statement:
            continue
        b = loc.bounds
        if not b.is_exact_day:
            continue
        hits = [s for s in on_day.get(b.earliest_begin, []) if s.stem != loc.stem]
        speaker = loc.statement.speaker
        if len(hits) > 1 and speaker:
            hits = [s for s in hits if s.speaker == speaker] or hits
        if len(hits) == 1:
            out[loc.id] = hits[0].stem
    return out


def _noun_names(word: str, cls: str) -> bool:
    """Whether an event noun in an anchor phrase can name an event of class ``cls``."""
    named = lexicon().noun_class.get(word)
    if named is not None and (family(named) == family(cls) or is_a(cls, named)):
        return True
    if not (cls == "Attack" or is_a(cls, "Accident")):
        return False
    # any incident noun ("the accident", "the disaster", "the attack") can name any incident
    return named is not None and (named == "Attack" or is_a(named, "Accident"))


def _anchor_target(
    ev: _Events, loc: _Local, phrase: str, same_statement: Sequence[_Local] | None = None
) -> str | None:
    """The event an anchor phrase ("the Southport attack", "the sentencing") names, in that statement.

    ``same_statement``: the locals of ``loc``'s statement in ``ev.locals`` order, when the caller has them.
    """
    words = set(re.findall(r"[a-z]+", fold(phrase)))
    best: tuple[int, str] | None = None
    for other in ev.locals.values() if same_statement is None else same_statement:
        if other.stem != loc.stem or other.id == loc.id:
            continue
        label_words = set(re.findall(r"[a-z]+", fold(other.label))) | {other.type.lower()}
        shared = words & label_words
        # the phrase's event noun names the other's class ("the accident" a derailment, "the deaths" a death)
        named_class = any(_noun_names(w, other.type) for w in words)
        if not named_class and not shared & {other.type.lower()}:
            continue
        score = len(shared) + (2 if other.place and fold(other.place) in fold(phrase) else 0)
        if best is None or score > best[0]:
            best = (score, other.id)
    return best[1] if best else None


def _post_holders(corpus: Corpus) -> Callable[[str, dt.date], str | None]:
    """Who held a post on a date, as far as the corpus says: ``post:KEY`` or ``predecessor:PERSON``.

    A holder is known on the dates of the statements that show them in post; the holder on a
    date is the one shown nearest to it (within two years).  A speaker's predecessor is the last
    other holder of the speaker's post shown before that date.
    """
    shown: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)  # post -> (date, person)
    for ms in corpus.memberships.values():
        for day in ms.held_on:
            shown[ms.post].append((day, ms.person))
    for seen in shown.values():
        seen.sort()

    posts_of: dict[str, set[str]] = defaultdict(set)
    for post, seen in shown.items():
        for _d, p in seen:
            posts_of[p].add(post)

    def holder(post: str, day: dt.date) -> str | None:
        # the nearest day shown before and the one on or after; on each, the first person in order
        seen = shown.get(post, [])
        at = bisect_left(seen, (day, ""))
        near: list[tuple[int, str]] = []
        if at < len(seen):
            near.append(((seen[at][0] - day).days, seen[at][1]))
        if at > 0:
            before = seen[at - 1][0]
            near.append(((day - before).days, seen[bisect_left(seen, (before, ""))][1]))
        near = [x for x in near if x[0] <= 730]
        return min(near)[1] if near else None

    def resolve_ref(ref: str, day: dt.date) -> str | None:
        kind, _, key = ref.partition(":")
        if kind == "post":
            return holder(key, day)
        earlier = [(d, p) for post in posts_of.get(key, ()) for d, p in shown[post] if d < day and p != key]
        return max(earlier)[1] if earlier else None

    return resolve_ref


def _is_proper_name(label: str) -> bool:
    words = [w for w in label.split() if w.lower() not in {"of", "the", "and", "for", "into", "on", "in"}]
    return bool(words) and all(w[:1].isupper() for w in words)


def _name_after_prompt(event: Event, corpus: Corpus) -> None:
    """ "Independent public inquiry into how this attack ..." reads as "... into the Southport attack"."""
    if not is_a(event.type, "Review") or _is_proper_name(event.label):
        return
    if not re.search(r"\b(?:this|that|these|those|how)\b", event.label):
        return  # the label stands on its own ("review of the Prevent history")
    prompts = [corpus.events[k] for k in event.responds_to if k in corpus.events]
    named = [p for p in prompts if p.place]
    if len(named) != 1:
        return
    head = re.split(r"\s+(?:into|of)\s+", event.label, maxsplit=1)[0]
    event.label = f"{head} into the {named[0].label}"


def resolve(
    extractions: Sequence[Extraction],
    known_bounds: Mapping[str, TimeBounds] | None = None,
    hints: ResolveHints | None = None,
) -> Corpus:
    """Merge per-statement extractions into one corpus graph model.

    ``hints`` are what the corrections files ask of resolution (``curate.curate`` makes them):
    event mentions to merge or keep apart, people to keep apart.

    ``known_bounds`` (event key -> begin window) are dates a linked open-data graph gives; they
    narrow an event's bounds where consistent, before anchored expressions are resolved.
    """
    extractions = sorted(extractions, key=lambda e: e.statement.stem)
    corpus = Corpus(statements=[e.statement for e in extractions])
    corpus.corrections = {c.id: c for e in extractions for c in e.corrections}
    people = _resolve_people(extractions, corpus, hints.distinct_people if hints else frozenset())
    _resolve_orgs(extractions, corpus)
    _resolve_posts(extractions, corpus, people)
    ev = _Events(extractions, people, _post_holders(corpus), hints)
    ev.merge()
    ev.force_merges()
    stmt_refs = _statement_refs(ev, corpus.statements)

    # group locals by merged root
    groups: dict[str, list[_Local]] = defaultdict(list)
    for lid, loc in ev.locals.items():
        groups[ev.find(lid)].append(loc)

    def key_of(root: str) -> str:
        locs = groups[root]
        first = locs[0]
        if first.id in stmt_refs:
            return f"statement:{stmt_refs[first.id]}"
        # readable, stable IRIs: "event/southport-attack", "event/end-to-end-review-of-prevent-thresholds"
        label = best_label([loc.label for loc in locs], locs[0].type)
        return slugify(label)[:60].strip("-")

    keys: dict[str, str] = {}
    used: dict[str, int] = {}
    for root in sorted(groups):
        k = key_of(root)
        if not k.startswith("statement:"):
            n = used.get(k, 0)
            used[k] = n + 1
            if n:
                k = f"{k}-{n + 1}"
        keys[root] = k

    # dates: explicit and default bounds, then anchored ones to a fixpoint
    bounds: dict[str, TimeBounds] = {}
    for root, locs in groups.items():
        bounds[root] = _combine([b for loc in locs for b in loc.explicit], [b for loc in locs for b in loc.defaults])
    dated = {f"statement:{s.stem}": s.date for s in corpus.statements}
    for root in groups:
        day = dated.get(keys[root])
        if day is not None:
            bounds[root] = TimeBounds(day, day, edtf=day.isoformat())
    for root in groups:
        known = (known_bounds or {}).get(keys[root])
        if known is not None:
            bounds[root] = intersect(bounds[root], known) or bounds[root]
    # each anchored mention's target is found once (through a per-statement index of locals);
    # a round re-derives a group only when the bounds of one of its anchors changed since it was
    # last derived, which gives what re-deriving every group gives, in time that grows with them
    by_stem: dict[str, list[_Local]] = defaultdict(list)
    for other in ev.locals.values():
        by_stem[other.stem].append(other)
    anchors: dict[str, str] = {}
    anchored: dict[str, list[tuple[TimeMention, str]]] = {}
    for root, locs in groups.items():
        for loc in locs:
            for tm, anchor_id in loc.anchored:
                assert tm.event_anchor is not None
                target = ev.local_of.get((loc.stem, anchor_id)) if anchor_id else None
                target = target or _anchor_target(ev, loc, tm.event_anchor.phrase, by_stem[loc.stem])
                if target is None:
                    continue
                troot = ev.find(target)
                anchors[root] = troot
                anchored.setdefault(root, []).append((tm, troot))
    seen_inputs: dict[str, tuple[TimeBounds, ...]] = {}
    for _ in range(_MAX_FIXPOINT_ROUNDS):
        changed = False
        for root, pairs in anchored.items():
            inputs = tuple(bounds.get(troot, TimeBounds()) for _tm, troot in pairs)
            if seen_inputs.get(root) == inputs:
                continue  # the same anchors' bounds give the same derived bounds
            seen_inputs[root] = inputs
            locs = groups[root]
            for tm, troot in pairs:
                tb = bounds.get(troot, TimeBounds())  # live: a group may be anchored to itself
                if tb.is_open:
                    continue
                assert tm.event_anchor is not None
                derived = apply_anchor(tm.event_anchor, tb)
                # explicit dates win; the anchored window narrows them only when consistent
                new = _combine(
                    [b for lc in locs for b in lc.explicit] + [derived], [b for lc in locs for b in lc.defaults]
                )
                if new != bounds[root]:
                    bounds[root] = new
                    changed = True
        if not changed:
            break

    # a review or inquiry that responds to an event cannot have begun before that event began
    for root, locs in groups.items():
        prompts = {r for loc in locs for r in ev.links(loc, "responds_to")}
        for target in sorted(prompts):
            earliest = bounds.get(target, TimeBounds()).earliest_begin
            if earliest is not None:
                narrowed = intersect(bounds[root], TimeBounds(earliest_begin=earliest))
                if narrowed is not None:
                    bounds[root] = narrowed

    holder_at = _post_holders(corpus)

    # build events (series for counted mentions)
    for root in sorted(groups, key=lambda r: keys[r]):
        locs = groups[root]
        key = keys[root]
        if key.startswith("statement:"):
            stem = key.split(":", 1)[1]
            st_event = corpus.events.setdefault(
                key, Event(key=key, type="Statement", label=ev.statements[stem].title, bounds=bounds[root])
            )
            for loc in locs:
                for m in loc.mentions:
                    st_event.mentions.append(Mention(loc.stem, m.span))
            continue
        etype = locs[0].type
        for loc in locs[1:]:
            etype = most_specific(etype, loc.type)
        label = best_label([loc.label for loc in locs], etype)
        participants: list[tuple[Role, str]] = []
        for loc in locs:
            for role, ref in sorted(ev.participants(loc)):
                if ref.startswith(("post:", "predecessor:")):
                    who = holder_at(ref, loc.statement.date)
                    if who is None:
                        continue  # the corpus does not say who held the post then
                    ref = who
                item = (Role(role), ref)
                if item not in participants:
                    participants.append(item)
        count = max(loc.count for loc in locs)
        base = Event(
            key=key,
            type=etype,
            label=label,
            bounds=bounds[root],
            times=[(loc.stem, m.time) for loc in locs for m in loc.mentions if m.time],
            planned=all(loc.planned for loc in locs),
            participants=participants,
            place=next((loc.place for loc in locs if loc.place), None),
            mentions=[Mention(loc.stem, m.span) for loc in locs for m in loc.mentions],
            post=next((loc.post for loc in locs if loc.post), None),
            terms=set().union(*(loc.terms for loc in locs)),
        )
        base.corrections = sorted({c for loc in locs for m in loc.mentions for c in m.corrections})
        base.origin = origin_of(base.corrections, [m.added for loc in locs for m in loc.mentions])
        base.anchor = anchors.get(root)
        base.reviews = sorted({r for loc in locs for r in ev.links(loc, "reviews")})
        base.responds_to = sorted({r for loc in locs for r in ev.links(loc, "responds_to")})
        base.publishes = sorted({r for loc in locs for r in ev.links(loc, "publishes")})
        base.announces = sorted({r for loc in locs for r in ev.links(loc, "announces")})
        if count > 1:
            for i in range(1, count + 1):
                member = Event(**{**base.__dict__, "key": f"{key}/{i}", "series": key, "series_size": count})
                corpus.events[member.key] = member
        else:
            corpus.events[key] = base
    # links point at roots; translate to event keys (series roots expand to their members)
    series_members: dict[str, list[str]] = defaultdict(list)
    for e in corpus.events.values():
        if e.series:
            series_members[e.series].append(e.key)

    def to_keys(roots: list[str]) -> list[str]:
        out: list[str] = []
        for r in roots:
            k = keys.get(r)
            if k is None:
                continue
            out.extend(sorted(series_members[k]) if k in series_members else [k])
        return out

    for e in corpus.events.values():
        e.reviews = to_keys(e.reviews)
        e.responds_to = to_keys(e.responds_to)
        _name_after_prompt(e, corpus)
        e.publishes = to_keys(e.publishes)
        e.announces = to_keys(e.announces)
        if e.anchor:
            e.anchor = keys.get(e.anchor)
    corpus.events = dict(sorted(corpus.events.items()))
    return corpus
