"""Events in a statement: triggers from the lexicon, filtering, in-statement coreference, labels, times.

The rules work on one sentence at a time and keep to the genre: an event noun counts when
something makes it a specific event (a governing verb, a name or possessive, a count, a date);
an event verb counts unless its clause is negated, generic or counterfactual.  Participants are
in ``participants.py``, review links in ``review_links.py``, shared parts in ``triggers.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..event_classes import classes, family, is_a, is_legal_step, label_rule
from ..model import EventMention, Participant, PostMention, Role, Span, Tense, TimeBounds
from .participants import ParticipantRules
from .review_links import ReviewLinks
from .text import Sentence, clause_bounds, clause_of, fold
from .triggers import (
    COUNT,
    DETERMINER,
    NUMBERS,
    TITLE_PLACE,
    Candidate,
    Context,
    complement,
    default_bounds,
    distance,
    label_words,
    lexicon,
    sentence_tense,
    terms_of,
    word_list,
)

__all__ = ["Context", "find_events", "lexicon"]

_PRE_WINDOW = 1000


_BEGAN_CLAUSE = re.compile(
    r"[^.;]{0,80}?\b(?:that|which)\s+(?:[\w'’]+\s+){0,4}?(?:began|opened|started|launched|established|set\s+up"
    r"|commissioned|was\s+(?:set\s+up|established|launched|opened|commissioned))\s+(?:\w+\s+){0,2}$"
)
_BARE_LAW = frozenset({"bill", "act", "legislation", "law", "new"})
_NAMED_LAW = re.compile(
    r"((?:[A-Z(][\w'’(),-]*\s+(?:(?:of|and|for|the|on|to)\s+)?){1,8}(?:Bill|Act(?:\s+\d{4})?|Law))\b"
)
_LEAD = re.compile(r"[\s\"“(]*")
_GENERIC_DEFENDANTS = re.compile(
    r"\b(?:those|anyone|everyone|people|offenders|person|persons|individuals|who\s+are"
    r"|whose\s+\w+)\s+(?:who\s+)?(?:(?:had|have|has)\s+been\s+|were\s+|was\s+|are\s+|is\s+|be\s+)?$",
    re.IGNORECASE,
)


def _same_place(a: str, b: str) -> bool:
    """ "Hillsborough Stadium" and "Hillsborough", "Carmont" and "Carmont": one place named two ways."""
    wa, wb = fold(a).split(), fold(b).split()
    return wa == wb or (bool(wa) and bool(wb) and wa[0] == wb[0])


def verb_term(verb: str) -> str:
    """A rough stem of an event's verb ("introduced" -> "verb:introd"), for matching across statements."""
    words = [w for w in fold(verb).split() if w not in {"was", "were", "been", "had", "has", "have"}] or [""]
    return "verb:" + re.sub(r"(?:e|ed|es|ing|ion|s)$", "", words[0])[:6]


