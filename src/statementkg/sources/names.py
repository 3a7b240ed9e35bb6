"""Reading the names metadata gives: a speaker's plain name, and people apart from departments.

The honorifics themselves (``The Rt Hon``, ``Sir``, ``KC``, ``MP``) are the ones listed in the
shared ``people.yaml`` lexicon; the department names are the ``organisations.yaml`` gazetteer.
"""

from __future__ import annotations

import re
from functools import cache

from ..resources import load_lexicon


@cache
def _honorifics() -> tuple[tuple[str, ...], frozenset[str]]:
    raw = load_lexicon("people.yaml")
    prefixes = tuple(sorted((str(p) for p in raw["prefixes"]), key=len, reverse=True))
    return prefixes, frozenset(str(s) for s in raw["suffixes"])


@cache
def _organisation_names() -> tuple[str, ...]:
    names: set[str] = set()
    for entry in load_lexicon("organisations.yaml"):
        names.add(str(entry["name"]))
        names.update(str(a) for a in entry.get("aliases", []) or [])
    return tuple(sorted(names, key=len, reverse=True))


def _collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _strip_prefix(name: str, prefixes: tuple[str, ...]) -> tuple[str, str | None]:
    for p in prefixes:
        if name == p:
            return name, None
        if name.startswith(p + " "):
            return name[len(p) + 1 :].lstrip(), p
    return name, None


def plain_name(written: str) -> str:
    """A person's name without styles and post-nominals: "The Rt Hon Yvette Cooper MP" -> "Yvette Cooper".

    A peer keeps the title that is part of the name ("Lord Hanson of Flint", "Baroness Casey"):
    when dropping every honorific would leave one word or an "X of Y" territorial name, only the
    styles ("The Rt Hon") and post-nominals go.
    """
    prefixes, suffixes = _honorifics()
    name = _collapse(written).strip(",")
    words = name.split(" ")
    while len(words) > 1 and words[-1].rstrip(",") in suffixes:
        words.pop()
    name = " ".join(words).rstrip(",")
    full = name
    dropped: list[str] = []
    while True:
        name, p = _strip_prefix(name, prefixes)
        if p is None:
            break
        dropped.append(p)
    if " " not in name or " of " in name:
        # a peer's title: keep it, drop only the styles in front of it
        styles = tuple(p for p in prefixes if p.split(" ")[0] in {"The", "the", "Rt", "Right"})
        name = full
        while True:
            name, p = _strip_prefix(name, styles)
            if p is None:
                break
    return name or _collapse(written)


def looks_like_person(written: str) -> bool:
    """True when ``written`` carries a personal honorific or post-nominal ("The Rt Hon ...", "... MP")."""
    _, suffixes = _honorifics()
    s = _collapse(written)
    if _has_prefix(s):
        return True
    last = s.split(" ")[-1].rstrip(",") if s else ""
    return last in suffixes


_FROM_MAX = 1000
_SEPARATOR = re.compile(r",\s+|\s+and\s+|\s+&\s+")


def split_from_line(value: str) -> tuple[str | None, str | None]:
    """(department, speaker) from a GOV.UK ``From:`` value: "Home Office and The Rt Hon Yvette Cooper MP".

    GOV.UK lists organisations first and people after them, joined by ", " and a final " and ".
    The people begin at the first separator followed by someone with an honorific or
    post-nominal; failing that, the part after the last " and " is the person when it looks like
    a name and what stands before it is an organisation the gazetteer knows.  With several
    organisations, the first one the gazetteer knows is kept.
    """
    # a From: value is a few names; past this length it is not metadata, and reading further
    # would make the search for people grow with the square of the line
    s = _collapse(value)[:_FROM_MAX]
    if not s:
        return None, None
    orgs_part, people_part = s, ""
    if _person_starts(s):
        orgs_part, people_part = "", s
    else:
        for m in _SEPARATOR.finditer(s):
            if _person_starts(s[m.end() :]):
                orgs_part, people_part = s[: m.start()], s[m.end() :]
                break
        else:
            last = list(re.finditer(r"\s+and\s+", s))
            # a name with no honorific only after an organisation the gazetteer knows, so that
            # "Department for Energy Security and Net Zero" stays whole
            if last and _bare_name(s[last[-1].end() :]) and _ends_with_organisation(s[: last[-1].start()]):
                orgs_part, people_part = s[: last[-1].start()], s[last[-1].end() :]
    speaker = None
    if people_part:
        first_person = people_part
        for m in _SEPARATOR.finditer(people_part):
            if _person_starts(people_part[m.end() :]):
                first_person = people_part[: m.start()]
                break
        speaker = plain_name(first_person)
    department = _first_organisation(orgs_part) if orgs_part else None
    return department, speaker


def _person_starts(rest: str) -> bool:
    """``rest`` (what follows a separator) begins with a person: honorific first or post-nominal last."""
    return looks_like_person(_SEPARATOR.split(rest, maxsplit=1)[0]) or _has_prefix(rest)


def _has_prefix(s: str) -> bool:
    prefixes, _ = _honorifics()
    return any(s == p or s.startswith(p + " ") for p in prefixes)


def _bare_name(s: str) -> bool:
    """Two to four capitalised words, none of which the people lexicon says never make a name."""
    not_names = frozenset(str(w) for w in load_lexicon("people.yaml")["not_names"])
    words = s.split(" ")
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w not in not_names for w in words)


def _ends_with_organisation(s: str) -> bool:
    return any(s == n or s.endswith(" " + n) for n in _organisation_names())


def _first_organisation(part: str) -> str:
    for name in _organisation_names():
        if part == name:
            return part
    for name in _organisation_names():
        if part.startswith(name) and _SEPARATOR.match(part, len(name)):
            return name
    return part
