"""Who took part in an event: perpetrators, victims, commissioners, conductors, appointees, subjects.

A mixin of the event extractor: each rule reads the clause around a trigger and the people,
organisations and posts the statement names there.
"""

from __future__ import annotations

import re

from ..event_classes import family, is_a, is_legal_step, is_review
from ..model import OrganisationMention, Participant, PersonMention, Role, Span
from .text import fold, slugify
from .triggers import (
    JUDGES,
    NUMBERS,
    PLACE_AFTER,
    PLACE_LIST,
    Candidate,
    Context,
    EventLexicon,
    distance,
    terms_of,
    word_list,
)

#: legal steps whose subject a statement may name in an earlier sentence
_NAMED_BEFORE = frozenset({"Arrest", "Charge", "Conviction", "Sentencing", "Plea", "Trial", "Acquittal", "Release"})
_THE_BODY = re.compile(r"\s+the\s+(?:company|firm|trust|council|organisation|operator|owner)\b")
_AUX_ONLY = re.compile(r"\s*(?:has\s+|had\s+|was\s+|were\s+|been\s+|itself\s+)*")


class ParticipantRules:
    """Participant and place rules, mixed into the extractor (which sets the attributes below)."""

    ctx: Context
    text: str
    lex: EventLexicon
    events: list[Candidate]
    title_place: str | None

    def _became_post(self, c: Candidate) -> tuple[str, str, str | None] | None:
        """ "X became the Independent Reviewer ..." / "became the CQC's interim chief executive"."""
        text = self.text
        at = c.trigger.end
        for pspan, key, label, org in self.ctx.posts:
            if at <= pspan.start <= at + 12:
                return key, label, org
        m = re.match(
            r"\s+(?:the\s+|its\s+)?(?:[A-Z][\w'’]*['’]s\s+)?((?:interim\s+|acting\s+)?[a-z][a-z -]{2,40}?)"
            r"(?=\s+(?:in|on|at|from|of|after|before|when)\b|[,.;])",
            text[at : at + 80],
        )
        if not m:
            return None
        words = m.group(1).split()
        heads = {
            "executive",
            "officer",
            "director",
            "chair",
            "chairman",
            "chairwoman",
            "commissioner",
            "reviewer",
            "secretary",
            "minister",
            "inspector",
            "coroner",
            "constable",
            "governor",
            "head",
            "leader",
            "president",
            "adviser",
            "advisor",
            "registrar",
            "ombudsman",
        }
        if not words or words[-1] not in heads:
            return None
        owner = re.match(r"\s+(?:the\s+)?([A-Z][\w'’]*)['’]s\s+", text[at : at + 40])
        from .people import post_for

        label = " ".join(w for w in words if w not in {"interim", "acting"})
        if owner:
            label = f"{label} of the {owner.group(1)}"
        key, plabel, org = post_for(label[0].upper() + label[1:])
        return key, plabel, org

    def _person_at(self, start: int, end: int) -> PersonMention | None:
        for p in self.ctx.people:
            if start <= p.span.start < end:
                return p
        return None

    def _people_in(self, start: int, end: int, *, judges: bool = True) -> list[PersonMention]:
        return [
            p
            for p in self.ctx.people
            if start <= p.span.start < end and not p.is_speaker and (judges or not set(p.prefixes) & JUDGES)
        ]

    def _orgs_in(self, start: int, end: int) -> list[OrganisationMention]:
        return [o for o in self.ctx.organisations if start <= o.span.start < end]

    def _role_refs(self, start: int, end: int) -> list[Participant]:
        """People named only by their post ("the Home Secretary", "my predecessor") in ``text[start:end]``.

        The refs are resolved to a person across the corpus (``resolve``), or dropped when no
        statement says who held the post then.
        """
        out: list[Participant] = []
        text = self.text
        for m in re.finditer(r"\b(?:my|her|his)\s+predecessor\b", text[start:end]):
            if self.ctx.speaker is not None:
                span = Span(start + m.start(), start + m.end())
                out.append(Participant(Role.AGENT, f"predecessor:{self.ctx.speaker.key}", span))
        held = {p.span for p in self.ctx.new_posts}
        for pspan, key, _label, _org in self.ctx.posts:
            if start <= pspan.start < end and pspan not in held:
                after = text[pspan.end : pspan.end + 40]
                if re.match(r",?\s*(?:[A-Z][\w'’-]+\s+){0,2}\(?[A-Z][\w'’-]+", after):
                    continue  # "the Home Secretary, Priti Patel": the named person is linked already
                if re.search(r"\bthe\s+(?:then\s+)?$", text[max(0, pspan.start - 10) : pspan.start]):
                    out.append(Participant(Role.AGENT, f"post:{key}", pspan))
        return out

    def _speaker_ref(self) -> str | None:
        return self.ctx.speaker.key if self.ctx.speaker else None

    def _department_ref(self) -> str | None:
        dept = self.ctx.statement.department
        if not dept:
            return None
        from .organisations import lookup

        return lookup(dept) or slugify(dept)

    def _place_and_people(self, c: Candidate) -> None:
        if not c.type:
            return
        text = self.text
        s, e = c.sentence.start, c.sentence.end
        pre = text[c.clause.start : c.trigger.start]
        post = text[c.trigger.end : c.clause.end]
        first_person = bool(re.search(r"\b(?:I|we|We)\b(?:\s+\w+){0,4}\s*$", pre))
        incident = c.type == "Attack" or is_a(c.type, "Accident")
        if incident:
            near = text[max(c.clause.start, c.trigger.start - 100) : min(c.clause.end, c.trigger.end + 100)]
            caps = [w for w in re.findall(r"\b[A-Z][\w'’-]+", near) if w not in word_list("not_places")]
            c.terms = tuple(sorted(set(c.terms) | set(terms_of(" ".join(caps)))))
            mods = [w for w in c.modifiers if w[:1].isupper()]
            if mods:
                c.place = " ".join(mods)
            else:
                # the place is said in the same phrase, not across a comma ("the shootings, ... in England")
                lo, hi = max(c.clause.start, c.trigger.start - 80), min(c.clause.end, c.trigger.end + 80)
                lead = text[lo : c.trigger.start]
                lo = lo + max(lead.rfind(","), lead.rfind(";"), -1) + 1
                # a comma before a list of names does not end the phrase ("killing of A, B and C in X")
                phrase = re.match(r"(?:[^,;]|,\s*(?=[A-Z]))*", text[c.trigger.end : hi])
                hi = c.trigger.end + (phrase.end() if phrase else 0)
                m = PLACE_AFTER.search(text, lo, hi)
                if m and m.group(1).split()[-1] not in word_list("not_places"):
                    c.place = re.sub(r"^the\s+", "", m.group(1))
                elif c.kind == "verb":
                    # "At the end of a concert at Manchester Arena, Salman Abedi detonated a bomb": the scene set
                    # in the opening phrase of the same sentence
                    scene = [
                        p for p in PLACE_AFTER.finditer(text, c.sentence.start, c.trigger.start)
                        if p.group(1).split()[-1] not in word_list("not_places")
                        and not any(o.span.start <= p.start(1) < o.span.end for o in self.ctx.organisations)
                    ]
                    if scene:
                        c.place = re.sub(r"^the\s+", "", scene[-1].group(1))
            listed = PLACE_LIST.match(text, c.trigger.end, c.clause.end)
            if c.kind == "noun" and fold(text[c.trigger.start : c.trigger.end]).endswith("attacks") and listed:
                # "the attacks that followed it at Manchester Arena, London Bridge and Finsbury Park"
                places = [p.strip() for p in re.split(r",\s*|\s+and\s+", listed.group(1)) if p.strip()]
                c.place, c.extra_places = places[0], tuple(places[1:])
            if not c.place and self.title_place and not any(family(ev.type) == family(c.type) for ev in self.events):
                c.place = self.title_place  # "Westminster attack: inquests" names the statement's attack
            if c.type == "Attack" and c.kind == "verb" and not re.search(r"\b(?:was|were|been|being)\s+$", pre):
                who = [p for p in self._people_in(c.clause.start, c.trigger.start)]
                if who:
                    c.participants.append(Participant(Role.PERPETRATOR, who[-1].key, who[-1].span))
            if re.search(r"\b(?:were|was)\s+(?:murdered|killed)\b|\bdied\b", text[s:e]):
                for p in self._people_in(s, e):
                    c.participants.append(Participant(Role.VICTIM, p.key, p.span))
        elif c.type == "Death":
            # whose death: "the death of X", "X's death", "X died", "X took her own life"
            comp = re.match(r"\s+of\s+", post)
            victims = self._people_in(c.trigger.end, c.trigger.end + 60) if comp else []
            if not victims and c.kind == "verb":
                # "The driver, A, the conductor, B, and a passenger, C, were killed": all of them
                plural = re.search(r"\b(?:were|have|had)\b", text[c.clause.start : c.trigger.end])
                named = self._people_in(c.clause.start, c.trigger.start)
                victims = named if plural else named[-1:]
            if not victims:
                owner = self._person_at(max(c.clause.start, c.trigger.start - 40), c.trigger.start)
                if owner is not None and re.match(r"['’]s\s", text[owner.span.end : owner.span.end + 3]):
                    victims = [owner]
            for v in victims[:3]:
                c.participants.append(Participant(Role.VICTIM, v.key, v.span))
        elif is_review(c.type):
            for part in c.participants[:]:
                if part.ref.startswith("poss:"):
                    c.participants.remove(part)
                    owner = self._person_at(c.trigger.start - 60, c.trigger.start)
                    if owner:
                        c.participants.append(Participant(Role.CONDUCTED_BY, owner.key, owner.span))
                    else:
                        # "West Mercia Police's criminal investigation": the body that conducts it
                        bodies = [o for o in self._orgs_in(c.trigger.start - 80, c.trigger.start)
                                  if re.match(r"['’]s\s", text[o.span.end : o.span.end + 3])]
                        for o in bodies[-1:]:
                            c.participants.append(Participant(Role.CONDUCTED_BY, o.key, o.span))
            # "The Ockenden review": a surname in the review's name is the person who leads it
            surnames = {p.name.split()[-1]: p for p in self.ctx.people if len(p.name.split()) > 1}
            for w in c.modifiers:
                leader = surnames.get(w)
                if leader is not None:
                    c.participants.append(Participant(Role.CONDUCTED_BY, leader.key, None))
            opened = re.search(r"\b(?:opened|launched|began|started|is\s+conducting|conducted|carried\s+out)\s+"
                               r"(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+){0,3}$", pre)
            if opened:
                # "West Mercia Police opened a criminal investigation": who opens an investigation conducts it
                subj_end = c.clause.start + opened.start()
                for o in self._orgs_in(c.clause.start, subj_end)[-1:]:
                    if re.fullmatch(r"\s*(?:has\s+|had\s+|have\s+)?", text[o.span.end : subj_end]):
                        c.participants.append(Participant(Role.CONDUCTED_BY, o.key, o.span))
            m = re.search(r"\b(?:commission\w*|ordered|asked|tasked|established?|set up|announced)\b", pre)
            if m:
                subj = text[c.clause.start : c.clause.start + m.start()]
                if re.search(r"\b(?:I|We)\b", subj) and self._speaker_ref():
                    c.participants.append(Participant(Role.COMMISSIONED_BY, self._speaker_ref() or ""))
                for o in self._orgs_in(c.clause.start, c.clause.start + m.start()):
                    c.participants.append(Participant(Role.COMMISSIONED_BY, o.key, o.span))
                for r in self._role_refs(c.clause.start, c.clause.start + m.start()):
                    c.participants.append(Participant(Role.COMMISSIONED_BY, r.ref, r.span))
                obj = text[c.clause.start + m.end() : c.trigger.start]
                if re.search(r"\bmy department\b", obj) and self._department_ref():
                    c.participants.append(Participant(Role.CONDUCTED_BY, self._department_ref() or ""))
                # an organisation named in the review's own label ("a Prevent learning review") is its
                # subject matter, not who conducts it
                label_start = c.trigger.start - len(" ".join(c.modifiers)) - 1
                for o in self._orgs_in(c.clause.start + m.end(), min(c.trigger.start, label_start)):
                    c.participants.append(Participant(Role.CONDUCTED_BY, o.key, o.span))
                if c.request is not None:
                    for p in self._people_in(c.request.start, c.request.end)[:1]:
                        c.participants.append(Participant(Role.CONDUCTED_BY, p.key, p.span))
            cont = re.search(
                r"\b(?:is|are)\s+(?:continuing|conducting|leading|carrying out)\s+(?:the|a|an|its|his|her)\s+"
                r"(?:\S+\s+){0,3}$",
                pre,
            )
            if cont:
                for p in self._people_in(c.sentence.start, c.trigger.start)[:1]:
                    c.participants.append(Participant(Role.CONDUCTED_BY, p.key, p.span))
            by = re.match(
                r"\s+(?:was|were|has been|had been)\s+(?:established|commissioned|set up|ordered|announced)\s+by\s+",
                text[c.trigger.end : c.clause.end],
            )
            if by:
                at = c.trigger.end + by.end()
                for p in self._people_in(at, at + 60)[:1]:
                    c.participants.append(Participant(Role.COMMISSIONED_BY, p.key, p.span))
                for r in self._role_refs(at, at + 60)[:1]:
                    c.participants.append(Participant(Role.COMMISSIONED_BY, r.ref, r.span))
            if re.search(r"\b(?:his|her)\s+(?:first\s+)?task\b", pre):
                last = [ev for ev in self.events if ev.type == "Appointment"]
                for appointment in last[-1:]:
                    for part in appointment.participants:
                        if part.role is Role.APPOINTEE:
                            c.participants.append(Participant(Role.CONDUCTED_BY, part.ref, part.span))
            ch = re.search(r"\bchaired by\s+", text[s:e])
            if ch:
                who2 = self._person_at(s + ch.end(), e)
                if who2:
                    c.participants.append(Participant(Role.CHAIRED_BY, who2.key, who2.span))
        elif c.type == "Appointment":
            cand_people = self._people_in(c.trigger.end, c.clause.end)
            passive = re.search(r"\b(?:was|were|been|be)\s+$", pre)
            if passive:
                earlier = self._people_in(c.sentence.start, c.trigger.start)
                cand_people = earlier[-1:] or cand_people
            if cand_people:
                appointee = cand_people[0]
                c.participants.append(Participant(Role.APPOINTEE, appointee.key, appointee.span))
                c.terms = (appointee.key,)
            if first_person and self._speaker_ref():
                c.participants.append(Participant(Role.APPOINTED_BY, self._speaker_ref() or ""))
            if fold(text[c.trigger.start : c.trigger.end]) == "became":
                who_before = self._people_in(c.sentence.start, c.trigger.start)
                if who_before:
                    c.participants = [Participant(Role.APPOINTEE, who_before[-1].key, who_before[-1].span)]
                    c.terms = (who_before[-1].key,)
                got = self._became_post(c)
                if got:
                    c.post = got[0]
                    c.interim = bool(
                        re.match(
                            r"\s+\S+\s+(?:interim|acting)\b|\s+(?:interim|acting)\b",
                            text[c.trigger.end : c.trigger.end + 40],
                        )
                    )
                    if all(k != got[0] for _s, k, _l, _o in self.ctx.posts):
                        self.ctx.posts.append((c.trigger, got[0], got[1], got[2]))
            to_lead = re.match(r"\s*to\s+(chair|lead|head)\b", post)
            if to_lead:
                target = next(
                    (
                        ev
                        for ev in reversed(self.events)
                        if is_review(ev.type) and ev.alias_of is None and ev.determiner == "name"
                    ),
                    None,
                ) or next((ev for ev in reversed(self.events) if is_review(ev.type) and ev.alias_of is None), None)
                if target is not None:
                    from .people import post_for

                    name = (
                        target.label
                        if target.determiner == "name"
                        else "the " + target.label[0].lower() + target.label[1:]
                    )
                    key, plabel, org = post_for(f"Chair of {'the ' if target.determiner == 'name' else ''}{name}")
                    c.post = key
                    # "Donna Ockenden ... was appointed to lead it": she conducts the review
                    for part in c.participants:
                        if part.role is Role.APPOINTEE:
                            target.participants.append(Participant(Role.CONDUCTED_BY, part.ref, part.span))
                    if all(k != key for _s, k, _l, _o in self.ctx.posts):
                        self.ctx.posts.append((c.trigger, key, plabel, org))
            m = re.search(r"\bas\s+(?:the\s+|an?\s+)?((?:interim|acting|permanent|new)\s+)?", post)
            if m:
                at = c.trigger.end + m.end()
                for pspan, key, _label, _org in self.ctx.posts:
                    if at <= pspan.start <= at + 5:
                        c.post = key
                        c.interim = bool(m.group(1) and m.group(1).strip().lower() in {"interim", "acting"})
                        break
        elif is_legal_step(c.type):
            judges = JUDGES
            who = [p for p in self._people_in(c.sentence.start, c.clause.end) if not set(p.prefixes) & judges]
            passive = re.search(r"\b(?:was|were|been)\s+$", pre)
            if passive:
                named = [p for p in self._people_in(c.clause.start, c.trigger.start) if not set(p.prefixes) & judges]
                cm = re.search(
                    r"(?:^|\s)(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                    r"(?:\w+\s+){0,2}$",
                    text[c.clause.start : c.trigger.start - len(passive.group(0))] + " ",
                    re.IGNORECASE,
                )
                if cm and not named and c.type in {"Arrest", "Charge", "Conviction", "Release", "Plea"}:
                    num = cm.group(1).lower()
                    c.count = int(num) if num.isdigit() else NUMBERS.get(num, 1)
                if not named and re.search(
                    r"\b(?:men|women|people|others|suspects|individuals|officers)\s+(?:were|was)\s+$", pre
                ):
                    who = []
            if not who and not passive and c.type in _NAMED_BEFORE:
                # "He was arrested six days later": the defendant named in the sentences before, never a
                # minister or official, nor a victim
                victim_keys = {p.ref for ev in self.events for p in ev.participants if p.role is Role.VICTIM}
                who = [
                    p
                    for p in self._people_in(max(0, c.sentence.start - 600), c.sentence.start)
                    if not set(p.prefixes) & judges and p.key not in self.ctx.officials and p.key not in victim_keys
                ][-1:]
            # "Network Rail Infrastructure Limited pleaded guilty": a company or body in the dock
            body = next(
                (
                    o
                    for o in reversed(self._orgs_in(c.clause.start, c.trigger.start))
                    if _AUX_ONLY.fullmatch(text[o.span.end : c.trigger.start])
                ),
                None,
            )
            # "... and the court fined the company": the body the sentence named before
            if body is None and _THE_BODY.match(post):
                body = next(iter(reversed(self._orgs_in(max(0, c.sentence.start - 300), c.trigger.start))), None)
            if body is not None:
                c.participants.append(Participant(Role.SUBJECT, body.key, body.span))
            elif who:
                closest = min(who, key=lambda p: distance(p.span, c.trigger))
                c.participants.append(Participant(Role.SUBJECT, closest.key, closest.span))
        elif c.type == "Referral":
            referred = self._people_in(c.clause.start, c.trigger.start, judges=False)
            active = c.kind == "verb" and not re.search(r"\b(?:was|were|been|being|had been)\s+$", pre) and not (
                re.match(r"(?:was|were|had been|been)\s", text[c.trigger.start : c.trigger.end])
            )
            if active:
                # "X referred Y to Z": Y is who was referred, when Y is a person
                referred = self._people_in(c.trigger.end, c.trigger.end + 40, judges=False)[:1]
            elif not referred and c.kind == "verb":
                referred = self._people_in(max(0, c.sentence.start - 400), c.trigger.start, judges=False)[-1:]
            if referred and c.kind == "verb":
                c.participants.append(Participant(Role.SUBJECT, referred[-1].key, referred[-1].span))
            m = re.search(r"\bto\s+", post)
            if m:
                for o in self._orgs_in(c.trigger.end + m.end(), c.trigger.end + m.end() + 40):
                    c.participants.append(Participant(Role.REFERRED_TO, o.key, o.span))
                    break
        elif is_a(c.type, "Assessment"):
            m = re.search(r"^\s*by\s+", post)
            if m:
                for o in self._orgs_in(c.trigger.end, c.clause.end):
                    c.participants.append(Participant(Role.ASSESSED_BY, o.key, o.span))
                    break
            for p in self._people_in(c.clause.start, c.trigger.start):
                c.participants.append(Participant(Role.SUBJECT, p.key, p.span))
        elif is_a(c.type, "Announcement"):
            for pspan, key, _label, _org in self.ctx.posts:
                if c.trigger.start <= pspan.start < c.sentence.end:
                    c.post = key
                    c.terms = (key,)
                    break
            if first_person and self._speaker_ref():
                c.participants.append(Participant(Role.AGENT, self._speaker_ref() or ""))
            else:
                who = self._people_in(c.clause.start, c.trigger.start)
                if who:
                    c.participants.append(Participant(Role.AGENT, who[-1].key, who[-1].span))
                else:
                    c.participants.extend(self._role_refs(c.clause.start, c.trigger.start)[-1:])

    # ------------------------------------------------------------ coreference and registration
