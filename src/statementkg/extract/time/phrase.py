"""A time phrase as the rules see it: its resolved window (``PhraseTime``) and what a rule reads (``Ctx``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...model import Tense, TimeBounds
from .dates import edtf_span


@dataclass(frozen=True)
class PhraseTime:
    """A resolved phrase: begin window (``start``..``end``), optional end window, EDTF and anchor kind."""

    start: dt.date | None
    end: dt.date | None
    edtf: str | None
    anchor: str = "statement"
    holiday: str | None = None
    end_start: dt.date | None = None
    end_end: dt.date | None = None
    #: 0 stands alone, 1 needs a preposition or operator before it ("in July"), 2 only after an operator
    lead: int = 0

    @property
    def closed(self) -> bool:
        return self.start is not None and self.end is not None

    def bounds(self) -> TimeBounds:
        return TimeBounds(self.start, self.end, self.end_start, self.end_end, self.edtf)


def period(a: dt.date, b: dt.date, anchor: str = "statement", edtf: str | None = None,
           **kw: Any) -> PhraseTime:
    return PhraseTime(a, b, edtf or edtf_span(a, b), anchor, **kw)


@dataclass(frozen=True)
class Ctx:
    """What a handler reads: the reference date, the phrase's tense (worked out only if asked), the text."""

    ref: dt.date
    cue_of: Callable[[], Tense | None]
    text: str

    @property
    def cue(self) -> Tense | None:
        """The tense a cue near the phrase gives, ``None`` if no cue is near enough to govern it."""
        return self.cue_of()

    @property
    def tense(self) -> Tense:
        """The tense that sets the direction: the cue's, else present (the nearest occurrence)."""
        return self.cue_of() or Tense.PRESENT


#: a core rule's reader: the regex match and its context in, the phrase's window out (``None``: not a time)
Handler = Callable[[re.Match[str], Ctx], PhraseTime | None]


def rel_year(c: Ctx, rel: str) -> int:
    return c.ref.year + {"last": -1, "next": 1, "this": 0}[rel.lower()]
