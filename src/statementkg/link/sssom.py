"""SSSOM mapping tables: one TSV per source, a YAML metadata block in ``#`` lines, rows sorted.

The format is SSSOM 1.0's (https://w3id.org/sssom/): a ``#``-prefixed YAML header with the
``curie_map`` and the mapping-set metadata, then a tab-separated table whose columns are SSSOM
slots.  statementkg keeps every decision as a row, so one slot is added through SSSOM's own
extension mechanism (``extension_definitions``): ``decision`` is ``accepted``, ``rejected``,
``queued`` or ``unmatched``.  A rejected row also carries ``predicate_modifier: Not`` (SSSOM's
negated mapping), and an unmatched subject points at ``sssom:NoTermFound``, so a tool that knows
only SSSOM reads every row correctly.

Writing is deterministic: fixed column order, rows sorted by subject, decision and object,
numbers with three decimals, ``\\n`` line ends.  ``parse_table(write_table(t)) == t`` and
``write_table(parse_table(text)) == text`` for every table this module writes (tests keep it so).
The PyPI ``sssom`` package is the reference for the slot names; it is not a dependency (it pulls
in pandas and LinkML for what is a small, stable text format).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..files import write_atomic

SKOS_EXACT = "skos:exactMatch"
SKOS_CLOSE = "skos:closeMatch"
NO_TERM_FOUND = "sssom:NoTermFound"
TOOL = "statementkg"
LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"


class Decision(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    QUEUED = "queued"
    UNMATCHED = "unmatched"


class Justification(StrEnum):
    """SEMAPV mapping justifications (https://w3id.org/semapv/vocab/)."""

    LEXICAL = "semapv:LexicalMatching"
    LOGICAL = "semapv:LogicalReasoning"
    MANUAL = "semapv:ManualMappingCuration"


#: Prefixes every table declares (SSSOM requires each CURIE prefix to be in the curie_map).
CURIE_MAP: dict[str, str] = {
    "govuk": "https://www.gov.uk/government/organisations/",
    "orcid": "https://orcid.org/",
    "semapv": "https://w3id.org/semapv/vocab/",
    "skg": "https://w3id.org/statementkg/ontology#",
    "skgid": "https://w3id.org/statementkg/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sssom": "https://w3id.org/sssom/",
    "ukleg": "http://www.legislation.gov.uk/id/",
    "ukpm": "https://members.parliament.uk/member/",
    "uuid": "urn:uuid:",
    "wd": "http://www.wikidata.org/entity/",
}

#: Columns in SSSOM's slot order, then the extension slot.  Empty columns are still written so
#: that every table of every source has the same header (diffs stay row-by-row).
COLUMNS: tuple[str, ...] = (
    "record_id",
    "subject_id",
    "subject_label",
    "predicate_id",
    "predicate_modifier",
    "object_id",
    "object_label",
    "mapping_justification",
    "author_id",
    "reviewer_id",
    "mapping_date",
    "confidence",
    "mapping_tool",
    "similarity_score",
    "similarity_measure",
    "match_string",
    "comment",
    "decision",
)

_DECISION_ORDER = {Decision.ACCEPTED: 0, Decision.QUEUED: 1, Decision.REJECTED: 2, Decision.UNMATCHED: 3}


def expand(curie: str, curie_map: Mapping[str, str] = CURIE_MAP) -> str:
    """``wd:Q42`` -> ``http://www.wikidata.org/entity/Q42``; a full IRI is returned unchanged."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in curie_map:
        return curie_map[prefix] + local
    return curie


def contract(iri: str, curie_map: Mapping[str, str] = CURIE_MAP) -> str:
    """The shortest CURIE for ``iri`` under ``curie_map`` (the IRI itself when no prefix fits)."""
    best = ""
    for prefix, base in curie_map.items():
        if iri.startswith(base) and len(base) > len(curie_map.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(curie_map[best]):]}" if best else iri


def record_id(subject_id: str, object_id: str) -> str:
    """A stable short id for one (subject, object) pair: what ``review --accept`` takes."""
    digest = hashlib.sha256(f"{subject_id}\t{object_id}".encode()).hexdigest()[:10]
    return f"skgid:mapping/{digest}"


def short_id(rid: str) -> str:
    return rid.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class MappingRow:
    """One SSSOM row: a candidate mapping and the decision taken on it."""

    subject_id: str
    object_id: str
    decision: Decision
    mapping_date: dt.date
    subject_label: str = ""
    object_label: str = ""
    predicate_id: str = SKOS_EXACT
    justification: Justification = Justification.LEXICAL
    confidence: float | None = None
    similarity_score: float | None = None
    similarity_measure: str = ""
    match_string: str = ""
    author_id: str = ""
    reviewer_id: str = ""
    mapping_tool: str = TOOL
    comment: str = ""

    @property
    def record_id(self) -> str:
        return record_id(self.subject_id, self.object_id)

    @property
    def id(self) -> str:
        """The short id shown by ``link review`` and taken by ``--accept`` / ``--reject``."""
        return short_id(self.record_id)

    @property
    def predicate_modifier(self) -> str:
        return "Not" if self.decision is Decision.REJECTED else ""

    def sort_key(self) -> tuple[str, int, float, str]:
        return (self.subject_id, _DECISION_ORDER[self.decision], -(self.confidence or 0.0), self.object_id)

    def to_record(self) -> dict[str, str]:
        return {
            "record_id": self.record_id,
            "subject_id": self.subject_id,
            "subject_label": self.subject_label,
            "predicate_id": self.predicate_id,
            "predicate_modifier": self.predicate_modifier,
            "object_id": self.object_id,
            "object_label": self.object_label,
            "mapping_justification": self.justification.value,
            "author_id": self.author_id,
            "reviewer_id": self.reviewer_id,
            "mapping_date": self.mapping_date.isoformat(),
            "confidence": _number(self.confidence),
            "mapping_tool": self.mapping_tool,
            "similarity_score": _number(self.similarity_score),
            "similarity_measure": self.similarity_measure,
            "match_string": self.match_string,
            "comment": self.comment,
            "decision": self.decision.value,
        }


@dataclass(frozen=True)
class MappingTable:
    """A mapping set: metadata plus rows, sorted on write."""

    source: str
    rows: tuple[MappingRow, ...] = ()
    description: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def sorted(self) -> MappingTable:
        return replace(self, rows=tuple(sorted(self.rows, key=MappingRow.sort_key)))

    def by_subject(self) -> dict[str, list[MappingRow]]:
        out: dict[str, list[MappingRow]] = {}
        for row in self.rows:
            out.setdefault(row.subject_id, []).append(row)
        return out

    def accepted(self) -> list[MappingRow]:
        return [r for r in self.rows if r.decision is Decision.ACCEPTED]

    def find(self, short: str) -> MappingRow | None:
        short = short_id(short)
        return next((r for r in self.rows if r.id == short), None)


def _number(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def _float(text: str, where: str) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(
            f"{where}: {text!r} is not a number; confidence and scores are decimals such as 0.950"
        ) from None


def _clean(value: str) -> str:
    return " ".join(value.replace("\t", " ").replace("\r", " ").replace("\n", " ").split())


def metadata(table: MappingTable) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "curie_map": dict(sorted(CURIE_MAP.items())),
        "mapping_set_id": f"https://w3id.org/statementkg/links/{table.source}.sssom.tsv",
        "mapping_set_description": table.description or f"statementkg links to {table.source}",
        "license": LICENSE,
        "mapping_tool": TOOL,
        "extension_definitions": [
            {"slot_name": "decision", "property": "skg:decision", "type_hint": "xsd:string"},
        ],
    }
    meta.update(table.extra)
    return meta


def write_table(table: MappingTable) -> str:
    """The table as SSSOM/TSV text (header block, column line, sorted rows)."""
    header = yaml.safe_dump(metadata(table), sort_keys=False, allow_unicode=True, width=1000)
    out = io.StringIO()
    for line in header.splitlines():
        out.write(f"# {line}\n" if line else "#\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in table.sorted().rows:
        record = row.to_record()
        writer.writerow([_clean(record[c]) for c in COLUMNS])
    return out.getvalue()


def parse_table(text: str, *, source: str = "", where: str = "<table>") -> MappingTable:
    """Read SSSOM/TSV text; unknown columns are ignored, missing optional ones are empty."""
    lines = text.splitlines()
    head = [ln[1:].removeprefix(" ") if ln.startswith("#") else "" for ln in lines if ln.startswith("#")]
    body = [ln for ln in lines if not ln.startswith("#") and ln.strip()]
    try:
        meta = yaml.safe_load("\n".join(head)) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{where}: the '#' metadata block is not YAML ({exc}); fix or delete the header") from None
    if not isinstance(meta, dict):
        raise InputError(f"{where}: the '#' metadata block must be a YAML mapping")
    curie_map = {**CURIE_MAP, **(meta.get("curie_map") or {})}
    if not body:
        return MappingTable(source=source)
    reader = csv.DictReader(io.StringIO("\n".join(body) + "\n"), delimiter="\t")
    fields = reader.fieldnames or []
    for required in ("subject_id", "predicate_id", "object_id", "mapping_justification"):
        if required not in fields:
            raise InputError(f"{where}: column {required!r} is missing; an SSSOM table needs it")
    rows: list[MappingRow] = []
    for n, rec in enumerate(reader, start=2 + len(head)):
        at = f"{where}:{n}"

        def get(key: str, r: dict[str, str] = rec) -> str:
            return (r.get(key) or "").strip()

        decision_text = get("decision") or ("rejected" if get("predicate_modifier") == "Not" else "accepted")
        if get("object_id") == NO_TERM_FOUND and not get("decision"):
            decision_text = "unmatched"
        try:
            decision = Decision(decision_text)
        except ValueError:
            raise InputError(
                f"{at}: decision {decision_text!r} is not one of accepted, rejected, queued, unmatched"
            ) from None
        try:
            justification = Justification(get("mapping_justification"))
        except ValueError:
            raise InputError(
                f"{at}: mapping_justification {get('mapping_justification')!r} is not one of "
                + ", ".join(j.value for j in Justification)
            ) from None
        try:
            date = dt.date.fromisoformat(get("mapping_date"))
        except ValueError:
            raise InputError(f"{at}: mapping_date {get('mapping_date')!r} is not a date (YYYY-MM-DD)") from None
        predicate = get("predicate_id")
        if expand(predicate, curie_map) not in (expand(SKOS_EXACT), expand(SKOS_CLOSE)):
            raise InputError(f"{at}: predicate_id {predicate!r} must be skos:exactMatch or skos:closeMatch")
        rows.append(
            MappingRow(
                subject_id=contract(expand(get("subject_id"), curie_map)),
                object_id=contract(expand(get("object_id"), curie_map)),
                decision=decision,
                mapping_date=date,
                subject_label=get("subject_label"),
                object_label=get("object_label"),
                predicate_id=contract(expand(predicate, curie_map)),
                justification=justification,
                confidence=_float(get("confidence"), at),
                similarity_score=_float(get("similarity_score"), at),
                similarity_measure=get("similarity_measure"),
                match_string=get("match_string"),
                author_id=get("author_id"),
                reviewer_id=get("reviewer_id"),
                mapping_tool=get("mapping_tool"),
                comment=get("comment"),
            )
        )
    extra = {
        k: v
        for k, v in meta.items()
        if k not in {"curie_map", "mapping_set_id", "mapping_set_description", "license", "mapping_tool",
                     "extension_definitions"}
    }
    return MappingTable(source=source, rows=tuple(rows), description=str(meta.get("mapping_set_description", "")),
                        extra=extra)


def table_path(folder: Path, source: str) -> Path:
    return folder / f"{source}.sssom.tsv"


def load_table(folder: Path, source: str) -> MappingTable:
    """The table of ``source`` in ``folder``, or an empty one when there is none yet."""
    path = table_path(folder, source)
    if not path.exists():
        return MappingTable(source=source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the mapping table ({exc})") from None
    return parse_table(text, source=source, where=str(path))


def save_table(folder: Path, table: MappingTable) -> Path:
    path = table_path(folder, table.source)
    write_atomic(path, write_table(table).encode("utf-8"))
    return path


def iter_tables(folder: Path) -> Iterable[MappingTable]:
    """Every ``*.sssom.tsv`` in ``folder``, in file-name order."""
    for path in sorted(folder.glob("*.sssom.tsv")):
        yield load_table(folder, path.name.removesuffix(".sssom.tsv"))
