"""People and the posts they hold: names with honorifics and post-nominals, posts, and who holds which."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import PersonMention, PostMention, Span, Statement
from ..resources import load_lexicon
from .text import slugify, word_re


@dataclass(frozen=True)
class _Lexicon:
    prefixes: tuple[str, ...]
    suffixes: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    possessions: frozenset[str]
    relations: frozenset[str]
    name_run: re.Pattern[str]
    posts: dict[str, tuple[str, str | None]]  # any written form -> (key, organisation)
    post_labels: dict[str, str]  # key -> label
    post_exact: re.Pattern[str]
    never_first_names: frozenset[str]
    ranks: frozenset[str]


# Capitalised word; "O'Brien", "McCallum", "Smith-Jones"; never swallows a possessive "'s".
_NAME_TOKEN = r"(?:Mc|Mac|O['’])?[A-Z][a-zà-ÿ]+(?:-[A-Z]?[a-zà-ÿ]+|['’][A-Z][a-zà-ÿ]+)*"


@cache
def lexicon() -> _Lexicon:
    raw = load_lexicon("people.yaml")
    prefixes = tuple(sorted(raw["prefixes"], key=len, reverse=True))
    particles = frozenset(raw["particles"])
    part = "|".join(sorted(particles, key=len, reverse=True))
    pref = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in prefixes)
    suff = "|".join(sorted(raw["suffixes"], key=len, reverse=True))
    # prefixes*, name tokens (particles allowed inside), post-nominals*
    name_run = re.compile(
        rf"(?P<pre>(?:(?:{pref})\s+)*)"
        rf"(?P<name>{_NAME_TOKEN}(?:\s+(?:(?:{part})\s+)*{_NAME_TOKEN}){{0,3}})"
        rf"(?P<suf>(?:,?\s+(?:{suff})(?![\w-]))*)"
    )
    posts: dict[str, tuple[str, str | None]] = {}
    labels: dict[str, str] = {}
    for item in load_lexicon("posts.yaml"):
        labels[item["key"]] = item["label"]
        for form in (item["label"], *item.get("aliases", [])):
            posts[form] = (item["key"], item.get("organisation"))
    return _Lexicon(
        prefixes=prefixes,
        suffixes=frozenset(raw["suffixes"]),
        particles=particles,
        not_names=frozenset(raw["not_names"]),
        possessions=frozenset(raw["person_possessions"]),
        relations=frozenset(raw["relations"]),
        name_run=name_run,
        posts=posts,
        post_labels=labels,
        post_exact=word_re(posts),
        never_first_names=frozenset(raw["never_first_names"]),
        ranks=frozenset(raw["rank_prefixes"]),
    )


# ---------------------------------------------------------------- names


@dataclass(frozen=True)
class ParsedName:
    name: str
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]


def _split_prefixes(pre: str) -> tuple[str, ...]:
    lex = lexicon()
    out: list[str] = []
    rest = re.sub(r"\s+", " ", pre).strip()
    while rest:
        for p in lex.prefixes:
            if rest == p or rest.startswith(p + " "):
                norm = p[4:] if p.startswith(("the ", "The ")) else p
                out.append(norm)
                rest = rest[len(p) :].strip()
                break
        else:
            break
    return tuple(out)


def parse_name(written: str) -> ParsedName:
    """Split "The Rt Hon Sir Adrian Fulford KC" into name, honorific prefixes and suffixes."""
    lex = lexicon()
    m = lex.name_run.fullmatch(written.strip().rstrip(","))
    if m is None:
        return ParsedName(written.strip(), (), ())
    suffixes = tuple(s for s in re.split(r"[,\s]+", m.group("suf")) if s)
    return ParsedName(re.sub(r"\s+", " ", m.group("name")), _split_prefixes(m.group("pre")), suffixes)


def person_key(name: str) -> str:
    return slugify(name)


# Maximal runs of word characters and hyphens: a word with neither before nor after it is one of them.
_WORDS = re.compile(r"[\w-]+")
_PLAIN_WORD = re.compile(r"[\w-]+")

_MONTH_SURNAMES = frozenset({"May", "June", "April", "August"})


def _strip_not_names(tokens: list[str], after_honorific: bool = False) -> list[list[str]]:
    """Split a run of capitalised tokens at words that cannot be part of a personal name.

    A month that can be a surname ("Theresa May") stays when it ends a run after a name, and a
    first name that is also a common word stays right after an honorific ("Dr Bill Kirkup").
    """
    lex = lexicon()
    pieces: list[list[str]] = [[]]
    for i, t in enumerate(tokens):
        month_surname = t in _MONTH_SURNAMES and i == len(tokens) - 1 and bool(pieces[-1]) and i > 0
        first_name = (
            after_honorific and i == 0 and len(tokens) > 1 and tokens[1] not in lex.not_names
            and t not in lex.never_first_names
        )
        if month_surname or first_name:
            pieces[-1].append(t)
        elif t in lex.not_names:
            pieces.append([])
        else:
            pieces[-1].append(t)
    return [p for p in pieces if p]


def find_people(
    statement: Statement, start: int, end: int, blocked: list[Span], sentence_starts: set[int]
) -> list[PersonMention]:
    """Named people in ``text[start:end]``; ``blocked`` spans (organisations, posts) are skipped.

    A run of two or more name-like words is a name; one word is a name only with an honorific
    ("Lord Anderson") or as the possessor of something only people have ("Rudakubana's case").
    """
    lex = lexicon()
    text = statement.text
    out: list[PersonMention] = []
    # whether a word stands in the text in lower case, each word searched for once (searching the
    # whole text again for every capitalised word made the time grow with the square of the text)
    seen: dict[str, bool] = {}
    words = frozenset(_WORDS.findall(text)) if start < end else frozenset()

    def _written_lower(word: str) -> bool:
        if word not in seen:
            seen[word] = word in words if _PLAIN_WORD.fullmatch(word) else re.search(
                rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None
        return seen[word]

    for m in lex.name_run.finditer(text, start, end):
        pre_text = m.group("pre")
        prefixes = _split_prefixes(pre_text)
        if pre_text.strip() and not prefixes:
            continue
        name_start = m.start("name")
        tokens = m.group("name").split()
        # locate each token to keep exact offsets
        offs: list[int] = []
        pos = name_start
        for t in tokens:
            pos = text.index(t, pos)
            offs.append(pos)
            pos += len(t)
        pieces = _strip_not_names(tokens, after_honorific=bool(prefixes))
        if not pieces:
            continue
        # the piece right after the prefixes keeps them; later pieces stand alone
        first = True
        for piece in pieces:
            i = tokens.index(piece[0], 0) if first else _index_of(tokens, piece)
            j = i + len(piece)
            s, e = offs[i], offs[j - 1] + len(tokens[j - 1])
            if any(s < b.end and b.start < e for b in blocked):
                first = False
                continue
            pfx = prefixes if (first and i == 0) else ()
            sfx = tuple(x for x in re.split(r"[,\s]+", m.group("suf")) if x) if j == len(tokens) else ()
            # a capitalised run that goes on with a word no name contains ("Streatham High Road",
            # "Belfairs Methodist Church") names a place or body, not a person
            if j < len(tokens) and tokens[j] in lex.not_names and not (first and i == 0 and prefixes):
                first = False
                continue
            # words the statement also writes in lower case are common words ("Terrorist Offenders")
            if not pfx_ok(prefixes, first, i) and any(
                _written_lower(t.lower()) for t in piece if t not in lex.particles
            ):
                first = False
                continue
            real = [t for t in piece if t not in lex.particles]
            if len(real) == 1:
                tail = text[e : e + 40]
                poss = re.match(r"['’]s\s+(\w+)", tail)
                single_ok = bool(pfx) or (poss is not None and poss.group(1).lower() in lex.possessions)
                if not single_ok or (s in sentence_starts and not pfx):
                    first = False
                    continue
            span_start = m.start() if pfx else s
            span_end = m.end("suf") if sfx else e
            name = " ".join(piece)
            out.append(
                PersonMention(
                    key=person_key(name), name=name, span=Span(span_start, span_end), prefixes=pfx, suffixes=sfx
                )
            )
            first = False
    return out


def pfx_ok(prefixes: tuple[str, ...], first: bool, i: int) -> bool:
    """Whether an honorific stands right before this piece of a capitalised run."""
    return bool(prefixes) and first and i == 0


def _index_of(tokens: list[str], piece: list[str]) -> int:
    for i in range(len(tokens) - len(piece) + 1):
        if tokens[i : i + len(piece)] == piece:
            return i
    return 0


# ---------------------------------------------------------------- posts

_POST_LEAD = r"(?:(?:Interim|Acting|Deputy|Assistant|Independent|Chief|Senior|Permanent|Principal|First)\s+)*"
_POST_HEAD = (
    r"(?:Secretary\s+of\s+State|Minister(?:\s+of\s+State)?|Director[- ]General|Director|Chief\s+Constable"
    r"|Chief\s+Executive|Commissioner|Chair(?:man|woman|person)?|Head|Reviewer|Mayor|Coroner|Inspector"
    r"|Chief\s+Inspector|Registrar|Governor|Adviser|Advisor|Envoy|Ombudsman|President|Leader|Member)"
)
_POST_COMP = r"(?:(?:the|and|of|for|&)\s+|[A-Z0-9][\w'’&-]*\s*)+"
_GENERIC_POST = re.compile(rf"(?<![\w-]){_POST_LEAD}{_POST_HEAD}\s+(?:of|for)\s+(?:the\s+)?{_POST_COMP}")


def _trim_post(text: str, s: int, e: int) -> int:
    words = text[s:e].rstrip().split()
    while words and (words[-1] in {"the", "and", "of", "for", "&"} or not words[-1][0].isupper()):
        words.pop()
    return s + len(" ".join(words)) if words else s


def find_posts(statement: Statement, start: int, end: int) -> list[tuple[Span, str, str, str | None]]:
    """Post mentions: (span, key, label, organisation key) in ``text[start:end]``."""
    lex = lexicon()
    text = statement.text
    out: list[tuple[Span, str, str, str | None]] = []
    taken: list[Span] = []
    for m in lex.post_exact.finditer(text, start, end):
        form = re.sub(r"\s+", " ", m.group(0))
        key, org = lex.posts[form]
        span = Span(m.start(), m.end())
        taken.append(span)
        out.append((span, key, lex.post_labels[key], org))
    for m in _GENERIC_POST.finditer(text, start, end):
        e = _trim_post(text, m.start(), m.end())
        span = Span(m.start(), e)
        if e <= m.start() or any(span.start < t.end and t.start < span.end for t in taken):
            continue
        label = re.sub(r"\s+", " ", text[span.start : span.end])
        label = re.sub(r"^(?:Interim|Acting)\s+", "", label)
        form_key = lex.posts.get(label)
        key = form_key[0] if form_key else slugify(label)
        taken.append(span)
        out.append((span, key, lex.post_labels.get(key, label), form_key[1] if form_key else None))
    # "Merseyside Police and its Chief Constable", "Its chairman, Sir John Saunders": the post of the
    # organisation or inquiry named just before
    for m in _OWNED_POST.finditer(text, start, end):
        span = Span(m.start("post"), m.end("post"))
        if any(span.start < t.end and t.start < span.end for t in taken):
            continue
        owner = _owner_before(text, max(0, m.start() - 300), m.start())
        if owner is None:
            continue
        head = re.sub(r"\s+", " ", m.group("post"))
        label = f"{head[0].upper()}{head[1:]} of {owner}"
        form_key = lex.posts.get(label)
        key = form_key[0] if form_key else slugify(label)
        taken.append(span)
        out.append((span, key, lex.post_labels.get(key, label), form_key[1] if form_key else None))
    # "Russ Jackson, the head of Counter Terrorism Policing North West"
    for m in _LOWER_POST.finditer(text, start, end):
        span = Span(m.start("post"), m.end("post"))
        if any(span.start < t.end and t.start < span.end for t in taken):
            continue
        label = re.sub(r"\s+", " ", m.group("post"))
        taken.append(span)
        out.append((span, slugify(label), label, None))
    out.sort(key=lambda p: p[0])
    return out


_OWNED_POST = re.compile(
    r"\b(?:its|their|Its|Their)\s+(?P<post>(?:interim\s+|acting\s+)?"
    r"(?:Chief Constable|Chief Executive|Director General|Commissioner|Chair(?:man|woman)?|chair(?:man|woman)?"
    r"|chief executive|director|head|Head|Director)\b)"
)
_LOWER_POST = re.compile(
    r"(?<=, )(?:the|a)\s+(?P<post>(?:head|chief executive|director|chair|chairman|leader|commander)\s+of\s+"
    r"(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|and|for|&))*)"
)
_OWNER = re.compile(
    r"((?:[A-Z][\w'’-]*\s+){0,5}(?:Police|Constabulary|Inquiry|Review|Commission|Service|Agency|"
    r"Office|Trust|Council|Board|Authority|Committee))\b"
)


def _owner_before(text: str, start: int, end: int) -> str | None:
    """The last organisation or inquiry named in ``text[start:end]``."""
    found = None
    for m in _OWNER.finditer(text, start, end):
        found = m.group(1).strip()
    if found is None:
        return None
    return re.sub(r"^(?:The|In|On|At|By|For)\s+", "", found)


def post_for(label: str) -> tuple[str, str, str | None]:
    """Key, preferred label and organisation of a post written as ``label``."""
    lex = lexicon()
    clean = re.sub(r"\s+", " ", label).strip()
    clean = re.sub(r"^(?:the|The|a|an)\s+", "", clean)
    hit = lex.posts.get(clean)
    if hit:
        return hit[0], lex.post_labels[hit[0]], hit[1]
    return slugify(clean), clean, None


def speaker_mention(statement: Statement) -> PersonMention | None:
    """The speaker as a person mention, quoted where the metadata names them."""
    if not statement.speaker:
        return None
    parsed = parse_name(statement.speaker)
    name = parsed.name
    text = statement.text
    # Prefer the metadata region (before the body), then anywhere.
    idx = text.find(name, 0, statement.body_start)
    if idx < 0:
        idx = text.find(name)
    if idx < 0:
        span = statement.title_span or Span(0, min(len(text), len(statement.title)))
    else:
        span = Span(idx, idx + len(name))
    post = None
    org = None
    if statement.role:
        _key, post, org = post_for(statement.role)
    return PersonMention(
        key=person_key(name),
        name=name,
        span=span,
        prefixes=parsed.prefixes,
        suffixes=parsed.suffixes,
        post=post,
        post_org=org,
        is_speaker=True,
    )


def link_people_to_posts(
    statement: Statement,
    people: list[PersonMention],
    posts: list[tuple[Span, str, str, str | None]],
) -> list[PostMention]:
    """Who holds which post, from the patterns "<Post>, <Name>", "<Name>, the <Post>", "<Post> <Name>"."""
    text = statement.text
    out: list[PostMention] = []
    for pspan, key, label, org in posts:
        before = text[max(0, pspan.start - 40) : pspan.start]
        if re.search(r"\b(?:former|late|previous|ex-)\s+(?:the\s+)?$", before, re.IGNORECASE):
            continue
        holder: PersonMention | None = None
        for person in people:
            gap_after = text[pspan.end : person.span.start]
            gap_before = text[person.span.end : pspan.start]
            if person.span.start >= pspan.end and re.fullmatch(r",?\s*", gap_after):
                holder = person
                break
            if person.span.end <= pspan.start and re.fullmatch(r",\s*(?:the|The)?\s*", gap_before):
                holder = person
                break
        if holder is not None:
            then = bool(re.search(r"\bthen\s+$", before))
            out.append(PostMention(key=key, label=label, span=pspan, holder=holder.key, organisation=org, then=then))
    return out


# ---------------------------------------------------------------- roles next to a name


@cache
def _role_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    raw = load_lexicon("people.yaml")
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(raw["post_heads"], key=len, reverse=True))
    times = "|".join(sorted(raw["post_time_words"], key=len, reverse=True))
    word = r"(?:[A-Z][\w'’-]*|[a-z][a-z-]*)"
    # up to three modifiers, the head, then an "of/for the Capitalised Name" complement
    role = (
        rf"(?P<role>(?:{word}\s+){{0,3}}?(?i:{heads})(?![\w-])"
        rf"(?:\s+(?:of|for|to|at)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:,?\s+(?:[A-Z][\w'’&-]*|of|and|for|upon|&)){{0,6}})?)"
    )
    after = re.compile(
        rf"^\)?,\s*(?:who\s+(?:is|was|has\s+been|had\s+been)\s+)?(?:(?:the|a|an)\s+)?"
        rf"(?P<time>(?:(?:{times})\s+)*)(?:(?:the|a|an)\s+)?{role}"
    )
    before = re.compile(
        rf"(?:\b(?:the|The|a|an)\s+|(?P<owner>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*['’]s)\s+)"
        rf"(?P<time>(?:(?:{times})\s+)*){role},?\s*\(?$"
    )
    serving = re.compile(
        rf"^[^.;]{{0,60}}?\b(?:serv\w+|removed|appointed|named|confirmed|remains?|remained|continues?|"
        rf"take\s+up\s+post|took\s+up\s+post|taking\s+up\s+post|step\w*\s+down|stood\s+down|resigned)\s+as\s+"
        rf"(?:(?:the|its|his|her|their)\s+)?(?P<time>(?:(?:{times})\s+)*){role}"
    )
    now_role = re.compile(rf"^,?\s*(?:and\s+)?(?:is\s+)?now\s+(?:(?:the|a|an)\s+)?{role}")
    return after, before, serving, now_role


_LOWER_GLUE = frozenset({"of", "for", "to", "at", "the", "and", "upon", "&"})


def _clean_role(role: str) -> str:
    words = re.sub(r"\s+", " ", role).strip().split()
    while words and words[-1] in _LOWER_GLUE:
        words.pop()
    return " ".join(words)


def roles_beside_names(statement: Statement, people: list[PersonMention]) -> list[PostMention]:
    """Posts written right beside a name, in either case: "Ruth Perry, the headteacher of Caversham Primary
    School", "the then Commissioner, Dame Cressida Dick", "(Jeremy Hunt), then Secretary of State for Health",
    "Fujitsu's European director, Paul Patterson", "Ben Tidswell, is serving as interim chair".

    Each look is bounded to a short window beside the name, so the work grows with the text.
    """
    after, before, serving, now_role = _role_patterns()
    text = statement.text
    out: list[PostMention] = []
    for p in people:
        if p.is_speaker:
            continue
        found: list[tuple[str, str, int, int, str | None]] = []  # (role, time words, start, end, owner)
        m = after.match(text[p.span.end : p.span.end + 160])
        if m:
            found.append((m.group("role"), m.group("time") or "", p.span.end + m.start("role"),
                          p.span.end + m.end("role"), None))
            # "then Secretary of State for Health and now Chancellor of the Exchequer": the post held now
            at = p.span.end + m.end("role")
            now = now_role.match(text[at : at + 120])
            if now:
                found.append((now.group("role"), "", at + now.start("role"), at + now.end("role"), None))
        window_start = max(0, p.span.start - 160)
        b = before.search(text[window_start : p.span.start])
        if b:
            found.append((b.group("role"), b.group("time") or "", window_start + b.start("role"),
                          window_start + b.end("role"), b.group("owner")))
        sv = serving.match(text[p.span.end : p.span.end + 160])
        if sv:
            found.append((sv.group("role"), sv.group("time") or "", p.span.end + sv.start("role"),
                          p.span.end + sv.end("role"), None))
        # "Chief Constable Shaun Sawyer": a rank written as an honorific is a post held
        for rank in p.prefixes:
            if rank in lexicon().ranks:
                at = text.find(rank, max(0, p.span.start - 2), p.span.end)
                if at >= 0:
                    found.append((rank, "", at, at + len(rank), None))
        for role, time_words, s, _e, owner in found:
            label = _clean_role(role)
            kept = [w for w in time_words.split() if w.lower() in {"interim", "acting"}]
            if kept:
                label = " ".join([*kept, label])
            if not label or label.split()[0].lower() in {"who", "which", "that"}:
                continue
            if owner and owner not in {"His Majesty's", "Her Majesty's", "His Majesty’s", "Her Majesty’s"}:
                label = f"{label} of {owner[:-2]}"
            elif owner:
                label = f"{owner} {label}"
            key, plabel, org = post_for(label[0].upper() + label[1:] if label[0].islower() and owner else label)
            times = set(time_words.split())
            out.append(
                PostMention(
                    key=key,
                    label=plabel,
                    span=Span(s, s + len(role.rstrip())),
                    holder=p.key,
                    organisation=org,
                    interim=bool(
                        re.match(r"(?:interim|acting)\b", label, re.IGNORECASE) or times & {"interim", "acting"}
                    ),
                    then=bool(times & {"then", "former", "previous", "late"}),
                )
            )
    return out
