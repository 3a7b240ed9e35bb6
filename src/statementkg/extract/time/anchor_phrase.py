"""The event noun phrase after an anchor word ("after the Southport attack"): its extent and head."""

from __future__ import annotations

import re
from itertools import islice

from ...model import Span
from .lexicon import time_lexicon

_MAX_NP_WORDS = 12


_NP_TOKEN = re.compile(r"[^\W_][\w'’\-]*|\S")
_PLACE_PREPS = frozenset({"in", "at", "outside", "near", "inside"})


def _is_event_head(word: str) -> bool:
    lex = time_lexicon()
    w = re.sub(r"(?:['’]s|['’])$", "", word).lower()
    if w in lex.event_heads or (w.endswith("s") and w[:-1] in lex.event_heads):
        return True
    return word.islower() and w.endswith("ing") and len(w) > 5 and w not in lex.ing_not_events


def anchor_noun_phrase(text: str, pos: int, limit: int, time_starts: set[int], rel_kind: str) -> Span | None:
    """The event noun phrase an anchor names, starting at ``pos`` ("the Southport attack").

    ``time_starts`` holds the offsets covered by time phrases: the phrase ends where one begins.
    """
    lex = time_lexicon()
    toks = list(islice(_NP_TOKEN.finditer(text, pos, limit), 3 * _MAX_NP_WORDS))
    if not toks or toks[0].start() in time_starts:
        return None  # "after the summer" is a time phrase, not an event
    first = toks[0].group()
    if not first[0].isalnum() or first[0].isdigit():
        return None
    if first.lower() not in lex.determiners and not (first[0].isupper() and first not in lex.non_starts):
        return None
    words: list[re.Match[str]] = [toks[0]]
    head: int | None = None  # index in ``words`` of the head noun, once an "of" or place follows it
    i = 1
    while i < len(toks) and len(words) < _MAX_NP_WORDS:
        tok = toks[i]
        w, lw = tok.group(), tok.group().lower()
        if not w[0].isalnum():
            break
        adjectival_year = w.isdigit() and i + 1 < len(toks) and toks[i + 1].group()[0].isalpha() \
            and toks[i + 1].start() not in time_starts  # "the 2017 attack"
        if tok.start() in time_starts and not adjectival_year:
            break
        if lw == "of":
            head = len(words) - 1 if head is None else head
            words.append(tok)
            i += 1
            continue
        if lw in _PLACE_PREPS:
            j = i + 1
            if j < len(toks) and toks[j].group().lower() == "the":
                j += 1
            if j < len(toks) and toks[j].group()[0].isupper() and toks[j].start() not in time_starts:
                head = len(words) - 1 if head is None else head
                words.extend(toks[i:j])
                while j < len(toks) and (toks[j].group()[0].isupper() or toks[j].group() == "of") and \
                        toks[j].start() not in time_starts:
                    words.append(toks[j])
                    j += 1
                i = j
                continue
            break
        if lw in lex.stops:
            break
        prev = words[-1].group()
        if _is_event_head(prev) and w.islower() and lw.endswith(("ed", "ing", "s")) and not _is_event_head(w):
            break  # "the attack happened", "the attack killing ..."
        words.append(tok)
        i += 1
    while len(words) > 1 and (words[-1].group().lower() in lex.determiners | {"of"} | _PLACE_PREPS
                              or words[-1].group().lower() == "the"):
        words.pop()
    idx = head if head is not None and head < len(words) else len(words) - 1
    head_word = words[idx].group()
    if head_word.lower() in lex.containers and idx + 2 < len(words) and words[idx + 1].group() == "of":
        if rel_kind == "before":
            return None  # "before the end of X" needs X's end, which nothing records
        rest = [w for w in words[idx + 2 :] if w.group().lower() not in _PLACE_PREPS]
        head_word = rest[-1].group() if rest else head_word
    if not _is_event_head(head_word):
        return None
    end = words[-1].end()
    if text[end - 1] in "'’" and text[end - 2 : end - 1] != "s":
        end -= 1
    return Span(pos, end)
