"""Tense cues in a sentence ("will", "has concluded", "is reviewing", past verbs) and the tense they give."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from ...model import Tense
from .lexicon import time_lexicon

_CUE_REACH = 60  # a tense cue further from a phrase than this (commas count 40) does not govern it


class Marker(NamedTuple):
    start: int
    end: int
    tense: Tense


_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+|[^\sA-Za-z\d]")
_TENSE_ADVERBS = frozenset({"not", "never", "also", "now", "already", "today", "since", "just", "previously",
                            "all", "both", "themselves", "formally", "hereby", "currently", "still"})


def _phrase_at(phrases: Mapping[str, tuple[tuple[str, ...], ...]], words: list[str], i: int) -> int:
    """Number of words of the longest listed phrase starting at word ``i`` (0 if none)."""
    for phrase in phrases.get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _skip_adverbs(words: list[str], j: int) -> int:
    for _ in range(3):
        if j < len(words) and (words[j] in _TENSE_ADVERBS or (words[j].endswith("ly") and len(words[j]) > 4)):
            j += 1
    return j


def tense_markers(text: str, start: int, end: int) -> list[Marker]:
    """Tense cues of a sentence, in order: future phrases, perfects, progressives, past verbs."""
    lex = time_lexicon()
    toks = list(_TOKEN.finditer(text, start, end))
    words = [t.group().lower().replace("’", "'") for t in toks]
    out: list[Marker] = []
    i, n = 0, len(toks)
    while i < n:
        w = words[i]
        if not w[0].isalpha():
            i += 1
            continue
        k = _phrase_at(lex.future_phrases, words, i)
        if k or w.endswith("'ll"):
            k = k or 1
            out.append(Marker(toks[i].start(), toks[i + k - 1].end(), Tense.FUTURE))
            i += k
            continue
        if w in {"has", "have", "had"} or w.endswith("'ve"):
            j = _skip_adverbs(words, i + 1)
            if j < n and (words[j] in lex.participles or words[j].endswith("ed")):
                out.append(Marker(toks[i].start(), toks[j].end(), Tense.PAST))
                i = j + 1
                continue
        if w in {"am", "is", "are"} or w.endswith(("'m", "'re")):
            j = _skip_adverbs(words, i + 1)
            if j < n and words[j].endswith("ing") and words[j].isalpha():
                out.append(Marker(toks[i].start(), toks[j].end(), Tense.PRESENT))
                i = j + 1
                continue
        k = _phrase_at(lex.past_phrases, words, i)
        if k:
            out.append(Marker(toks[i].start(), toks[i + k - 1].end(), Tense.PAST))
            i += k
            continue
        verb_ed = w.endswith("ed") and toks[i].group().islower() and w not in lex.ed_not_past
        if verb_ed and _ed_is_verb(toks, words, i):
            out.append(Marker(toks[i].start(), toks[i].end(), Tense.PAST))
        i += 1
    return out


def _ed_is_verb(toks: list[re.Match[str]], words: list[str], i: int) -> bool:
    """Whether an -ed form is a past verb ("I commissioned a review"), not "detailed findings"."""
    lex = time_lexicon()
    j = i - 1
    if j >= 0 and words[j].endswith("ly"):
        j -= 1
    if j >= 0 and words[j] in {",", ";", ":"}:
        j -= 1
    if j < 0 or not words[j][0].isalnum() or words[j] in lex.ed_blockers:
        return False
    nxt = toks[i + 1].group() if i + 1 < len(toks) else None
    return nxt is None or not nxt[0].islower() or words[i + 1] in lex.ed_followers


def detect_tense(sentence: str) -> Tense:
    """Tense of a sentence: future if a future cue governs it, else past if a past verb does, else present.

    >>> detect_tense("I will publish detailed findings following the sentencing.")
    <Tense.FUTURE: 'future'>
    >>> detect_tense("The learning review has concluded that the referrals should not have been closed.")
    <Tense.PAST: 'past'>
    >>> detect_tense("I am today appointing Lord David Anderson KC as the interim Prevent Commissioner.")
    <Tense.PRESENT: 'present'>
    """
    found = {mk.tense for mk in tense_markers(sentence, 0, len(sentence))}
    if Tense.FUTURE in found:
        return Tense.FUTURE
    if Tense.PAST in found:
        return Tense.PAST
    return Tense.PRESENT


def local_tense(markers: list[Marker], text: str, start: int, end: int) -> Tense | None:
    """The tense cue nearest a phrase (a comma or semicolon between them counts as distance).

    With no cue within reach, a sentence told wholly in the past is past ("It was published in early
    2024 and revised, then again in late summer"); otherwise ``None``: the phrase is read as present,
    the nearest occurrence either way ("I will make a statement on the explosion ... on Sunday" is
    about the Sunday just gone).
    """
    best: tuple[int, int, Tense] | None = None
    for mk in markers:
        if start <= mk.start < end:
            continue  # cues inside the phrase itself ("next year") say nothing about it
        if mk.end <= start:
            gap, between, side = start - mk.end, text[mk.end : start], 0
        else:
            gap, between, side = mk.start - end, text[end : mk.start], 1
        gap += 40 * (between.count(",") + between.count(";"))
        if best is None or (gap, side) < best[:2]:
            best = (gap, side, mk.tense)
    if best and best[0] <= _CUE_REACH:
        return best[2]
    found = {mk.tense for mk in markers}
    return Tense.PAST if found == {Tense.PAST} else None
