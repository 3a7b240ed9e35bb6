"""Which reviews examine or respond to which events, and what a publication publishes.

A mixin of the event extractor, run once all of a statement's events are known.
"""

from __future__ import annotations

import re

from ..event_classes import examinable, family, is_a, is_review, prompts_reviews
from ..model import Span
from .text import fold
from .triggers import CASE_MARKERS, Candidate, Context, EventLexicon, distance

_MAX_TOPIC_INCIDENTS = 6
#: a criminal or police investigation in a statement about deaths or a disaster is about them
_CRIMINAL = re.compile(r"\b(?:criminal|police|manslaughter|murder)\b", re.IGNORECASE)
#: title words that say a statement is about a review or its report
_REVIEW_TITLE_WORDS = frozenset({"review", "inquiry", "report", "findings", "inquest", "investigation", "panel"})
_TITLE_STOP = frozenset({"the", "of", "into", "on", "and", "for", "a", "an", "in", "to", "report", "final",
                         "statement", "response", "update", "government", "review", "inquiry", "independent"})
EXAMINES = re.compile(
    r"\b(?:examine|examines|examined|examining|look at|looked at|into|concluded|consider|considered)\b"
)


class ReviewLinks:
    """Review, prompt and publication links between the candidates of one statement."""

    text: str
    ctx: Context
    lex: EventLexicon
    events: list[Candidate]
    reviews: dict[str, list[str]]
    responds: dict[str, list[str]]
    publishes: dict[str, list[str]]

    def _before_attack(self, referral: Candidate, attacks: list[Candidate]) -> bool:
        """A case review examines the referrals made before the attack, not those that followed it."""
        mentions = [c for c in self.events if c is referral or c.alias_of == referral.id]
        for m in mentions:
            t = m.time
            if t is None:
                continue
            if t.event_anchor is not None:
                if re.search(r"\bbefore\b", self.text[t.span.start : t.event_anchor.span.start]):
                    return True
                continue
            attack_dates = [
                a.time.bounds.earliest_begin
                for a in attacks
                if a.time and a.time.event_anchor is None and a.time.bounds.earliest_begin
            ]
            if t.bounds.latest_begin and attack_dates and t.bounds.latest_begin < min(attack_dates):
                return True
        return False

    def _topic_review(self, roots: list[Candidate]) -> Candidate | None:
        """The review a statement is about: the one its title names, else the first one its opening names."""
        reviews = [r for r in roots if is_review(r.type)]
        title_words = set(re.findall(r"[a-z]+", fold(self.ctx.statement.title)))
        title = title_words - _TITLE_STOP
        for r in reviews:
            words = set(re.findall(r"[a-z]+", fold(r.label))) - _TITLE_STOP
            if len(words & title) >= 2 or (r.determiner == "name" and words and words <= title):
                return r
        # a title about a report or review ("Ockenden Review: final report") and a review named at once
        if not title_words & _REVIEW_TITLE_WORDS:
            return None
        body = self.ctx.statement.body_start
        first = [r for r in reviews if r.sentence.start <= body + 400]
        return first[0] if first else None

    def _link_reviews(self) -> None:
        text = self.text
        roots = [c for c in self.events if c.alias_of is None]
        # the incidents a case review or inquiry is about: attacks, accidents and disasters, deaths
        attacks = [c for c in roots if prompts_reviews(c.type)]
        referrals = [c for c in roots if c.type == "Referral"]
        by_id = {c.id: c for c in self.events}
        self.reviews: dict[str, list[str]] = {}
        self.responds: dict[str, list[str]] = {}
        self.publishes: dict[str, list[str]] = {}

        def named_in(span: Span) -> Candidate | None:
            for other in self.events:
                if span.start <= other.trigger.start < span.end:
                    return by_id[other.alias_of] if other.alias_of else other
            # "on the day of the accident": a reference, so no event of its own; the incident its noun names
            for word in re.findall(r"[a-z]+", fold(text[span.start : span.end])):
                cls = self.lex.noun_class.get(word)
                if cls is None or not prompts_reviews(cls):
                    continue
                accident = is_a(cls, "Accident")
                named = [a for a in attacks if family(a.type) == family(cls) or accident == is_a(a.type, "Accident")]
                if named:
                    return named[-1]
            return None

        topic = self._topic_review(roots)

        for c in self.events:
            root = by_id[c.alias_of] if c.alias_of else c
            if not is_review(root.type):
                continue
            sent = text[c.sentence.start : c.sentence.end]
            # "within days of that attack", "commissioned after the attack", "in response to the fire"
            prompts: list[Span] = []
            if c.time and c.time.event_anchor:
                prompts.append(c.time.event_anchor.span)
            for m in re.finditer(
                r"\b(?:in response to|following|after|prompted by)\s+(?:the|that|this)\s+[^,.;]{3,80}",
                text[c.sentence.start : c.sentence.end],
            ):
                prompts.append(Span(c.sentence.start + m.start(), c.sentence.start + m.end()))
            for ps in prompts:
                target = named_in(ps)
                if target is not None and examinable(target.type):
                    self.responds.setdefault(root.id, []).append(target.id)
            case_specific = (
                bool(CASE_MARKERS.search(sent)) or is_a(root.type, "LearningReview") or is_a(root.type, "Inquiry")
            )
            named_place = next((a for a in attacks if a.place and a.place.split()[0] in root.label), None)
            if named_place:
                self.responds.setdefault(root.id, []).append(named_place.id)
            elif case_specific and attacks and (is_a(root.type, "Inquiry") or len(attacks) == 1):
                main = attacks[0]
                self.responds.setdefault(root.id, []).append(main.id)
            elif (root is topic or _CRIMINAL.search(root.label)) and attacks and len(attacks) <= _MAX_TOPIC_INCIDENTS:
                # the review the statement is about answers the deaths or failures it recounts
                for a in attacks:
                    self.responds.setdefault(root.id, []).append(a.id)
            # what it examines: attacks or referrals named in the same sentence, or by a case review
            for other in self.events:
                oroot = by_id[other.alias_of] if other.alias_of else other
                if (
                    other.sentence is c.sentence
                    and examinable(oroot.type)
                    and oroot is not root
                    and EXAMINES.search(sent)
                ):
                    self.reviews.setdefault(root.id, []).append(oroot.id)
            if case_specific and not is_a(root.type, "Inquiry") and referrals:
                for r in referrals:
                    if self._before_attack(r, attacks):
                        self.reviews.setdefault(root.id, []).append(r.id)
        for c in self.events:
            root = by_id[c.alias_of] if c.alias_of else c
            if root.type != "Publication":
                continue
            targets = [
                o
                for o in self.events
                if o.sentence is c.sentence
                and o is not c
                and is_review((by_id[o.alias_of] if o.alias_of else o).type)
            ]
            if targets:
                nearest = min(targets, key=lambda o: distance(o.trigger, c.trigger))
                tr = by_id[nearest.alias_of] if nearest.alias_of else nearest
                self.publishes.setdefault(root.id, []).append(tr.id)

    # ------------------------------------------------------------ output
