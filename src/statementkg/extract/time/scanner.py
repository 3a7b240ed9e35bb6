"""The sentence scanner: runs the core rules, wraps operators and ranges round them, keeps the longest."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ...model import EventAnchor, Tense
from .dates import within_calendar
from .lexicon import time_lexicon
from .operators import apply_op, join_range
from .patterns import Rule, time_rules
from .phrase import Ctx, PhraseTime
from .tense import Marker, local_tense, tense_markers


@dataclass
class Candidate:
    start: int
    end: int
    time: PhraseTime | None
    tense: Tense
    kind: int = 0  # 0 time phrase, 1 discourse, 2 event anchor (ties go to the lower)
    event: EventAnchor | None = None


class Scanner:
    """One sentence (or look-back window): its tense cues, core phrases and operator phrases."""

    def __init__(self, text: str, start: int, end: int, ref: dt.date, tense: Tense | None) -> None:
        self.text, self.start, self.end, self.ref = text, start, end, ref
        self.fixed = tense
        self._markers: list[Marker] | None = None
        self.core: dict[int, list[tuple[int, PhraseTime, Rule, re.Match[str]]]] = {}
        self.cues = _cues(text, start, end)

    def cue_at(self, start: int, end: int) -> Tense | None:
        if self.fixed is not None:
            return self.fixed
        if self._markers is None:  # only sentences with a time phrase need their tense cues
            self._markers = tense_markers(self.text, self.start, self.end)
        return local_tense(self._markers, self.text, start, end)

    def tense_at(self, start: int, end: int) -> Tense:
        return self.cue_at(start, end) or Tense.PRESENT

    def runs(self, rule: Rule) -> bool:
        return rule.needs <= self.cues

    def ctx(self, start: int, end: int) -> Ctx:
        return Ctx(self.ref, lambda: self.cue_at(start, end), self.text)

    def scan_core(self) -> None:
        for rule in time_rules().core:
            if not self.runs(rule):
                continue
            for m in rule.pattern.finditer(self.text, self.start, self.end):
                t = within_calendar(rule.handler, m, self.ctx(m.start(), m.end()))
                if t is not None:
                    self.core.setdefault(m.start(), []).append((m.end(), t, rule, m))
        for spans in self.core.values():
            spans.sort(key=lambda s: -s[0])

    def core_at(self, pos: int) -> tuple[int, PhraseTime, Rule, re.Match[str]] | None:
        spans = self.core.get(pos)
        return spans[0] if spans else None

    def prev_word(self, pos: int) -> tuple[int, str] | None:
        m = re.search(r"([A-Za-z]+)\s+$", self.text[max(self.start, pos - 25) : pos])
        if m is None:
            return None
        return pos - len(m.group(0)), m.group(1).lower()

    def _with_prep(self, start: int) -> int:
        prev = self.prev_word(start)
        if prev and prev[1] in time_lexicon().preps:
            return prev[0]
        return start

    def candidates(self) -> list[Candidate]:
        lex, ops = time_lexicon(), time_rules().ops
        out: list[Candidate] = []
        for pos, spans in self.core.items():
            for end, t, _rule, _m in spans:
                prev = self.prev_word(pos)
                if t.lead == 2 or (t.lead == 1 and not (prev and prev[1] in lex.lead_words)):
                    continue
                out.append(Candidate(self._with_prep(pos), end, t, self.tense_at(pos, end)))
                break
        for pos, spans in self.core.items():
            op = ops.search(self.text, max(self.start, pos - 40), pos)
            if op is None:
                continue
            name = next(k[3:] for k, v in op.groupdict().items() if v and k.startswith("op_"))
            if name == "between":
                cand = within_calendar(self._pair, op.start(), pos, between=True)
                if cand:
                    out.append(cand)
                continue
            end, t, _rule, _m = spans[0]
            res = within_calendar(apply_op, name, op, t, self.ctx(op.start(), end))
            if res is not None:
                out.append(Candidate(self._with_prep(op.start()), end, res, self.tense_at(op.start(), end)))
        for pos in list(self.core):  # "March to May 2024", "from 2019 to 2021"
            cand = within_calendar(self._pair, pos, pos, between=False)
            if cand:
                prev = self.prev_word(pos)
                if prev and prev[1] == "from":
                    cand.start = prev[0]
                out.append(cand)
        return out

    def _pair(self, start: int, pos: int, between: bool) -> Candidate | None:
        first = self.core_at(pos)
        if first is None:
            return None
        end1, t1, rule1, m1 = first
        rules = time_rules()
        joint = (rules.between_and if between else rules.connector).match(self.text, end1, self.end)
        if joint is None:
            return None
        second = self.core_at(joint.end())
        if second is None:
            return None
        end2, t2, rule2, m2 = second
        if rule1.name in _YEARLESS and t2.anchor == "absolute" and t2.start is not None:
            # "from December to February 2025": the first part takes its year from the second
            redo = rule1.handler(m1, Ctx(t2.start, lambda: Tense.PAST, self.text))
            t1 = replace(redo, anchor="absolute") if redo else t1
        elif rule2.name in _YEARLESS and t1.start is not None:
            # "from March to May": the second part is the first such period from the first one on
            redo = rule2.handler(m2, Ctx(t1.start, lambda: Tense.FUTURE, self.text))
            t2 = replace(redo, anchor=t1.anchor) if redo else t2
        res = join_range(t1, t2, between)
        if res is None:
            return None
        return Candidate(start, end2, res, self.tense_at(start, end2))


_CUE_WORD = re.compile(r"[A-Za-z]+|\d+")


def _cues(text: str, start: int, end: int) -> set[str]:
    """Rule families that can fire in ``text[start:end]`` (most sentences need few of the rules)."""
    rules = time_rules()
    found: set[str] = set()
    for w in set(_CUE_WORD.findall(text, start, end)):
        if w.isdigit():
            found.add("digit")
            if len(w) == 4 and "1800" <= w < "2200":
                found.add("year")
            continue
        found.update(rules.cue_exact.get(w, ()))
        found.update(rules.cue_folded.get(w.lower(), ()))
    return found


# core rules whose year comes from the tense: the parts of a range take it from each other
_YEARLESS = frozenset({"month", "dm", "md", "season", "holiday", "dayrange"})


def select_longest(cands: list[Candidate]) -> list[Candidate]:
    """Longest first, then earliest; keep those that overlap nothing kept."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.kind, c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)