class _Extractor(ParticipantRules, ReviewLinks):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.statement.text
        self.lex = lexicon()
        self.events: list[Candidate] = []
        self.counter = 0
        title = TITLE_PLACE.search(ctx.statement.title)
        self.title_place = title.group(1) if title and title.group(1)[:1].isupper() else None
        words = set(re.findall(r"[a-z]+", fold(ctx.statement.text)))
        #: whether the statement speaks of compensation (then a named "scheme" is a compensation scheme)
        self.about_compensation = bool(words & word_list("compensation_cues"))
        #: whether the statement speaks of attacks at all (else "killed" reports deaths, not an attack)
        self.about_attacks = bool(words & word_list("attack_cues"))
        #: the class of the incident the title names ("Carmont derailment: ..."), if any
        self.title_class = self.lex.noun_class.get(fold(title.group(2))) if self.title_place and title else None

    # ------------------------------------------------------------ triggers

    def _triggers(self, sent: Sentence) -> list[Candidate]:
        text, lex = self.text, self.lex
        clauses = clause_bounds(text, sent)
        cands: list[Candidate] = []
        for m in lex.nouns.finditer(text, sent.start, sent.end):
            cls = lex.noun_class[fold(m.group(0))]
            cands.append(self._noun(cls, Span(m.start(), m.end()), sent, clause_of(clauses, m.start())))
        for m in lex.verbs.finditer(text, sent.start, sent.end):
            cls = lex.verb_class[fold(m.group(0))]
            cands.append(
                Candidate(cls, Span(m.start(), m.end()), "verb", sent, clause_of(clauses, m.start()), label="")
            )
        for m in lex.request_review.finditer(text, sent.start, sent.end):
            span = Span(m.start(1), m.end(1))
            cand = Candidate("Review", span, "verb", sent, clause_of(clauses, m.start()), label="")
            cand.request = Span(m.start(), m.start(1))
            cands.append(cand)
        for m in lex.vehicle_crash.finditer(text, sent.start, sent.end):
            cands.append(
                Candidate("Crash", Span(m.start(1), m.end(1)), "verb", sent, clause_of(clauses, m.start(1)), label="")
            )
        for org in self.ctx.organisations:
            if org.kind == "inquiry" and sent.start <= org.span.start < sent.end:
                cands.append(
                    Candidate(
                        "Inquiry",
                        org.span,
                        "noun",
                        sent,
                        clause_of(clauses, org.span.start),
                        label=org.name,
                        determiner="name",
                        modifiers=tuple(org.name.split()[:-1]),
                        terms=terms_of(org.name),
                    )
                )
        # words inside a post or an organisation's name ("Reviewer of Terrorism Legislation") are not triggers
        names = [p[0] for p in self.ctx.posts] + [o.span for o in self.ctx.organisations if o.kind != "inquiry"]
        cands = [
            c
            for c in cands
            if c.determiner == "name" or not any(n.start <= c.trigger.start and c.trigger.end <= n.end for n in names)
        ]
        # longest trigger wins where two overlap (named inquiry > "inquiry"; "opened fire" > "fire")
        cands.sort(key=lambda c: (c.trigger.start, -(c.trigger.end - c.trigger.start), c.request is None))
        kept: list[Candidate] = []
        for c in cands:
            if any(c.trigger.start < k.trigger.end and k.trigger.start < c.trigger.end for k in kept):
                continue
            kept.append(c)
        kept = [c for c in kept if not self._inside_capitalised_name(c, sent)]
        return self._in_context([c for c in kept if c.type and self._accept(c)], sent)

    def _inside_capitalised_name(self, c: Candidate, sent: Sentence) -> bool:
        """ "the Charter for Families Bereaved through Public Tragedy": an incident word in a title-case name
        (not at the sentence's start) names a thing, not an event."""
        if not (c.type == "Attack" or is_a(c.type, "Accident") or c.type == "Death") or c.kind != "noun":
            return False
        word = self.text[c.trigger.start : c.trigger.end]
        if not word[:1].isupper() or c.trigger.start == sent.start:
            return False
        before = self.text[max(sent.start, c.trigger.start - 40) : c.trigger.start]
        in_run = re.search(r"[A-Z][\w'’-]+\s+$", before)
        return bool(in_run) and not re.search(r"(?:^|[.!?]\s+)[A-Z][\w'’-]+\s+$", before)

    def _in_context(self, cands: list[Candidate], sent: Sentence) -> list[Candidate]:
        """One happening told with several trigger words: a blast or fire in a sentence about an attack
        is the attack; a crash, or deaths, in a sentence that names an attack or accident are part of it."""
        attack_words = word_list("attack_cues")
        words = set(re.findall(r"[a-z]+", fold(self.text[sent.start : sent.end])))
        deliberate = bool(words & attack_words)
        for c in cands:
            if is_a(c.type, "Accident") and c.type in {"Fire", "Explosion"} and deliberate:
                c.type = "Attack"
            if c.type == "Attack" and c.kind == "verb" and not self.about_attacks and not deliberate:
                c.type = "Death"  # "three people were killed" in a statement about a derailment
        money = self.about_compensation
        cands = [
            c for c in cands
            if not (c.type == "CompensationScheme" and not money
                    and fold(self.text[c.trigger.start : c.trigger.end]) in {"scheme", "schemes"})
        ]
        attacks = [c for c in cands if c.type == "Attack"]
        accidents = [c for c in cands if is_a(c.type, "Accident")]
        out: list[Candidate] = []
        for c in cands:
            if is_a(c.type, "Accident") and attacks:
                continue
            if c.type == "Attack" and c.kind == "verb" and accidents and not deliberate:
                continue
            if c.type in word_list("consequence_classes") and (attacks or accidents):
                continue
            out.append(c)
        return out

    def _noun(self, cls: str, span: Span, sent: Sentence, clause: Span) -> Candidate:
        text = self.text
        mods, mod_start = label_words(text, span.start, 4)
        head = text[span.start : span.end]
        comp = complement(text, span.end, clause.end)
        before = text[max(clause.start, mod_start - 40) : mod_start]
        det = DETERMINER.search(before)
        determiner = ""
        if det:
            determiner = (det.group("det") or "").lower() or "poss"
        count = 1
        cm = COUNT.search(text[max(clause.start, mod_start - 30) : mod_start])
        if cm:
            count = int(cm.group("num")) if cm.group("num") else NUMBERS[cm.group("word").lower()]
            determiner = determiner or "count"
        if cls in word_list("consequence_classes"):
            count = 1  # "five deaths" is one event with five victims, not a series
        label = " ".join(x for x in (mods, head, comp) if x)
        cand = Candidate(
            cls,
            span,
            "noun",
            sent,
            clause,
            label=label[0].upper() + label[1:],
            determiner=determiner,
            modifiers=tuple(mods.split()),
            count=count,
        )
        if det and det.group("poss"):
            cand.participants.append(Participant(Role.CONDUCTED_BY, "poss:" + det.group("poss"), None))
        cand.terms = terms_of(mods, head, comp)
        return cand

    def _accept(self, c: Candidate) -> bool:
        text, lex = self.text, self.lex
        # at most _PRE_WINDOW characters of the clause before the trigger: a clause of thousands of
        # triggers would otherwise be searched again for each (time ~ clause length squared)
        pre = text[max(c.clause.start, c.trigger.start - _PRE_WINDOW) : c.trigger.start]
        after = text[c.trigger.end : c.trigger.end + 30]
        if lex.topics.search(pre):
            return False
        if re.match(r"\s+(?:of\s+(?:this|that|the\s+same)\s+kind|of\s+this\s+sort|like\s+(?:this|these))\b", after):
            return False  # "inquiries of this kind take too long"
        near_pre = pre[-45:]
        modal_ok = any(is_a(c.type, k) for k in ("Publication", "Legislation", "Statement"))
        if lex.modals.search(near_pre) and not modal_ok:
            return False
        if c.kind == "noun":
            if re.search(r"\bunder\s+$", pre):
                return False  # "keep it under review": a state, not an event
            nxt = re.match(r"\s+([a-z][\w-]*)", after)
            if nxt and nxt.group(1) in lex.blockers and c.determiner != "name":
                return False
            if re.search(r"\bto\s+$", pre) and c.determiner == "":
                return False  # "power to review" is a verb
            if re.search(r"\b(?:no|not|never|without)\s+(?:\w+\s+){0,2}$", pre):
                return False
            return c.determiner not in {"any", "each", "every", "no"}
        # verbs
        if re.search(r"\b(?:not|never|no|nobody|none)\b|\bno\s+one\b|n['’]t\b", near_pre[-30:], re.IGNORECASE):
            return False
        if re.search(r"\b(?:are|is)\s+$", pre) and re.search(r"ed$", text[c.trigger.start : c.trigger.end]):
            return False  # "the way schools are inspected": what happens in general
        lead = max(c.clause.start, c.trigger.start - 30)
        if lex.false_verbs.match(text, c.trigger.start) or any(
            m.end() == c.trigger.end for m in lex.false_verbs.finditer(text, lead, c.trigger.end)
        ):
            return False  # "had been unlawfully killed": a verdict, not a new killing
        word = fold(text[c.trigger.start : c.trigger.end])
        if word == "became":
            return self._became_post(c) is not None
        if word == "reported" and re.match(r"\s+(?:to|that|on|how|a|an|the|it|him|her|them)\b", after):
            return False  # "reported to the police", "reported that ...": not a report being published
        if word == "referred" and not re.match(
            r"\s+(?:[\w'’]+\s+){0,12}?to\b", after + text[c.trigger.end + 30 : c.trigger.end + 80]
        ):
            return False
        if is_legal_step(c.type) and _GENERIC_DEFENDANTS.search(pre):
            return False  # "those who had been convicted", "whose convictions were quashed", "the person convicted"
        if c.type == "Appointment" and re.search(r"\bto\s+$", pre):
            return bool(re.search(r"\b(?:will|shall|intend|plan|going)\b", pre))
        return True

    # ------------------------------------------------------------ per sentence

    def run(self, sentences: Sequence[Sentence]) -> list[EventMention]:
        for sent in sentences:
            cands = self._triggers(sent)
            for c in cands:
                self._describe(c)
            cands = self._merge_in_sentence(cands)
            self._assign_times(sent, cands)
            for c in cands:
                self._place_and_people(c)
                self._register(c)
        self._link_reviews()
        return self._emit()

    def _merge_in_sentence(self, cands: list[Candidate]) -> list[Candidate]:
        """A governing verb and its event noun are one event ("commissioned ... a review")."""
        out: list[Candidate] = []
        for c in cands:
            if c.kind == "verb":
                twin = next(
                    (
                        n
                        for n in cands
                        if n.kind == "noun"
                        and n.type == c.type
                        and 0 <= n.trigger.start - c.trigger.end <= 40
                        and n.clause == c.clause
                    ),
                    None,
                )
                if twin is not None:
                    twin.planned = twin.planned or c.planned
                    twin.tense = c.tense if c.planned else twin.tense
                    continue
            out.append(c)
        return out

    def _describe(self, c: Candidate) -> None:
        text = self.text
        clause_text = text[c.clause.start : c.clause.end]
        pre = text[c.clause.start : c.trigger.start]
        tense = sentence_tense(clause_text)
        # "I will make a statement on X" announces this statement, not a plan for X
        pre = re.sub(r"^.*\bmake an? (?:oral |written )?statement (?:on|about)\b", "", pre, flags=re.DOTALL)
        planned = bool(self.lex.planned.search(pre[-60:])) and not re.search(r"\b(?:was|were|had)\b", pre[-25:])
        if c.kind == "noun" and not planned:
            planned = bool(re.search(r"\b(?:will|would|shall)\b(?:\s+\w+){0,4}\s+$", pre))
        if is_a(c.type, "Legislation") and re.search(r"\bwill\b", pre):
            planned = True
        if re.match(r"(?:will|shall)\b", text[c.trigger.start : c.trigger.end], re.IGNORECASE):
            planned = True
        c.planned = planned
        c.tense = Tense.FUTURE if planned else tense
        if not c.label:
            c.label = self._verb_label(c)
        if c.type == "Launch":  # not its subclasses: a compensation scheme is no Bill
            obj = re.match(r"[^,;]{0,70}", text[c.trigger.end : c.clause.end]).group(0)  # type: ignore[union-attr]
            subj = text[c.clause.start : c.trigger.start] if re.search(r"\b(?:was|were|been)\s+$", pre) else ""
            if re.match(r"\s*(?:which|that)\b", pre):
                # "The Counter-Terrorism Bill, which the Government introduced last May"
                subj = text[c.sentence.start : c.clause.start][-80:]
            into_force = "force" in fold(text[c.trigger.start : c.trigger.end])
            if into_force:
                subj = text[max(c.sentence.start, c.trigger.start - 80) : c.trigger.start]
            if re.search(r"\b(?:Bill|Act|legislation|[Rr]egulations)\b", obj.split(" and ")[0] + " " + subj):
                verb = fold(text[c.trigger.start : c.trigger.end])
                stage = "BillIntroduction" if "introduc" in verb else "Legislation"
                c.type = "CommencementInForce" if into_force else stage
        if c.request is not None:
            c.label = "Review: " + c.label[0].lower() + c.label[1:]
        if is_a(c.type, "Legislation"):
            # the law it is about: "introduced the Terrorism (Protection of Premises) Bill" names it after
            # the verb; "when the Bill was introduced" means the Bill the statement named last (or its title's)
            obj = _NAMED_LAW.match(text, c.trigger.end + 1, min(c.clause.end, c.trigger.end + 120))
            obj = obj if obj is not None and re.match(r"\s*(?:the\s+)?$", text[c.trigger.end : obj.start()]) else None
            law = obj.group(1) if obj else None
            if law is None and {t for t in c.terms if not t.startswith("verb:")} <= _BARE_LAW:
                named = list(_NAMED_LAW.finditer(text, self.ctx.statement.body_start, c.trigger.start))
                title = _NAMED_LAW.search(self.ctx.statement.title)
                law = named[-1].group(1) if named else title.group(1) if title else None
            if law:
                c.terms = tuple(sorted(set(c.terms) | set(terms_of(law))))

    def _verb_label(self, c: Candidate) -> str:
        text = self.text
        pre = text[c.clause.start : c.trigger.start]
        rel = re.match(r"\s*(?:which|that)\b", pre)
        if rel and any(is_a(c.type, k) for k in ("Publication", "Launch", "Announcement", "Legislation")):
            # "..., which was published last Thursday": the thing is the noun phrase before the comma
            head = re.search(
                r"\b(?:on|about|of|for|into)\s+((?:the|a|an|its|our)\s+[^,;]{3,90})\s*,?\s*$",
                text[c.sentence.start : c.clause.start],
            )
            if head:
                obj = head.group(1).strip()
                c.terms = terms_of(obj)
                verb = re.sub(r"\s+", " ", text[c.trigger.start : c.trigger.end])
                return f"{obj[0].upper()}{obj[1:]} {verb}"
        passive = re.search(r"\b(?:was|were|has been|have been|had been|been)\s+$", pre)
        if passive is None and re.match(r"(?:was|were|had been|been)\s", text[c.trigger.start : c.trigger.end]):
            passive = re.search(r"$", pre)  # the trigger itself carries the auxiliary ("was assessed")
        if passive and c.type != "Appointment" and not is_legal_step(c.type):
            subject = pre[: passive.start()].split(",")[-1].strip()
            subject = re.sub(r"^(?:the|a|an|and|but)\s+", "", subject, flags=re.IGNORECASE)
            if 0 < len(subject.split()) <= 8:
                verb = re.sub(r"\s+", " ", text[c.trigger.start : c.trigger.end])
                c.terms = (*terms_of(subject), verb_term(verb))
                return f"{subject[0].upper()}{subject[1:]} {verb}"
        obj = re.match(r"\s*((?:[\w'’-]+\s*){1,7})", text[c.trigger.end : c.clause.end])
        words = obj.group(1).split() if obj else []
        cut: list[str] = []
        for i, w in enumerate(words):
            if i == 0 and w.lower() == "to" and (is_a(c.type, "Legislation") or is_a(c.type, "Announcement")):
                cut.append(w)  # "legislate to create youth diversion orders"
                continue
            if w.lower().strip(",.") in {
                "which",
                "that",
                "who",
                "and",
                "to",
                "on",
                "in",
                "last",
                "today",
                "yesterday",
                "with",
                "by",
                "because",
                "after",
                "before",
                "for",
            }:
                break
            cut.append(w.strip(",."))
        verb_text = re.sub(r"\s+", " ", text[c.trigger.start : c.trigger.end])
        verb_text = re.sub(r"^(?:will|shall)\s+", "", verb_text, flags=re.IGNORECASE)
        label = f"{verb_text} {' '.join(cut)}".strip()
        rest = re.findall(r"[\w'’-]+", text[c.trigger.end : c.clause.end])[:16]
        c.terms = terms_of(" ".join(cut if c.request is None else rest))
        c.terms = (*c.terms, verb_term(verb_text))
        return label[0].upper() + label[1:] if label else c.type

    def _assign_times(self, sent: Sentence, cands: list[Candidate]) -> None:
        """Give each time expression to the nearest event in its clause, closest pairs first."""
        text = self.text
        times = [t for t in self.ctx.times if sent.start <= t.span.start < sent.end]
        pairs: list[tuple[int, int, int]] = []
        for ti, t in enumerate(times):
            anchor_span = t.event_anchor.span if t.event_anchor else None
            for ci, c in enumerate(cands):
                if anchor_span and anchor_span.start <= c.trigger.start < anchor_span.end:
                    continue
                # "in response to the fire", "following the killing": a prompt, not the dated event
                if t.span.start < c.trigger.start and re.search(
                    r"\b(?:in response to|following|after|prompted by)\s+(?:the|that|this)\s+(?:\S+\s+){0,3}$",
                    text[max(sent.start, c.trigger.start - 60) : c.trigger.start],
                ):
                    continue
                same_clause = c.clause.start <= t.span.start < c.clause.end
                d = distance(c.trigger, t.span) + (0 if same_clause else 500) - (5 if c.kind == "verb" else 0)
                lo, hi = sorted(
                    (
                        c.trigger.end if t.span.start >= c.trigger.end else t.span.end,
                        t.span.start if t.span.start >= c.trigger.end else c.trigger.start,
                    )
                )
                if re.search(r"\s(?:and|but|or)\s", text[lo:hi]) and any(
                    o is not c
                    and c.clause.start <= o.trigger.start < t.span.start
                    and (o.trigger.start < c.trigger.start or t.span.start < c.trigger.start)
                    for o in cands
                ):
                    # "consulted on X in 2021 and published Y in 2023", "start work immediately and
                    # ... conduct a review": a date after one verb is not the next verb's
                    continue
                # the object of another event's verb ("committed to an independent review ... in 2019")
                # leaves the date to that verb
                governed = c.kind == "noun" and any(
                    o.kind == "verb" and o.clause == c.clause and 0 <= c.trigger.start - o.trigger.end <= 40
                    for o in cands
                )
                # "the inquests into the five deaths began last month": the date is the inquests'
                governed = governed or (
                    c.kind == "noun"
                    and any(
                        o.kind == "noun"
                        and o.trigger.end <= c.trigger.start
                        and re.fullmatch(r"\s+(?:into|of)\s+(?:\S+\s+){0,3}", text[o.trigger.end : c.trigger.start])
                        for o in cands
                    )
                )
                # a full date beats an anchor to another event for the same event
                # "the investigation ... that its predecessor began in 2012": the date of a relative clause
                # that says when the event itself began
                began = t.span.start >= c.trigger.end and bool(_BEGAN_CLAUSE.match(text, c.trigger.end, t.span.start))
                score = d + (30 if t.event_anchor else 0) + (40 if governed else 0) - (60 if began else 0)
                pairs.append((score, ti, ci))
        taken_t: set[int] = set()
        for _d, ti, ci in sorted(pairs):
            if ti in taken_t or cands[ci].time is not None:
                continue
            cands[ci].time = times[ti]
            taken_t.add(ti)
        # "In 2017 the Secretary of State asked ..., and Donna Ockenden was appointed to lead it": a date
        # that opens the sentence sets the scene for every event in it that has no date of its own
        opening = next(
            (t for t in times if t.event_anchor is None and _LEAD.fullmatch(text, sent.start, t.span.start)), None
        )
        if opening is not None and not opening.bounds.is_open:
            for c in cands:
                # verbs only: nouns are often what another event is about ("his assessment of the attacks")
                if c.time is None and c.kind == "verb" and c.trigger.start > opening.span.end and not c.planned:
                    c.time = opening
        # triggers inside an anchor phrase ("before the Southport attack") are references, not new events
        # Only the anchor's own event is such a reference: a trigger after it belongs to the rest of
        # the clause ("within days of the shootings the IOPC opened an investigation").
        for t in times:
            if t.event_anchor:
                a = t.event_anchor.span
                inside = sorted((c for c in cands if a.start <= c.trigger.start < a.end), key=lambda c: c.trigger.start)
                # "after a joint investigation by Police Scotland": an indefinite noun brings in a new event
                indefinite = bool(re.match(r"(?:an?|another)\s", text[a.start : a.end], re.IGNORECASE))
                if inside and inside[0].type != "Attack" and not indefinite:
                    inside[0].type = ""

    # ------------------------------------------------------------ participants

    def _antecedent(self, c: Candidate) -> Candidate | None:
        if c.type in word_list("consequence_classes"):
            # "the inquests into the five deaths", "X died of their injuries": the deaths of the attack or
            # accident the statement is about, unless dated on their own
            causes = [
                ev for ev in self.events if ev.alias_of is None and (ev.type == "Attack" or is_a(ev.type, "Accident"))
            ]
            own = c.time.bounds if c.time is not None and c.time.event_anchor is None else None
            if causes and own is not None and not own.is_open:
                cause = causes[-1].time.bounds if causes[-1].time and causes[-1].time.event_anchor is None else None
                # "Andrew Devine died in July 2021": a death of its own, years after the disaster
                if cause is None or cause.is_open or not own.begins_with(cause):
                    causes = []
            if causes:
                return causes[-1]
        fam = family(c.type)
        same = [ev for ev in self.events if family(ev.type) == fam and ev.alias_of is None]
        if not same:
            return None
        if c.type == "Death":
            # one person's death told several ways: the same victim, or no victim named and one death so far
            victims = {p.ref for p in c.participants if p.role is Role.VICTIM}
            for ev in same:
                if victims & {p.ref for p in ev.participants if p.role is Role.VICTIM}:
                    return ev
            return same[-1] if not victims and len(same) == 1 and c.count == 1 and same[0].count == 1 else None
        for ev in same:
            if c.kind == "noun" and ev.kind == "noun" and fold(ev.label) == fold(c.label) and len(c.label.split()) > 1:
                return ev
        if c.type == "Attack" or is_a(c.type, "Accident"):
            comp = complement(self.text, c.trigger.end, c.clause.end)
            if comp.startswith("of ") and c.kind == "noun":
                words = set(terms_of(comp))
                for ev in reversed(same):
                    if words and words <= set(ev.terms) | set(terms_of(ev.label)):
                        return ev
                return None
            if c.place:
                for ev in same:
                    if ev.place and _same_place(ev.place, c.place):
                        return ev
                if any(ev.place for ev in same):
                    return None
            return same[-1]
        if c.type == "Referral":
            return same[-1] if c.determiner in {"the", "those", "these", "that", "this", "count"} else None
        comp = complement(self.text, c.trigger.end, c.clause.end) if c.kind == "noun" else ""
        if comp and c.determiner != "name":
            # "the trial of two retired officers" is not "a retrial" of someone else: what the noun is of
            # must be said of the antecedent too
            words = set(terms_of(comp))
            same = [ev for ev in same if words <= set(ev.terms) | set(terms_of(ev.label))]
            if not same:
                return None
        if (
            c.kind == "noun"
            and c.determiner in {"the", "that", "this", "its"}
            and (
                c.type == "Inquiry"
                or not c.modifiers
                or set(fold(" ".join(c.modifiers)).split())
                <= set(fold(" ".join(same[-1].modifiers + same[-1].terms)).split())
                or all(
                    w[:1].isupper() and w in self.text[same[-1].sentence.start : same[-1].sentence.end]
                    for w in c.modifiers
                )
            )
        ):
            return same[-1]
        if c.determiner == "name":
            for ev in same:
                if fold(ev.label) == fold(c.label):
                    return ev
        return None

    def _register(self, c: Candidate) -> None:
        if not c.type:
            return
        text = self.text
        if c.type == "Referral" and c.count == 1 and c.kind == "noun" and c.determiner in {"", "a", "an"}:
            return  # "a Prevent referral", "repeat referrals": the practice, not an event
        if c.kind == "noun" and c.determiner in {"", "a", "an"} and not is_a(c.type, "Attack") and not any(
            is_a(c.type, k) for k in ("Accident", "Death", "Legislation", "Statement")
        ):
            # "But inspection must be fair", "It is a complex investigation": the practice, or an event
            # described, not one that happened; a governing verb or a date makes it one
            clause_pre = text[max(c.clause.start, c.trigger.start - _PRE_WINDOW) : c.trigger.start]
            gov = self.lex.governing.search(clause_pre)
            named = c.determiner == "" and any(w[:1].isupper() for w in c.modifiers)
            # "a joint investigation by Police Scotland", "a review of maternity care": said what it is of
            named = named or bool(
                re.match(r"\s+(?:by|into|of|in|at)\s+(?:the\s+)?[A-Z]", text[c.trigger.end : c.trigger.end + 40])
            )
            if not gov and not c.time and not named:
                return
        if (
            c.type == "Attack"
            and c.kind == "noun"
            and c.determiner == ""
            and c.time is None
            and fold(text[c.trigger.start : c.trigger.end]).endswith("s")
            and (not c.place or c.trigger.start - len(c.place) - 1 <= c.sentence.start)
        ):
            return  # "Cyber attacks are a growing threat": attacks in general
        if c.type == "Statement" and re.search(r"\bcommend\s+(?:this|the)\s+$", text[c.clause.start : c.trigger.start]):
            return  # "I commend this statement to the House": this statement itself
        if c.type == "Statement" and c.planned and c.time is None:
            return  # "I will update the House": a courtesy, not a planned event, unless it is dated
        if c.type == "Publication" and c.kind == "verb" and c.time is None and fold(
            text[c.trigger.start : c.trigger.end]
        ).startswith(("respond", "will report", "report", "due to report")) and c.planned:
            return  # "the Government will respond in full": a promise; an event once it is given a date
        if c.type == "Statement" and re.search(r"\bmake\s+(?:an?\s+)?$", text[c.clause.start : c.trigger.start]):
            return  # "I will make a statement": this statement itself
        ante = self._antecedent(c)
        if ante is not None and c.type in {"Referral"} and c.count > 1 and ante.count != c.count:
            ante = None
        self.counter += 1
        c.id = f"e{self.counter}"
        if self.title_class and is_a(c.type, "Accident") and family(c.type) == family(self.title_class):
            c.type = self.title_class  # "Carmont derailment: ...": the train that "struck" and "left the track"
        if ante is not None and (ante.type == "Attack" or is_a(ante.type, "Accident")) and family(c.type) == family(
            ante.type
        ):
            c.type = ante.type
        if ante is not None:
            c.alias_of = ante.id
            if ante.time is None and c.time is not None:
                ante.time = c.time
            ante.participants.extend(c.participants)
            if not ante.place and c.place and not c.extra_places:
                ante.place = c.place
            if ante.planned and not c.planned:
                ante.planned = False
                ante.tense = c.tense
        if c.type == "Statement":
            c.refers_to_statement = True
        self._final_label(c)
        c.quote = self._quote(c)
        self.events.append(c)
        for place in c.extra_places:
            self.counter += 1
            twin = replace(c, id=f"e{self.counter}", place=place, extra_places=(), alias_of=None,
                           participants=[], time=None)
            twin.label = f"{place} attack"
            self.events.append(twin)
        if c.type == "Appointment" and c.post:
            appointee = next((p for p in c.participants if p.role is Role.APPOINTEE), None)
            if appointee:
                label = next(lbl for s, k, lbl, o in self.ctx.posts if k == c.post)
                org = next(o for s, k, lbl, o in self.ctx.posts if k == c.post)
                start = None
                bounds = c.time.bounds if c.time else None
                if bounds and bounds.is_exact_day:
                    start = bounds.earliest_begin
                elif c.tense is Tense.PRESENT:
                    start = self.ctx.statement.date
                self.ctx.new_posts.append(
                    PostMention(
                        key=c.post,
                        label=label,
                        span=c.trigger,
                        holder=appointee.ref,
                        organisation=org,
                        interim=c.interim,
                        start=start,
                    )
                )

    def _final_label(self, c: Candidate) -> None:
        """Readable labels for verb-triggered events, built from their participants."""
        names = {p.key: p.name for p in self.ctx.people}
        posts = {k: lbl for _s, k, lbl, _o in self.ctx.posts}
        # people first; a company or body in the dock too ("Sentencing of Network Rail Infrastructure Limited")
        bodies = {o.key: o.name for o in self.ctx.organisations}
        who = next(
            (names.get(p.ref) for p in c.participants if p.role in {Role.APPOINTEE, Role.SUBJECT} and p.ref in names),
            None,
        ) or next((bodies[p.ref] for p in c.participants if p.role is Role.SUBJECT and p.ref in bodies), None)
        if c.type == "Appointment" and who:
            post = posts.get(c.post or "")
            c.label = f"Appointment of {who}" + (f" as {'interim ' if c.interim else ''}{post}" if post else "")
        elif label_rule(c.type) == "subject" and who and c.kind == "verb":
            c.label = f"{classes()[c.type].label} of {who}"
        elif label_rule(c.type) == "place" and c.place:
            # "the Southport murders", "Sudesh Amman stabbed two people": the Southport / Streatham attack;
            # a fire, an explosion or a derailment keeps its own name
            head = fold(self.text[c.trigger.start : c.trigger.end]).split()[-1]
            if c.type == "Attack":
                noun = head if head in {"fire", "explosion", "blast", "bombing"} and c.kind == "noun" else "attack"
            else:
                generic = c.kind != "noun" or head in {"accident", "tragedy"}
                noun = classes()[c.type].label.lower() if generic else head
                noun = "disaster" if noun == "accident or disaster" else noun
            c.label = f"{c.place} {noun}"
        elif label_rule(c.type) == "place" and c.kind == "verb":
            # no place: say who did it, else to whom ("Attack by X", "Attack on Y"), never a bare class name
            doer = next((names[p.ref] for p in c.participants if p.role is Role.PERPETRATOR and p.ref in names), None)
            victim = next((names[p.ref] for p in c.participants if p.role is Role.VICTIM and p.ref in names), None)
            base = classes()[c.type].label
            c.label = f"{base} by {doer}" if doer else f"{base} on {victim}" if victim else base
        elif c.type == "Referral" and who:
            to = next((p.ref for p in c.participants if p.role is Role.REFERRED_TO), None)
            org = next((o.name for o in self.ctx.organisations if o.key == to), None)
            c.label = f"Referral of {who}" + (f" to {org}" if org else "")
        elif is_a(c.type, "Announcement") and c.post and c.kind == "verb":
            c.label = f"Announcement of the {posts.get(c.post, c.post)}"
        elif c.kind == "verb" and len(c.label.split()) == 1:
            agent = next((names.get(p.ref) for p in c.participants if p.ref in names), None)
            if agent and fold(c.label).startswith("apolog"):
                c.label = f"Apology by {agent}"
            else:
                c.label = f"{c.label} ({agent})" if agent else c.label

    def _quote(self, c: Candidate) -> Span:
        """The clause around the trigger, trimmed: enough to show the event, short enough to read."""
        text = self.text
        s, e = c.sentence.start, c.sentence.end
        if e - s > 220:
            s, e = c.clause.start, c.clause.end
            if e - s > 260:
                s = max(s, c.trigger.start - 120)
                e = min(e, c.trigger.end + 120)
        while s < e and text[s] in " ,;:\"“”'‘’":
            s += 1
        while e > s and text[e - 1] in ' ,;:"“”':
            e -= 1
        if c.time and not (s <= c.time.span.start and c.time.span.end <= e):
            s, e = min(s, c.time.span.start), max(e, c.time.span.end)
        return Span(s, e)

    def _emit(self) -> list[EventMention]:
        st = self.ctx.statement
        out: list[EventMention] = []
        for c in self.events:
            conditional = bool(re.search(r"\bwould\b", self.text[c.clause.start : c.trigger.start]))
            if c.time is not None and c.time.event_anchor is None:
                bounds = c.time.bounds
            elif c.time is not None:
                bounds = TimeBounds()
            else:
                tense = c.tense
                if (
                    tense is Tense.PRESENT
                    and c.kind == "noun"
                    and not self.lex.governing.search(
                        self.text[max(c.clause.start, c.trigger.start - 40) : c.trigger.start]
                    )
                ):
                    tense = Tense.PAST  # "the investigations the inquiry criticised": mentioned, not happening now
                bounds = default_bounds(st.date, tense, c.planned, conditional)
            root = c.alias_of or c.id
            anchor_event = None
            if c.time and c.time.event_anchor:
                a = c.time.event_anchor.span
                inside = next((o for o in self.events if a.start <= o.trigger.start < a.end), None)
                if inside is not None:
                    anchor_event = inside.alias_of or inside.id
            out.append(
                EventMention(
                    id=c.id,
                    type=c.type,
                    label=c.label,
                    span=c.quote or c.trigger,
                    time=c.time,
                    planned=c.planned,
                    participants=tuple(p for p in c.participants if p.ref and not p.ref.startswith("poss:")),
                    reviews=tuple(dict.fromkeys(self.reviews.get(c.id, []))) if not c.alias_of else (),
                    responds_to=tuple(dict.fromkeys(self.responds.get(c.id, []))) if not c.alias_of else (),
                    count=c.count,
                    key=root,
                    place=c.place,
                    refers_to_statement=c.refers_to_statement,
                    bounds=bounds,
                    terms=c.terms,
                    publishes=tuple(dict.fromkeys(self.publishes.get(c.id, []))) if not c.alias_of else (),
                    post=c.post,
                    anchor_event=anchor_event,
                )
            )
        return out


def find_events(ctx: Context, sentences: Sequence[Sentence]) -> list[EventMention]:
    """Event mentions of one statement; mentions of the same event share ``key`` (the first's id)."""
    return _Extractor(ctx).run(sentences)
