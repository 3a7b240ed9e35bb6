"""Reading statements: each input shape gives its metadata, body and title span; bad files fail clearly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statementkg.errors import InputError
from statementkg.model import SourceFormat, Statement
from statementkg.sources import iter_statement_files, load_statement, parse_statement
from statementkg.sources.dates import DateFormatError, parse_date
from statementkg.sources.govuk_json import html_to_text
from statementkg.sources.names import plain_name, split_from_line
from statementkg.sources.normalise import normalise_text

DATA = Path(__file__).parent / "data"
DEV = DATA / "dev"
INPUTS = DATA / "inputs"


def _check_offsets(st_: Statement) -> None:
    assert 0 <= st_.body_start < st_.body_end <= len(st_.text)
    assert st_.body == st_.body.strip()
    if st_.title_span is not None:
        assert st_.text[st_.title_span.start : st_.title_span.end] == st_.title
        assert st_.title_span.end <= st_.body_start
    assert st_.line_starts[0] == 0
    assert list(st_.line_starts) == sorted(st_.line_starts)


# ---------------------------------------------------------------- the dev statements


DEV_EXPECTED = {
    "d01-southport-next-steps-prevent": dict(
        title="Southport attack: next steps", kind="oral statement", date=dt.date(2025, 1, 21),
        speaker="Yvette Cooper", role=None, department="Home Office", fmt=SourceFormat.GOVUK_PAGE,
        starts='"With permission Mr Speaker', ends="urgently must be addressed.\"",
    ),
    "d02-preventing-radicalisation": dict(
        title="Preventing radicalisation", kind="written statement", date=dt.date(2024, 12, 17),
        speaker="Yvette Cooper", role="Home Secretary", department="Home Office",
        fmt=SourceFormat.FRONT_MATTER, starts="In July I commissioned", ends="working as it should.",
    ),
    "d03-southport-inquiry": dict(
        title="Southport Inquiry", kind="written statement", date=dt.date(2025, 4, 7),
        speaker="Yvette Cooper", role=None, department="Home Office", fmt=SourceFormat.GOVUK_PAGE,
        starts="On 29 July 2024 a brutal attack", ends="continues alongside the inquiry.",
    ),
    "d04-independent-review-of-prevent": dict(
        title="Prevent: Independent Review", kind="hansard debate", date=dt.date(2023, 2, 8),
        speaker="Suella Braverman", role="Secretary of State for the Home Department", department=None,
        fmt=SourceFormat.HANSARD, starts="With permission, Mr Speaker", ends="in a year's time.",
    ),
    "d05-manchester-arena-volume-3": dict(
        title="Manchester Arena Inquiry Volume 3 report", kind="oral statement", date=dt.date(2023, 3, 6),
        speaker="Suella Braverman", role=None, department="Home Office", fmt=SourceFormat.GOVUK_PAGE,
        starts="With permission, Mr Speaker", ends="will respond in full.",
    ),
}


@pytest.mark.parametrize("stem", sorted(DEV_EXPECTED))
def test_dev_statements_read_with_their_metadata(stem: str) -> None:
    want = DEV_EXPECTED[stem]
    path = DEV / f"{stem}.txt"
    s = load_statement(path)
    assert (s.stem, s.path) == (stem, str(path))
    assert s.title == want["title"]
    assert s.kind == want["kind"]
    assert s.date == want["date"]
    assert s.speaker == want["speaker"]
    assert s.role == want["role"]
    assert s.department == want["department"]
    assert s.source_format is want["fmt"]
    assert s.body.startswith(str(want["starts"]))
    assert s.body.endswith(str(want["ends"]))
    # text shapes keep the whole (normalised) file
    assert s.text == normalise_text(path.read_text(encoding="utf-8"))
    assert len(s.line_starts) == s.text.count("\n") + 1
    _check_offsets(s)


def test_forum_copy_body_leaves_out_the_metadata_and_furniture() -> None:
    s = load_statement(DEV / "d01-southport-next-steps-prevent.txt")
    header = s.text[: s.body_start]
    assert "Published 21 January 2025" in header and "From:" in header
    assert "Continues" not in s.body and "GOV.UK" not in s.body and "Comments" not in s.body
    # the title is the page's, not the forum post's
    assert s.title_span is not None and s.line_of(s.title_span.start) == 5


def test_front_matter_metadata_and_title_span() -> None:
    s = load_statement(DEV / "d02-preventing-radicalisation.txt")
    assert s.url == "https://www.gov.uk/"
    assert s.title_span is not None and s.line_of(s.title_span.start) == 2
    assert s.line_of(s.body_start) == 10


def test_content_api_example() -> None:
    s = load_statement(DATA / "formats" / "govuk-content-api-example.json")
    assert s.source_format is SourceFormat.GOVUK_JSON
    assert s.title == "Preventing radicalisation"
    assert s.kind == "written statement"
    assert s.date == dt.date(2024, 12, 17)
    assert s.speaker == "Yvette Cooper"
    assert s.role == "Secretary of State for the Home Department"
    assert s.department == "Home Office"
    assert s.url == "https://www.gov.uk/government/speeches/preventing-radicalisation-example"
    assert s.text.startswith("Preventing radicalisation\n\nIn July I commissioned")
    assert s.body.endswith("working as it should.")
    paragraphs = s.body.split("\n\n")
    assert len(paragraphs) == 5 and "£140 million" in paragraphs[1]
    _check_offsets(s)
    # file:line for JSON points at the JSON line that holds the title, then the body
    assert s.line_of(0) == 7
    assert s.line_of(s.body_start + 10) == 12


HELD_OUT = DATA / "statements"


@pytest.mark.parametrize("path", sorted(iter_statement_files([HELD_OUT])), ids=lambda p: p.stem)
def test_held_out_statements_give_the_gold_date_and_speaker(path: Path) -> None:
    gold = json.loads((HELD_OUT / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))["statement"]
    s = load_statement(path)
    assert (s.date.isoformat(), s.speaker) == (gold["date"], gold["speaker"])
    _check_offsets(s)


# ---------------------------------------------------------------- other layouts


def test_page_with_the_label_above_the_title() -> None:
    s = load_statement(INPUTS / "page-label-first.txt")
    assert s.title == "Border security: next steps"
    assert (s.kind, s.date) == ("oral statement", dt.date(2025, 5, 14))
    assert (s.speaker, s.department) == ("Jane Example", "Home Office")
    assert s.body.startswith("Mr Speaker, with permission")
    assert s.body.endswith("began work on 1 April.")
    _check_offsets(s)


def test_speech_dated_by_its_delivery() -> None:
    s = load_statement(INPUTS / "speech-delivered.txt")
    assert (s.kind, s.title, s.date, s.speaker) == ("speech", "Keeping communities safe", dt.date(2024, 5, 1),
                                                    "Dan Example")
    assert s.body.startswith("Thank you for having me")
    _check_offsets(s)


def test_crlf_bom_and_unicode_spaces_are_normalised() -> None:
    s = load_statement(INPUTS / "page-crlf.txt")
    assert s.title == "Flood defences update"
    assert (s.date, s.speaker, s.department) == (dt.date(2025, 3, 3), "Sam Sample", "Cabinet Office")
    assert "\r" not in s.text and "\u00a0" not in s.text and "\ufeff" not in s.text
    assert s.body == "The review’s “first phase” ended last week.\n\nIt reported on 28 February."
    assert s.line_of(s.text.index("It reported")) == 8
    _check_offsets(s)


def test_hansard_peer_with_party_and_time_stamp() -> None:
    s = load_statement(INPUTS / "hansard-lords.txt")
    assert s.speaker == "Lord Example of Testbury"
    assert s.role == "Parliamentary Under-Secretary of State, Home Office"
    assert s.date == dt.date(2024, 12, 2)
    assert s.body.startswith("My Lords, with the leave")
    _check_offsets(s)


def test_content_api_html_rendering_and_fallbacks() -> None:
    s = load_statement(INPUTS / "content-api-rich.json")
    assert s.title == "Keeping communities safe"
    assert (s.kind, s.date, s.speaker, s.role) == ("speech", dt.date(2024, 5, 2), "Dan Example", None)
    assert s.body.split("\n\n") == [
        "Introduction", "Thank you & good morning. It’s a pleasure.", "First line\nsecond line",
        "Officers in every town", "A named contact for every ward", "Spaces collapse here.",
    ]
    _check_offsets(s)


def test_html_to_text_keeps_preformatted_text() -> None:
    assert html_to_text("<p>a <b>bold</b>\n move</p><pre>x  = 1\n  y</pre>") == "a bold move\n\nx  = 1\n  y"


def test_json_without_json_suffix_is_still_read(tmp_path: Path) -> None:
    raw = (DATA / "formats" / "govuk-content-api-example.json").read_bytes()
    s = parse_statement(raw, tmp_path / "example.txt")
    assert s.source_format is SourceFormat.GOVUK_JSON and s.stem == "example"


def test_document_types_become_kinds(tmp_path: Path) -> None:
    item = json.loads((DATA / "formats" / "govuk-content-api-example.json").read_text(encoding="utf-8"))
    item["document_type"] = "oral_statement"
    s = parse_statement(json.dumps(item).encode(), tmp_path / "x.json")
    assert s.kind == "oral statement"


# ---------------------------------------------------------------- errors


ERRORS = [
    ("empty.txt", 1, "empty"),
    ("blank.txt", 1, "empty"),
    ("binary.txt", 3, "binary file"),
    ("utf16.txt", 1, "UTF-16"),
    ("bad-utf8.txt", 6, "not valid UTF-8"),
    ("front-matter-no-date.md", 1, "no 'date'"),
    ("front-matter-unclosed.md", 1, "never closed"),
    ("front-matter-bad-yaml.md", 5, "not valid YAML"),
    ("front-matter-typo.md", 4, "did you mean 'speaker'"),
    ("front-matter-bad-date.md", 4, "'17 Decembre 2024'"),
    ("page-bad-date.txt", 4, "'31 February 2025'"),
    ("hansard-wrong-weekday.txt", 2, "'Thursday 8 February 2023'"),
    ("not-a-statement.txt", 1, "not a statement"),
    ("not-a-statement.json", 1, "no 'title'"),
    ("broken.json", 6, "not valid JSON at column 1"),
    ("json-bad-date.json", 4, "'17/12/2024'"),
    ("no-body.txt", 4, "no statement text"),
]


@pytest.mark.parametrize(("name", "line", "what"), ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_files_name_the_file_the_line_and_the_fix(name: str, line: int, what: str) -> None:
    path = INPUTS / name
    with pytest.raises(InputError) as info:
        load_statement(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert what in message
    assert "; " in message and "\n" not in message


def test_missing_and_folder_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_statement(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a folder"):
        load_statement(tmp_path)


# ---------------------------------------------------------------- finding files


def test_iter_statement_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.json", "a.corrections.yaml", "d.corrections.txt", ".hidden.txt",
                 "README.md", "notes.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.txt").write_text("x", encoding="utf-8")
    extra = tmp_path / "sub" / "e.txt"
    found = iter_statement_files([tmp_path, extra, tmp_path / "b.txt", tmp_path / "notes.csv"])
    assert [p.name for p in found] == ["a.md", "b.txt", "c.json", "e.txt", "notes.csv"]


def test_iter_statement_files_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope: no such file or folder"):
        iter_statement_files([tmp_path / "nope"])
    (tmp_path / "only.csv").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="has no statement files"):
        iter_statement_files([tmp_path])


def test_the_dev_folder_reads_whole() -> None:
    statements = [load_statement(p) for p in iter_statement_files([DEV])]
    assert [s.stem for s in statements] == sorted(DEV_EXPECTED)


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("21 January 2025", dt.date(2025, 1, 21)),
        ("2024-12-17", dt.date(2024, 12, 17)),
        ("Wednesday 8 February 2023", dt.date(2023, 2, 8)),
        ("2024-09-04T14:10:00.000+01:00", dt.date(2024, 9, 4)),
        ("2024-12-17T23:30:00Z", dt.date(2024, 12, 17)),
        ("3rd Sept 2024", dt.date(2024, 9, 3)),
        ("January 21, 2025", dt.date(2025, 1, 21)),
    ],
)
def test_dates_read(written: str, day: dt.date) -> None:
    assert parse_date(written) == day


@pytest.mark.parametrize(
    "written",
    ["21 Janury 2025", "31 February 2025", "Thursday 8 February 2023", "17/12/2024", "January 2025", "2025",
     "next Tuesday", ""],
)
def test_dates_refused(written: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(written)


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("The Rt Hon Yvette Cooper MP", "Yvette Cooper"),
        ("The Rt Hon Sir Keir Starmer KCB KC MP", "Keir Starmer"),
        ("Dan Jarvis MBE MP", "Dan Jarvis"),
        ("Lord Hanson of Flint", "Lord Hanson of Flint"),
        ("Baroness Casey", "Baroness Casey"),
    ],
)
def test_speaker_names_lose_styles(written: str, plain: str) -> None:
    assert plain_name(written) == plain


@pytest.mark.parametrize(
    ("value", "department", "speaker"),
    [
        ("Home Office and The Rt Hon Yvette Cooper MP", "Home Office", "Yvette Cooper"),
        ("Department for Science, Innovation and Technology and The Rt Hon Jo Bloggs MP",
         "Department for Science, Innovation and Technology", "Jo Bloggs"),
        ("Home Office, Ministry of Justice and Lord Hanson of Flint", "Home Office", "Lord Hanson of Flint"),
        ("Home Office, The Rt Hon Yvette Cooper MP and Dan Jarvis MBE MP", "Home Office", "Yvette Cooper"),
        ("Department for Energy Security and Net Zero", "Department for Energy Security and Net Zero", None),
        ("Home Office", "Home Office", None),
    ],
)
def test_from_lines_split_into_department_and_speaker(
    value: str, department: str | None, speaker: str | None
) -> None:
    assert split_from_line(value) == (department, speaker)


def test_normalise_text_rules() -> None:
    raw = "\ufeffA\u00a0B\u2009C\u202fD\tE  \r\nF\u200bG\rH\u2028I ’quoted’ “x”"
    assert normalise_text(raw) == "A B C D E\nFG\nH\nI ’quoted’ “x”"
    assert normalise_text("Cafe\u0301") == "Café"


@given(st.text())
def test_normalise_text_is_idempotent(s: str) -> None:
    once = normalise_text(s)
    assert normalise_text(once) == once


@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\u00a0\u200b\u0301\u2028’'e\u2000"))))
def test_normalise_text_is_idempotent_on_tricky_characters(s: str) -> None:
    once = normalise_text(s)
    assert normalise_text(once) == once
    assert "\r" not in once and "\t" not in once and not any(line.endswith(" ") for line in once.split("\n"))


# ---------------------------------------------------------------- more layouts, and no crashes


@pytest.mark.parametrize("name", ["page-real-layout.txt", "forum-run-on.txt"])
def test_page_layouts_find_the_title_after_the_label(name: str) -> None:
    s = load_statement(INPUTS / name)
    assert s.title == "Southport attack: next steps"
    assert (s.kind, s.date) == ("oral statement", dt.date(2025, 1, 21))
    assert (s.speaker, s.department) == ("Yvette Cooper", "Home Office")
    assert s.body.lstrip('"').startswith("With permission Mr Speaker")
    _check_offsets(s)


def test_a_debate_mentioned_in_a_page_is_not_a_hansard_heading() -> None:
    s = load_statement(INPUTS / "page-mentions-a-debate.txt")
    assert (s.source_format, s.title, s.date) == (SourceFormat.GOVUK_PAGE, "Bill passes", dt.date(2024, 5, 4))


_FRAGMENTS = [
    "---\n", "title: T\n", "date: 2024-12-17\n", "Published 21 January 2025", "Published 31 Foo 2025",
    "From: Home Office and The Rt Hon Yvette Cooper MP", "Oral statement to Parliament", "Speech\n",
    "Volume 727: debated on Wednesday 8 February 2023\n", "The Minister for Security (Dan Jarvis)\n",
    "Continues. See link :-", "X - GOV.UK\n", "Forum Topic\n", "Large section removed. See the link at end.",
    "Some prose. ", "\n", "\n\n", " ", "{", "}", '"title": "x"', "\u00a0", "\r\n", "’",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14), st.sampled_from(["x.txt", "x.md", "x.json"]))
def test_any_text_reads_or_fails_with_an_input_error(parts: list[str], name: str) -> None:
    try:
        s = parse_statement("".join(parts).encode("utf-8"), Path(name))
    except InputError as exc:
        assert str(exc).startswith(f"{name}:")
        return
    _check_offsets(s)
