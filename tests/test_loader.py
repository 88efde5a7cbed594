"""The loader's rules, one or more tests each: what loads, to what, and what is refused where."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
import yaml

import tui.format.yamltree
from tui.format.loader import (
    Loaded,
    default_briefing_path,
    load_bytes,
    load_path,
    load_text,
    read_bytes,
)
from tui.format.problems import BriefingError, Problem, UnreadableFileError
from tui.format.yamltree import Limits
from tui.model import BlockQuote, ListBlock, Quote, Section, TalkingPoint
from tui.text import count_unsafe, normalize_space, sanitize, sanitize_line, slugify

#: A valid briefing of four lines; tests append keys from line 5 on.
MINIMAL = "title: Ministers meet\nsections:\n  - heading: Talks\n    body: They talked.\n"


def load(text: str, *, limits: Limits | None = None, strict: bool = False) -> Loaded:
    return load_bytes(text.encode("utf-8"), "b.yaml", limits=limits, strict=strict)


def problems(data: str | bytes, *, limits: Limits | None = None, strict: bool = False) -> list[str]:
    """The one-line messages of a briefing that must fail to load."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(BriefingError) as info:
        load_bytes(raw, "b.yaml", limits=limits, strict=strict)
    return [str(problem) for problem in info.value.problems]


def warnings(text: str) -> list[str]:
    return [str(problem) for problem in load(text).warnings]


def test_uses_libyaml_when_present() -> None:
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    # Private: nothing public says which parser the loader chose.
    assert tui.format.yamltree._SafeLoader is expected


def test_minimal_briefing_loads_without_warnings() -> None:
    loaded = load(MINIMAL)
    assert loaded.warnings == []
    briefing = loaded.briefing
    assert briefing.title == "Ministers meet"
    assert briefing.sections == (Section("talks", "Talks", ("They talked.",)),)
    assert briefing.path == "b.yaml"
    assert (briefing.subtitle, briefing.source, briefing.published) == (None, None, None)
    assert briefing.authors == briefing.tags == ()
    assert briefing.talking_points == briefing.quotes == ()


# -- text is literal -------------------------------------------------------------------

LITERALS = [
    "no",
    "No",
    "off",
    "on",
    "yes",
    "y",
    "n",
    "true",
    "False",
    "1.10",
    "0777",
    "0o17",
    "0x1F",
    "1e3",
    "1_000",
    "12:30:00",
    "2022-01-01",
    "2022-01-01 10:00:00",
    ".inf",
    "-.Inf",
    ".NaN",
    "+1",
    "=",
    "<<",
]


@pytest.mark.parametrize("value", LITERALS)
def test_plain_scalars_stay_exactly_the_text_written(value: str, parser: str) -> None:
    text = (
        f"title: {value}\n"
        f"subtitle: {value}\n"
        "sections:\n"
        f"  - heading: {value}\n"
        f"    body: {value}\n"
        f"tags:\n  - {value}\n"
        f"talking_points:\n  - {value}\n  - text: {value}\n"
        f"quotes:\n  - speaker: {value}\n    text: {value}\n"
    )
    briefing = load(text).briefing
    assert briefing.title == value
    assert briefing.subtitle == value
    assert briefing.sections[0].heading == value
    assert briefing.sections[0].blocks == (value,)
    assert briefing.tags == (value,)
    assert [point.text for point in briefing.talking_points] == [value, value]
    assert briefing.quotes == (Quote(value, value),)


@pytest.mark.parametrize("empty", ["", " ~", " null", " Null", " NULL"])
def test_empty_or_null_optional_text_is_absent(empty: str, parser: str) -> None:
    loaded = load(MINIMAL + f"subtitle:{empty}\nsummary:{empty}\npublished:{empty}\n")
    assert (loaded.briefing.subtitle, loaded.briefing.summary) == (None, None)
    assert loaded.briefing.published is None
    assert loaded.warnings == []


def test_quoted_null_words_are_text(parser: str) -> None:
    briefing = load(MINIMAL + "subtitle: '~'\nsummary: \"null\"\ntags: ['~', ~x, nulls]\n").briefing
    assert (briefing.subtitle, briefing.summary) == ("~", "null")
    assert briefing.tags == ("~", "~x", "nulls")


def test_null_where_text_is_required_is_an_error(parser: str) -> None:
    text = "title:\nsections:\n  - heading: ~\n    body: They talked.\ntalking_points:\n  - null\n"
    assert problems(text) == [
        "b.yaml:1:7: error: title: expected text, got nothing",
        "b.yaml:3:14: error: sections[0].heading: expected text, got nothing",
        "b.yaml:6:5: error: talking_points[0]: expected text, got nothing",
    ]


def test_plain_str_tag_and_non_specific_tag_are_allowed(parser: str) -> None:
    briefing = load(MINIMAL + "subtitle: !!str 1.10\nsummary: ! yes\n").briefing
    assert (briefing.subtitle, briefing.summary) == ("1.10", "yes")


# -- nothing runs, no typed values -----------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ("!!python/object/apply:os.system", "!!python/object/apply:os.system"),
        ("!!python/object/new:os.system", "!!python/object/new:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!<tag:yaml.org,2002:python/object/apply:os.system>", "!!python/object/apply:os.system"),
    ],
)
def test_python_tags_are_errors_and_nothing_runs(
    tag: str, shown: str, parser: str, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    text = f'title: {tag} ["touch {marker}"]\n' + MINIMAL.split("\n", 1)[1]
    assert problems(text) == [
        f"b.yaml:1:8: error: tag {shown} is not allowed; briefings use plain YAML only"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!int 12", "!!int"),
        ("!!binary aGk=", "!!binary"),
        ("!!timestamp 2022-01-01", "!!timestamp"),
        ("!custom x", "!custom"),
        ("!!set {a}", "!!set"),
    ],
)
def test_other_tags_are_errors(value: str, shown: str) -> None:
    assert problems(MINIMAL + f"subtitle: {value}\n") == [
        f"b.yaml:5:11: error: tag {shown} is not allowed; briefings use plain YAML only"
    ]


# -- encoding --------------------------------------------------------------------------


def test_utf8_byte_order_mark_is_accepted() -> None:
    loaded = load_bytes(b"\xef\xbb\xbf" + MINIMAL.encode(), "b.yaml")
    assert loaded.briefing.title == "Ministers meet"
    assert loaded.warnings == []


def test_crlf_line_ends_give_the_same_briefing_and_positions() -> None:
    text = MINIMAL + "summary: |\n  First paragraph\n  goes on.\n\n  Second.\n"
    crlf = text.replace("\n", "\r\n").encode()
    assert load_bytes(crlf, "b.yaml").briefing == load(text).briefing
    bad = (text + "subtitle: [x]\n").replace("\n", "\r\n").encode()
    assert problems(bad) == ["b.yaml:10:11: error: subtitle: expected text, got a list"]


@pytest.mark.parametrize("odd", ["\r", "\x85", "\u2028", "\u2029"], ids=["CR", "NEL", "LS", "PS"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_lines_are_counted_as_an_editor_and_grep_count_them(
    odd: str, newline: str, parser: str
) -> None:
    """A lone CR, NEL or U+2028 inside a line does not shift the positions after it."""
    head = f'title: "Ministers{odd}meet"{newline}summary: "a{odd}b"{newline}'
    rest = MINIMAL.split("\n", 1)[1].replace("\n", newline)
    assert problems(head + rest + "subtitle: [x]" + newline) == [
        "b.yaml:6:11: error: subtitle: expected text, got a list"
    ]
    (syntax,) = problems(head + f"sections: [{newline}")
    assert syntax.startswith("b.yaml:4:1: error: YAML syntax:")


def test_old_mac_line_ends_are_lines() -> None:
    """A file whose lines end in CR alone (no LF anywhere) is counted by its CRs."""
    assert problems((MINIMAL + "subtitle: [x]\n").replace("\n", "\r")) == [
        "b.yaml:5:11: error: subtitle: expected text, got a list"
    ]


def test_bom_and_crlf_together() -> None:
    data = b"\xef\xbb\xbf" + (MINIMAL + "tags: [[x]]\n").replace("\n", "\r\n").encode()
    assert problems(data) == ["b.yaml:5:8: error: tags[0]: expected text, got a list"]


def test_non_utf8_byte_is_an_error_at_its_position() -> None:
    data = MINIMAL.encode() + "location: Bogotá\n".encode("latin-1")
    assert problems(data) == [
        "b.yaml:5:16: error: invalid UTF-8 byte 0xe1; briefings must be UTF-8 text"
    ]


def test_truncated_utf8_sequence_is_an_error() -> None:
    data = MINIMAL.encode() + "location: Bogotá".encode()[:-1]
    assert problems(data) == [
        "b.yaml:5:16: error: invalid UTF-8 byte 0xc3; briefings must be UTF-8 text"
    ]


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32-le", "UTF-32")],
)
def test_utf16_and_utf32_with_bom_are_named(encoding: str, name: str) -> None:
    data = ("\ufeff" + MINIMAL).encode(encoding)
    assert problems(data) == [f"b.yaml:1:1: error: file is {name} encoded; briefings must be UTF-8"]


def test_utf16_without_bom_is_binary() -> None:
    assert problems(MINIMAL.encode("utf-16-le")) == [
        "b.yaml:1:2: error: NUL byte: this is a binary file, not a YAML briefing"
    ]


def test_nul_byte_is_an_error_at_its_position() -> None:
    data = MINIMAL.encode() + b"subtitle: a\x00b\n"
    assert problems(data) == [
        "b.yaml:5:12: error: NUL byte: this is a binary file, not a YAML briefing"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            bytes(range(256)),
            "b.yaml:1:1: error: NUL byte: this is a binary file, not a YAML briefing",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "b.yaml:3:1: error: NUL byte: this is a binary file, not a YAML briefing",
        ),
        (
            b"\x1f\x8b\x08\x08garbage",
            "b.yaml:1:2: error: invalid UTF-8 byte 0x8b; briefings must be UTF-8 text",
        ),
        (
            b"\x1b[31mred\n",
            "b.yaml:1:1: error: character U+001B is not allowed in YAML text",
        ),
    ],
    ids=["all-bytes", "png", "gzip", "escape"],
)
def test_binary_garbage_is_one_clean_error(data: bytes, expected: str) -> None:
    assert problems(data) == [expected]


def test_raw_control_character_is_not_yaml_text() -> None:
    assert problems(MINIMAL + "subtitle: ring\x07\n") == [
        "b.yaml:5:15: error: character U+0007 is not allowed in YAML text"
    ]


def test_raw_escape_character_is_not_yaml_text() -> None:
    assert problems(MINIMAL + "subtitle: \x1b[2J\n") == [
        "b.yaml:5:11: error: character U+001B is not allowed in YAML text"
    ]


#: Text before a problem on the same line, and how many columns (code points) it takes.
WIDE_PREFIXES = [
    pytest.param("中中中", 3, id="cjk"),
    pytest.param("😀😀", 2, id="emoji"),  # astral plane: 4 bytes, 2 UTF-16 units, 1 column each
    pytest.param("e\u0301", 2, id="combining"),  # é as e + U+0301: two code points
]


@pytest.mark.parametrize(("prefix", "width"), WIDE_PREFIXES)
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["", "bom"])
def test_control_character_column_counts_characters_not_bytes(
    prefix: str, width: int, bom: bytes, parser: str
) -> None:
    data = bom + f"subtitle: x\ntitle: {prefix}\x01\n".encode()
    assert problems(data) == [
        f"b.yaml:2:{8 + width}: error: character U+0001 is not allowed in YAML text"
    ]


@pytest.mark.parametrize(("prefix", "width"), WIDE_PREFIXES)
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["", "bom"])
def test_byte_errors_are_placed_in_characters(prefix: str, width: int, bom: bytes) -> None:
    line = f"title: {prefix}".encode()
    assert problems(bom + line + b"\x00\n") == [
        f"b.yaml:1:{8 + width}: error: NUL byte: this is a binary file, not a YAML briefing"
    ]
    assert problems(bom + b"a: b\n" + line + b"\xe1\n") == [
        f"b.yaml:2:{8 + width}: error: invalid UTF-8 byte 0xe1; briefings must be UTF-8 text"
    ]


@pytest.mark.parametrize(("prefix", "width"), WIDE_PREFIXES)
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["", "bom"])
def test_syntax_and_tag_errors_are_placed_in_characters(
    prefix: str, width: int, bom: bytes, parser: str
) -> None:
    (message,) = problems(bom + f"title: {prefix}: x\n".encode())
    assert message.startswith(f"b.yaml:1:{8 + width}: error: YAML syntax: ")
    assert problems(bom + f"title: [{prefix}, !!int 1]\n".encode()) == [
        f"b.yaml:1:{11 + width}: error: tag !!int is not allowed; briefings use plain YAML only"
    ]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: !<%C0%80> x\n", 1, 8),  # an overlong encoding of NUL
        ("title: !<%ED%A0%80> x\n", 1, 8),  # a UTF-16 surrogate
        ("title: x\nsummary: [a, !<%C0%80> b]\n", 2, 14),
        ("title: x\nsummary:\n  # a comment!\n  - !<%C0%80> b\n", 4, 5),
        ("%TAG !e! tag:%ED%A0%80:\n---\ntitle: !e!x y\n", 1, 1),
    ],
    ids=["overlong", "surrogate", "flow", "after-comment", "tag-directive"],
)
def test_tags_escaped_to_bad_utf8_are_positioned_errors(
    text: str, line: int, column: int, parser: str
) -> None:
    """libyaml's binding raises UnicodeDecodeError for these; it must not escape the loader.

    libyaml places the error at the start of the tag or directive; the
    pure-Python parser at the escape, on the same line.
    """
    (message,) = problems(text)
    position = f"{line}:{column}:" if parser == "libyaml" else f"{line}:"
    assert message.startswith(f"b.yaml:{position}")
    assert ": error: YAML syntax: " in message


def test_any_exception_inside_the_parser_is_a_positioned_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever the parser raises, the loader reports a problem; it never fails as if buggy."""

    class Failing(tui.format.yamltree._SafeLoader):  # type: ignore[misc,name-defined]
        def get_event(self) -> object:
            event = super().get_event()
            if type(event) is yaml.ScalarEvent and event.value == "boom":
                raise ValueError("something PyYAML did not expect")
            return event

    monkeypatch.setattr(tui.format.yamltree, "_SafeLoader", Failing)
    assert problems(MINIMAL + "summary:   boom\n") == [
        "b.yaml:5:12: error: YAML syntax: the YAML parser failed here (ValueError)"
    ]


def test_a_lone_surrogate_in_text_is_a_positioned_error(parser: str) -> None:
    """Only reachable through load_text: UTF-8 bytes never decode to a lone surrogate."""
    with pytest.raises(BriefingError) as info:
        load_text("title: a\ud800\n", "b.yaml")
    assert [str(problem) for problem in info.value.problems] == [
        "b.yaml:1:9: error: character U+D800 is not allowed in YAML text"
    ]


# -- sanitising ------------------------------------------------------------------------


def test_escaped_terminal_controls_are_made_visible_with_a_warning() -> None:
    loaded = load(MINIMAL + 'subtitle: "\\e]2;owned\\a and \\u202Eevil"\n')
    assert loaded.briefing.subtitle == "␛]2;owned␇ and \ufffdevil"
    assert [str(w) for w in loaded.warnings] == [
        "b.yaml:5:11: warning: subtitle: contains terminal control characters;"
        " they are shown as placeholders"
    ]


def test_lone_surrogate_escape_never_reaches_the_model(parser: str) -> None:
    text = MINIMAL + 'subtitle: "\\ud800"\n'
    try:
        subtitle = load(text).briefing.subtitle
    except BriefingError as error:  # libyaml refuses the escape outright
        assert "Unicode character escape" in str(error)
    else:  # the pure-Python parser lets it through; the loader replaces it
        assert subtitle == "\ufffd"


def test_messages_are_one_line_even_when_they_quote_text() -> None:
    text = MINIMAL + 'talking_points:\n  - text: x\n    section: "a\\nb\\e[31m"\n'
    assert problems(text) == [
        "b.yaml:7:14: error: talking_points[0].section: no section has id 'a b␛[31m'",
        "b.yaml:7:14: warning: talking_points[0].section: contains terminal control characters;"
        " they are shown as placeholders",
    ]


def test_file_name_is_sanitised_in_messages() -> None:
    with pytest.raises(BriefingError) as info:
        load_bytes(b"title: [x]\n", "evil\x1b]2;x\x07\n.yaml")
    assert str(info.value.problems[0]).startswith("evil␛]2;x␇ .yaml:1:1: error: ")


# -- syntax and structure --------------------------------------------------------------


def test_yaml_syntax_error_is_positioned_and_names_where_it_started() -> None:
    text = "title: Ministers meet\nsections:\n  - heading: Talks\n    body: [unclosed\n"
    (message,) = problems(text)
    assert message.startswith("b.yaml:5:1: error: YAML syntax: ")
    assert message.endswith("(while parsing a flow sequence started at line 4, column 11)")


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("title: x\nsections:\n  - id: a\n    heading", "4:12"),
        ("title: [a, b", "1:13"),
        ("title: x\r\nbody: [a\r\n  - b", "3:6"),
        ("\ufeff\ufefftitle: [a, b", "1:14"),
    ],
    ids=["block", "flow", "crlf", "second-bom"],
)
def test_an_error_at_the_end_of_a_file_without_a_final_line_break_is_on_its_last_line(
    text: str, position: str, parser: str
) -> None:
    """libyaml ends the last line itself, and placed the error on a line past the file's end.

    Found by the fuzz harness (fuzz/regressions/eof-past-last-line.yaml and, for a BOM left
    after the one the loader takes off, which libyaml skips uncounted,
    second-bom-eof-past-last-line.yaml).
    """
    (message,) = problems(text)
    assert message.startswith(f"b.yaml:{position}: error: YAML syntax: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---", "1:4: error: the top level must be a mapping (title: …, sections: …), got nothing"),
        ("title: x\nsections:\n  -", "3:4: error: sections[0]: expected a mapping, got nothing"),
    ],
    ids=["document", "list-item"],
)
def test_a_value_left_out_at_the_end_of_a_file_is_placed_on_its_last_line(
    text: str, expected: str, parser: str
) -> None:
    """Found by the fuzz harness (fuzz/regressions/empty-document-past-last-line.yaml)."""
    assert problems(text) == [f"b.yaml:{expected}"]


def test_tab_indentation_is_an_error_at_the_tab() -> None:
    text = "title: Ministers meet\nsections:\n  - heading: Talks\n  \tbody: They talked.\n"
    assert problems(text) == [
        "b.yaml:4:3: error: tab character in indentation; YAML indents with spaces only"
    ]


def test_tabs_inside_text_are_fine() -> None:
    assert load(MINIMAL + "subtitle: a\tb\n").briefing.subtitle == "a\tb"


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# nothing\n# here\n", "\ufeff# bom\n"])
def test_empty_file_or_only_comments_is_an_error(text: str) -> None:
    assert problems(text) == [
        "b.yaml:1:1: error: empty file: a briefing needs a title and sections"
    ]


@pytest.mark.parametrize(
    ("text", "got"),
    [
        ("- a\n- b\n", "a list"),
        ("just words\n", "text"),
        ("'quoted'\n", "text"),
        ("---\n", "nothing"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, got: str) -> None:
    (message,) = problems(text)
    assert message.endswith(
        f"error: the top level must be a mapping (title: …, sections: …), got {got}"
    )


def test_document_markers_around_one_document_are_fine() -> None:
    assert load("---\n" + MINIMAL + "...\n").briefing.title == "Ministers meet"


@pytest.mark.parametrize(
    ("suffix", "position"),
    [("---\ntitle: Again\n", "5:1"), ("...\n---\ntitle: Again\n", "6:1"), ("--- x\n", "5:1")],
)
def test_more_than_one_document_is_an_error(suffix: str, position: str) -> None:
    assert problems(MINIMAL + suffix) == [
        f"b.yaml:{position}: error: a second YAML document; a briefing file holds exactly one"
    ]


def test_duplicate_keys_are_errors_at_the_second_key(parser: str) -> None:
    text = (
        "title: Ministers meet\n"
        "sections:\n"
        "  - heading: Talks\n"
        "    body: They talked.\n"
        "    heading: Again\n"
        "source: {name: A, name: B}\n"
        "title: Twice\n"
    )
    assert problems(text) == [
        "b.yaml:5:5: error: duplicate key 'heading' (first at line 3)",
        "b.yaml:6:19: error: duplicate key 'name' (first at line 6)",
        "b.yaml:7:1: error: duplicate key 'title' (first at line 1)",
    ]


@pytest.mark.parametrize("key", ["[a, b]", "{a: b}", "~", "null"])
def test_mapping_keys_must_be_text(key: str) -> None:
    text = MINIMAL + f"? {key}\n: value\n"
    assert problems(text) == ["b.yaml:5:3: error: mapping keys must be plain text"]


def test_all_problems_are_reported_in_one_run_in_file_order() -> None:
    text = (
        "title: ''\n"
        "summary: [not, text]\n"
        "sections:\n"
        "  - heading: Talks\n"
        "    body: They talked.\n"
        "    headng: Typo\n"
        "quotes:\n"
        "  - speaker: A. Minister\n"
        "  - text: Said nothing.\n"
        "published: soon\n"
    )
    assert problems(text) == [
        "b.yaml:1:8: error: title: must not be empty",
        "b.yaml:2:10: error: summary: expected text, got a list",
        "b.yaml:6:5: warning: sections[0].headng: unknown key; did you mean heading?",
        "b.yaml:8:5: error: quotes[0]: missing required key 'text'",
        "b.yaml:9:5: error: quotes[1]: missing required key 'speaker'",
        "b.yaml:10:12: error: published: 'soon' is not a date;"
        " write YYYY-MM-DD or an ISO 8601 date-time",
    ]


def test_briefing_error_keeps_errors_and_warnings_apart() -> None:
    with pytest.raises(BriefingError) as info:
        load(MINIMAL + "colour: red\ntitle: again\n")
    error = info.value
    assert [p.severity for p in error.problems] == ["warning", "error"]
    assert [p.message for p in error.errors] == ["duplicate key 'title' (first at line 1)"]


def test_problem_prints_gcc_style() -> None:
    problem = Problem(3, 14, "warning", "quotes[0].role: something", "dir/b.yaml")
    assert str(problem) == "dir/b.yaml:3:14: warning: quotes[0].role: something"
    assert not problem.is_error


# -- keys and their types --------------------------------------------------------------


def test_unknown_top_level_key_is_a_warning_with_a_suggestion() -> None:
    loaded = load(MINIMAL + "talkng_points:\n  - Trade\n")
    assert [str(w) for w in loaded.warnings] == [
        "b.yaml:5:1: warning: talkng_points: unknown key; did you mean talking_points?"
    ]
    assert loaded.briefing.talking_points == ()


def test_unknown_key_without_a_near_match_lists_the_known_ones() -> None:
    assert warnings(MINIMAL + "source:\n  name: Wire\n  colour: red\n") == [
        "b.yaml:7:3: warning: source.colour: unknown key (known: name, url)"
    ]


def test_suggestions_for_unknown_keys_cost_a_bounded_amount_per_file(monkeypatch) -> None:
    """20,000 different misspelt keys took seconds: each was compared with every known key.

    The work is counted in pairs of words compared (machine-independent): a
    budget per file bounds it; keys past it are still reported, with the known keys.
    """
    pairs = 0
    set_seq1 = difflib.SequenceMatcher.set_seq1  # called once per pair get_close_matches scores

    def counting(self: difflib.SequenceMatcher[str], a: str) -> None:
        nonlocal pairs
        pairs += 1
        set_seq1(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
    found = warnings(MINIMAL + "".join(f"titl{i}: x\n" for i in range(20_000)))
    assert len(found) == 20_000
    assert found[0] == "b.yaml:5:1: warning: titl0: unknown key; did you mean title?"
    assert found[-1].startswith("b.yaml:20004:1: warning: titl19999: unknown key")
    assert pairs <= 20_000, f"{pairs} pairs of words compared"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\nsections:\n  - heading: H\n    bdy: B\n    body: B\n",
            "b.yaml:4:5: warning: sections[0].bdy: unknown key; did you mean body?",
        ),
        (
            MINIMAL + "quotes:\n  - speaker: S\n    text: T\n    rol: R\n",
            "b.yaml:8:5: warning: quotes[0].rol: unknown key; did you mean role?",
        ),
        (
            MINIMAL + "talking_points:\n  - text: T\n    sectoin: talks\n",
            "b.yaml:7:5: warning: talking_points[0].sectoin: unknown key; did you mean section?",
        ),
    ],
)
def test_unknown_nested_keys_are_warnings(text: str, expected: str) -> None:
    assert warnings(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\nsections:\n  - \u200bheading: H\n    heading: H\n    body: B\n",
            'b.yaml:3:5: warning: sections[0]."<U+200B>heading": unknown key;'
            " did you mean heading?",
        ),
        (
            MINIMAL + "\u200d section: talks\n",
            'b.yaml:5:1: warning: "<U+200D> section": unknown key; did you mean sections?',
        ),
        (
            MINIMAL + '"tags ": [a]\n',
            'b.yaml:5:1: warning: "tags ": unknown key; did you mean tags?',
        ),
        (
            MINIMAL + '"\\e[31mtags": [a]\n',
            'b.yaml:5:1: warning: "<U+001B>[31mtags": unknown key; did you mean tags?',
        ),
    ],
    ids=["invisible", "invisible-and-space", "trailing-space", "escape"],
)
def test_an_unknown_key_that_looks_like_a_known_one_is_shown_quoted(
    text: str, expected: str
) -> None:
    """Not "heading: unknown key; did you mean heading?": what hides in the key is shown.

    Found by the fuzz harness (fuzz/regressions/invisible-key-label.yaml).
    """
    assert warnings(text) == [expected]


def test_strict_turns_warnings_into_errors() -> None:
    text = MINIMAL + "talkng_points: []\n"
    assert load(text).briefing.title == "Ministers meet"
    assert problems(text, strict=True) == [
        "b.yaml:5:1: error: talkng_points: unknown key; did you mean talking_points?"
    ]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("subtitle", "[a]", "5:11: error: subtitle: expected text, got a list"),
        ("summary", "{a: b}", "5:10: error: summary: expected text, got a mapping"),
        ("location", "[]", "5:11: error: location: expected text, got a list"),
        ("source", "Wire", "5:9: error: source: expected a mapping, got text"),
        ("published", "[2022]", "5:12: error: published: expected text, got a list"),
        ("authors", "Ana", "5:10: error: authors: expected a list of text, got text"),
        ("tags", "{a: b}", "5:7: error: tags: expected a list of text, got a mapping"),
        ("talking_points", "Trade", "5:17: error: talking_points: expected a list, got text"),
        ("quotes", "{}", "5:9: error: quotes: expected a list, got a mapping"),
        ("format", "[1]", "5:9: error: format: expected text, got a list"),
    ],
)
def test_wrong_types_are_errors_at_the_value(key: str, value: str, expected: str) -> None:
    assert problems(MINIMAL + f"{key}: {value}\n") == [f"b.yaml:{expected}"]


def test_talking_point_text_of_the_wrong_type() -> None:
    text = MINIMAL + "talking_points:\n  - Trade\n  - Migration\n  - text:\n      en: Security\n"
    assert problems(text) == [
        "b.yaml:9:7: error: talking_points[2].text: expected text, got a mapping"
    ]


@pytest.mark.parametrize("title", ["''", '""', "'   '", "|\n  \n"])
def test_empty_title_is_an_error(title: str) -> None:
    text = f"title: {title}\nsections:\n  - heading: Talks\n    body: They talked.\n"
    assert problems(text) == ["b.yaml:1:8: error: title: must not be empty"]


def test_missing_required_keys_are_errors_at_their_mapping() -> None:
    assert problems("subtitle: S\n") == [
        "b.yaml:1:1: error: missing required key 'sections'",
        "b.yaml:1:1: error: missing required key 'title'",
    ]
    text = "title: T\nsections:\n  - id: a\n"
    assert problems(text) == [
        "b.yaml:3:5: error: sections[0]: missing required key 'body'",
        "b.yaml:3:5: error: sections[0]: missing required key 'heading'",
    ]


# -- format ----------------------------------------------------------------------------


def test_format_may_be_given_or_left_out() -> None:
    assert load("format: briefing/1\n" + MINIMAL).warnings == []
    assert load(MINIMAL).warnings == []


@pytest.mark.parametrize("version", ["briefing/2", "1", "briefing/1.0", "'Briefing/1'"])
def test_other_format_is_an_error_naming_the_supported_one(version: str) -> None:
    shown = version.strip("'")
    assert problems(f"format: {version}\n" + MINIMAL) == [
        f"b.yaml:1:9: error: format: unsupported format '{shown}'; this reader reads briefing/1"
    ]


# -- sections, ids, bodies -------------------------------------------------------------


def test_no_sections_is_an_error() -> None:
    assert problems("title: T\nsections: []\n") == [
        "b.yaml:2:11: error: sections: needs at least one section"
    ]


def test_section_that_is_not_a_mapping_is_an_error() -> None:
    assert problems("title: T\nsections:\n  - Talks\n") == [
        "b.yaml:3:5: error: sections[0]: expected a mapping, got text"
    ]


def test_ids_default_to_a_slug_of_the_heading() -> None:
    text = (
        "title: T\nsections:\n"
        "  - heading: Blinken’s main talking points\n    body: x\n"
        "  - heading: '  US  priorities! '\n    body: x\n"
        "  - heading: 日本\n    body: x\n"
    )
    sections = load(text).briefing.sections
    assert [s.id for s in sections] == ["blinken-s-main-talking-points", "us-priorities", "section"]
    assert sections[1].heading == "US priorities!"


def test_default_ids_are_deduplicated_and_given_ids_win() -> None:
    text = (
        "title: T\nsections:\n"
        "  - heading: Talks\n    body: x\n"
        "  - heading: Talks\n    body: x\n"
        "  - heading: Talks\n    body: x\n"
        "  - id: talks-2\n    heading: Other\n    body: x\n"
    )
    assert [s.id for s in load(text).briefing.sections] == [
        "talks",
        "talks-3",
        "talks-4",
        "talks-2",
    ]


@pytest.mark.parametrize("given", ["Talks", "talks_1", "tälks", "a b", "''"])
def test_given_id_must_be_a_non_empty_slug(given: str) -> None:
    text = f"title: T\nsections:\n  - id: {given}\n    heading: H\n    body: x\n"
    why = "must not be empty" if given == "''" else "must be a slug of a-z, 0-9 and '-'"
    assert problems(text) == [f"b.yaml:3:9: error: sections[0].id: {why}"]


def test_duplicate_section_id_is_an_error_at_the_second() -> None:
    text = (
        "title: T\nsections:\n"
        "  - id: talks\n    heading: A\n    body: x\n"
        "  - id: talks\n    heading: B\n    body: x\n"
    )
    assert problems(text) == [
        "b.yaml:6:9: error: sections[1].id: duplicate section id 'talks' (first at line 3)"
    ]


def test_body_text_splits_into_paragraphs_at_blank_lines() -> None:
    text = (
        "title: T\nsections:\n  - heading: H\n    body: |\n"
        "      First paragraph,\n      still the first.\n\n"
        "      Second   paragraph.\n      \n"
        "      Third, after a line of spaces.\n\n\n"
    )
    assert load(text).briefing.sections[0].blocks == (
        "First paragraph, still the first.",
        "Second paragraph.",
        "Third, after a line of spaces.",
    )


@pytest.mark.parametrize(
    "body",
    [
        ">\n      One\n      continues.\n\n      Two.\n",
        ">-\n      One\n      continues.\n\n      Two.\n",
        "|-\n      One\n      continues.\n   \n      Two.\n",
        "One\n      continues.\n\n      Two.\n",
        "'One\n      continues.\n\n\n      Two.'\n",
        '"One\n      continues.\n\n      Two."\n',
    ],
    ids=["folded", "folded-strip", "literal", "plain", "single-quoted", "double-quoted"],
)
def test_blank_lines_separate_paragraphs_in_every_style(body: str, parser: str) -> None:
    text = f"title: T\nsections:\n  - heading: H\n    body: {body}"
    assert load(text).briefing.sections[0].blocks == ("One continues.", "Two.")


def test_body_may_be_a_list_of_paragraphs() -> None:
    text = (
        "title: T\nsections:\n  - heading: H\n"
        "    body:\n      - One.\n      - >-\n        Two,\n        folded.\n"
    )
    assert load(text).briefing.sections[0].blocks == ("One.", "Two, folded.")


def test_body_keeps_inline_markdown_as_written() -> None:
    text = (
        "title: T\nsections:\n  - heading: H\n"
        "    body: 'Some *emphasis*, **strong** and [a link](https://example.org/a?b=1).'\n"
    )
    assert load(text).briefing.sections[0].blocks == (
        "Some *emphasis*, **strong** and [a link](https://example.org/a?b=1).",
    )


def test_body_list_without_paragraphs_is_a_warning() -> None:
    text = "title: T\nsections:\n  - heading: H\n    body: []\n"
    assert warnings(text) == ["b.yaml:4:11: warning: sections[0].body: section has no paragraphs"]


def test_body_list_items_must_be_text() -> None:
    text = "title: T\nsections:\n  - heading: H\n    body:\n      - One.\n      - [Two]\n"
    assert problems(text) == ["b.yaml:6:9: error: sections[0].body[1]: expected text, got a list"]


# -- talking points, quotes, references ------------------------------------------------


def test_talking_points_are_text_or_mappings() -> None:
    text = MINIMAL + (
        "talking_points:\n"
        "  - Trade   and\n    migration\n"
        "  - text: Security\n    section: talks\n"
        "  - text: Health\n"
    )
    assert load(text).briefing.talking_points == (
        TalkingPoint("Trade and migration"),
        TalkingPoint("Security", "talks"),
        TalkingPoint("Health"),
    )


def test_talking_point_that_is_a_list_is_an_error() -> None:
    assert problems(MINIMAL + "talking_points:\n  - [a, b]\n") == [
        "b.yaml:6:5: error: talking_points[0]: expected text or a mapping, got a list"
    ]


def test_talking_point_mapping_needs_text() -> None:
    assert problems(MINIMAL + "talking_points:\n  - section: talks\n") == [
        "b.yaml:6:5: error: talking_points[0]: missing required key 'text'"
    ]


def test_unknown_section_reference_is_an_error_with_a_suggestion() -> None:
    text = MINIMAL + "talking_points:\n  - text: x\n    section: tlaks\n"
    assert problems(text) == [
        "b.yaml:7:14: error: talking_points[0].section: no section has id 'tlaks';"
        " did you mean 'talks'?"
    ]


def test_a_section_left_out_for_its_own_error_is_no_missing_id_for_its_references() -> None:
    """A heading that was a mapping dropped the section, and the point and the quote that
    named it were said to name no section: three errors for one mistake."""
    text = (
        "title: T\nsections:\n  - id: deal\n    heading: Deal\n    body: B\n"
        "  - id: other\n    heading: {bad: 1}\n    body: ok\n"
        "talking_points:\n  - text: x\n    section: other\n"
        "quotes:\n  - speaker: S\n    text: B\n    section: other\n"
    )
    assert problems(text) == [
        "b.yaml:7:14: error: sections[1].heading: expected text, got a mapping"
    ]


def test_a_link_the_reader_never_opens_is_warned_of_once_a_scheme() -> None:
    """``[b](file:///etc/passwd)`` showed as text and was left out of the links, with no
    word from validate: the author could not tell why the link did nothing."""
    text = (
        "title: T\nsections:\n  - heading: H\n    body:\n"
        "      - See [a](file:///etc/passwd), [b]( javascript:alert(1) ), [c](FILE:///x)"
        " and [d](https://example.org).\n"
    )
    assert warnings(text) == [
        f"b.yaml:5:9: warning: sections[0].body[0]: a link to a '{scheme}:' address is shown"
        " as text, never opened (only http and https links are)"
        for scheme in ("file", "javascript")
    ]


def test_references_use_default_ids_too() -> None:
    text = MINIMAL + "quotes:\n  - speaker: S\n    text: T\n    section: talks\n"
    assert load(text).briefing.quotes[0].section == "talks"


def test_unknown_section_reference_without_a_near_match() -> None:
    text = MINIMAL + "quotes:\n  - speaker: S\n    text: T\n    section: economy\n"
    assert problems(text) == ["b.yaml:8:14: error: quotes[0].section: no section has id 'economy'"]


def test_quotes_need_speaker_and_text_and_may_have_role_and_section() -> None:
    text = MINIMAL + (
        "quotes:\n"
        "  - speaker: Antony   Blinken\n    role: US Secretary of State\n"
        "    section: talks\n    text: >-\n      deepen our\n      cooperation\n"
        "  - speaker: A border official\n    text: We are ready.\n"
    )
    quotes = load(text).briefing.quotes
    assert quotes == (
        Quote("Antony Blinken", "deepen our cooperation", "US Secretary of State", "talks"),
        Quote("A border official", "We are ready."),
    )
    assert quotes[0].attribution == "Antony Blinken, US Secretary of State"
    assert quotes[1].attribution == "A border official"


def test_quote_that_is_not_a_mapping_is_an_error() -> None:
    assert problems(MINIMAL + "quotes:\n  - Just words\n") == [
        "b.yaml:6:5: error: quotes[0]: expected a mapping, got text"
    ]


def test_authors_and_tags_are_lists_of_non_empty_text() -> None:
    briefing = load(MINIMAL + "authors: [Ana Gómez, Luis]\ntags:\n  - diplomacy\n").briefing
    assert (briefing.authors, briefing.tags) == (("Ana Gómez", "Luis"), ("diplomacy",))
    assert problems(MINIMAL + "tags: [a, '']\n") == [
        "b.yaml:5:11: error: tags[1]: must not be empty"
    ]


# -- source ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["https://example.org/a", "http://example.org", "HTTPS://EXAMPLE.ORG"]
)
def test_source_url_may_be_http_or_https(url: str) -> None:
    source = load(MINIMAL + f"source:\n  name: Wire\n  url: {url}\n").briefing.source
    assert source is not None
    assert (source.name, source.url) == ("Wire", url)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org", "https://", "example.org", "https://a b"]
)
def test_other_source_urls_are_errors(url: str) -> None:
    assert problems(MINIMAL + f"source:\n  name: Wire\n  url: '{url}'\n") == [
        "b.yaml:7:8: error: source.url: expected an http:// or https:// URL"
    ]


def test_source_needs_a_name() -> None:
    assert problems(MINIMAL + "source:\n  url: https://example.org\n") == [
        "b.yaml:6:3: error: source: missing required key 'name'"
    ]


# -- published -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2024-01-05",
        "2024-02-29",
        "2024-01-05T10:30",
        "2024-01-05T10:30:00Z",
        "2024-01-05 10:30:00+02:00",
        "2024-01-05T10:30:00.123456-05:00",
    ],
)
def test_published_dates_are_kept_as_written(value: str) -> None:
    assert load(MINIMAL + f"published: {value}\n").briefing.published == value


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2024-13-45", "'2024-13-45' is not a real date (month must be in 1..12)"),
        ("2023-02-29", "'2023-02-29' is not a real date (day is out of range for month)"),
        ("2024-01-05T25:00", "'2024-01-05T25:00' is not a real date (hour must be in 0..23)"),
        ("2024-1-5", "'2024-1-5' is not a date; write YYYY-MM-DD or an ISO 8601 date-time"),
        ("yesterday", "'yesterday' is not a date; write YYYY-MM-DD or an ISO 8601 date-time"),
        ("05/01/2024", "'05/01/2024' is not a date; write YYYY-MM-DD or an ISO 8601 date-time"),
    ],
)
def test_published_must_be_a_real_date(value: str, why: str) -> None:
    assert problems(MINIMAL + f"published: {value}\n") == [f"b.yaml:5:12: error: published: {why}"]


# -- limits ----------------------------------------------------------------------------


def test_size_limit_is_checked_on_bytes() -> None:
    data = MINIMAL.encode()
    assert problems(data, limits=Limits(max_bytes=len(data) - 1)) == [
        f"b.yaml:1:1: error: file is over the {len(data) - 1} bytes limit (see --max-size)"
    ]
    assert load_bytes(data, limits=Limits(max_bytes=len(data))).briefing.title == "Ministers meet"


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(MINIMAL)
    os.truncate(path, 33 * 1024 * 1024)  # sparse; NUL bytes would be an error if read
    with pytest.raises(BriefingError) as info:
        load_path(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:1:1: error: file is 33.0 MiB, over the 32.0 MiB limit (see --max-size)"
    ]
    with pytest.raises(BriefingError) as info:
        load_path(path, limits=Limits(max_bytes=40 * 1024 * 1024))
    assert "NUL byte" in str(info.value)


def test_size_limit_holds_for_files_that_do_not_report_a_size() -> None:
    path = "/proc/self/maps"  # a regular file of size 0 that reads as several KiB
    if not os.path.exists(path):
        pytest.skip(f"no {path} here")
    with pytest.raises(BriefingError) as info:
        read_bytes(path, Limits(max_bytes=2048))
    assert str(info.value) == f"{path}:1:1: error: file is over the 2.0 KiB limit (see --max-size)"


def nested(depth: int) -> str:
    """A briefing with an unknown key holding lists nested ``depth`` levels below the top."""
    return MINIMAL + "extra: " + "[" * depth + "x" + "]" * depth + "\n"


def test_nesting_up_to_the_depth_limit_is_fine(parser: str) -> None:
    assert load(nested(63)).warnings[0].message.startswith("extra: unknown key")


def test_nesting_past_the_depth_limit_is_an_error_at_the_level(parser: str) -> None:
    assert problems(nested(64)) == [
        "b.yaml:5:71: error: nesting deeper than 64 levels (see --max-depth)"
    ]


def test_depth_limit_can_be_changed(parser: str) -> None:
    assert problems(nested(10), limits=Limits(max_depth=10)) == [
        "b.yaml:5:17: error: nesting deeper than 10 levels (see --max-depth)"
    ]
    assert load(nested(200), limits=Limits(max_depth=201)).briefing.title == "Ministers meet"


DEEP = [
    b"[" * 100_000 + b"]" * 100_000,
    b"{a: " * 100_000 + b"}" * 100_000,
    b"- " * 100_000 + b"x\n",
    b"[\n" * 100_000,
    b"title: T\nsections:\n  - heading: H\n    body: " + b"[" * 100_000,
]
DEEP_IDS = ["flow-lists", "flow-mappings", "block-lists", "one-per-line", "unclosed"]


@pytest.mark.parametrize("data", DEEP, ids=DEEP_IDS)
def test_100000_levels_give_one_clean_nesting_error(data: bytes, parser: str) -> None:
    (message,) = problems(data)
    # libyaml stops at its own limit of 1000 levels when it must look ahead
    assert "error: nesting deeper than 64 levels" in message or "nesting depth" in message


@pytest.mark.parametrize("data", DEEP, ids=DEEP_IDS)
def test_100000_levels_with_the_limit_lifted_still_fail_cleanly(data: bytes) -> None:
    # libyaml only: PyYAML's pure-Python scanner takes minutes on 100,000 levels of
    # one-line flow nesting (its simple-key bookkeeping is quadratic), so the default
    # depth limit is what keeps that fallback fast.
    with pytest.raises(BriefingError) as info:
        load_bytes(data, "b.yaml", limits=Limits(max_depth=1_000_000))
    assert all("\n" not in str(problem) for problem in info.value.problems)


def test_anchors_are_refused_at_the_first_anchor() -> None:
    text = MINIMAL + "subtitle: &s Talks\nsummary: *s\n"
    assert problems(text) == [
        "b.yaml:5:11: error: anchor &s: anchors and aliases are not allowed (see --max-aliases)"
    ]


BILLION_LAUGHS = MINIMAL + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize("max_aliases", [0, 1000, 10**9])
def test_billion_laughs_is_refused_before_any_expansion(max_aliases: int, parser: str) -> None:
    text = MINIMAL + "a: &a [lol, lol, lol]\n" + BILLION_LAUGHS[len(MINIMAL) :]
    (message,) = problems(text, limits=Limits(max_aliases=max_aliases))
    assert message.startswith("b.yaml:5:4: error: anchor &a: anchors and aliases are not allowed")


def test_aliases_to_text_are_allowed_up_to_the_limit(parser: str) -> None:
    text = MINIMAL + "subtitle: &s Talks in Bogota\nsummary: *s\nlocation: *s\n"
    briefing = load(text, limits=Limits(max_aliases=2)).briefing
    assert briefing.summary == briefing.location == "Talks in Bogota"
    assert problems(text, limits=Limits(max_aliases=1)) == [
        "b.yaml:7:11: error: alias *s: anchors and aliases are not allowed"
        " (limit 1; see --max-aliases)"
    ]


def test_anchors_on_lists_or_mappings_are_refused_even_with_aliases_allowed() -> None:
    text = MINIMAL + "tags: &t [a]\n"
    assert problems(text, limits=Limits(max_aliases=5)) == [
        "b.yaml:5:7: error: anchor &t: anchors and aliases are not allowed on lists or mappings"
    ]


def test_alias_to_an_unknown_anchor_is_an_error() -> None:
    assert problems(MINIMAL + "subtitle: *nowhere\n", limits=Limits(max_aliases=1)) == [
        "b.yaml:5:11: error: alias *nowhere names no anchor, or one on a list or mapping"
    ]


# -- paths -----------------------------------------------------------------------------


def test_load_path_names_problems_after_the_path(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("title: [x]\n")
    with pytest.raises(BriefingError) as info:
        load_path(path)
    assert str(info.value).startswith(f"{path}:1:1: error: ")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing.yaml", "no such file"), (".", "is a directory, not a briefing file")],
)
def test_unreadable_paths(tmp_path: Path, name: str, reason: str) -> None:
    with pytest.raises(UnreadableFileError) as info:
        load_path(tmp_path / name)
    assert info.value.reason == reason


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(MINIMAL)

    def refused(name: str, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", name)  # as for a chmod 0 file, unless root

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(UnreadableFileError) as info:
        load_path(path)
    assert info.value.reason == "permission denied"


def test_a_broken_symbolic_link_is_named(tmp_path: Path) -> None:
    link = tmp_path / "b.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    with pytest.raises(UnreadableFileError) as info:
        load_path(link)
    assert info.value.reason == "a broken symbolic link (its target does not exist)"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/dev/zero", "not a regular file (a character device)"),  # else 32 MiB of NULs read
        ("/dev/null", "not a regular file (a character device)"),
    ],
)
def test_devices_are_refused_before_reading(path: str, reason: str) -> None:
    if not os.path.exists(path):
        pytest.skip(f"no {path} here")
    with pytest.raises(UnreadableFileError) as info:
        load_path(path)
    assert info.value.reason == reason


def test_a_socket_is_refused(tmp_path: Path) -> None:
    socket = pytest.importorskip("socket")
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    path = tmp_path / "b.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(UnreadableFileError) as info:
            load_path(path)
    assert info.value.reason == "not a regular file (a socket)"


def test_load_text_takes_text() -> None:
    assert load_text(MINIMAL).briefing.title == "Ministers meet"


def test_bundled_briefing_is_found_and_loads() -> None:
    path = default_briefing_path()
    assert path.name == "blinken-colombia.yaml"
    assert load_path(path).briefing.title.startswith("Colombia trying to mend")


# -- text helpers ----------------------------------------------------------------------


def test_sanitize_makes_controls_visible_and_keeps_ordinary_text() -> None:
    assert sanitize("a\x1b[31mb\x07\x7f\x9b\u202ez\td\ne") == "a␛[31mb␇␡\ufffd\ufffdz\td\ne"
    assert sanitize("Blinken’s “deep” café 日本 🙂") == "Blinken’s “deep” café 日本 🙂"
    assert count_unsafe("a\x1b\x07\u2066b\ud800") == 4
    assert sanitize_line("a\tb\nc\x1b") == "a b c␛"


def test_normalize_space_and_slugify() -> None:
    assert normalize_space("  a \n\t b  ") == "a b"
    assert slugify("Blinken’s main talking points") == "blinken-s-main-talking-points"
    assert slugify("COVID-19: 2022") == "covid-19-2022"
    assert slugify("¡¿!?") == "section"


# -- block quotes and lists -------------------------------------------------------------

BLOCKS = """\
title: T
sections:
  - heading: H
    body:
      - Before.
      - quote: >-
          We see a massive
          opportunity.
        speaker: Antony Blinken
        role: US Secretary of State
      - bullets: [One, "*Two*"]
      - numbered:
          - First.
          - Second.
      - "> still a paragraph"
      - "- still a paragraph"
"""


def test_body_items_may_be_block_quotes_and_lists(parser: str) -> None:
    (section,) = load(BLOCKS).briefing.sections
    assert section.blocks == (
        "Before.",
        BlockQuote("We see a massive opportunity.", "Antony Blinken", "US Secretary of State"),
        ListBlock(("One", "*Two*")),
        ListBlock(("First.", "Second."), numbered=True),
        "> still a paragraph",
        "- still a paragraph",
    )
    assert section.blocks[1].credit == "Antony Blinken, US Secretary of State"  # type: ignore[union-attr]


def test_an_attribution_is_the_credit_as_written() -> None:
    quote = BlockQuote("Words.", "Antony Blinken", "US Secretary of State", "the Secretary")
    assert quote.credit == "the Secretary"
    assert BlockQuote("Words.").credit is None
    assert BlockQuote("Words.", role="a diplomat").credit == "a diplomat"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "Timetable: two weeks",
            "b.yaml:5:9: error: sections[0].body[0]: expected text, a block quote (quote: …)"
            " or a list (bullets: … or numbered: …), got a mapping",
        ),
        (
            "{quote: Words., bullets: [a]}",
            "b.yaml:5:9: error: sections[0].body[0]: a body item is one block:"
            " this mapping has both 'quote' and 'bullets'",
        ),
        (
            "{quote: [a]}",
            "b.yaml:5:17: error: sections[0].body[0].quote: expected text, got a list",
        ),
        (
            "{bullets: text}",
            "b.yaml:5:19: error: sections[0].body[0].bullets: expected a list of text, got text",
        ),
        (
            "{numbered: [a, [b]]}",
            "b.yaml:5:24: error: sections[0].body[0].numbered[1]: expected text, got a list",
        ),
    ],
)
def test_a_wrong_block_is_an_error_at_its_place(item: str, expected: str) -> None:
    text = f"title: T\nsections:\n  - heading: H\n    body:\n      - {item}\n"
    assert expected in problems(text)


def test_block_warnings_name_their_place() -> None:
    text = (
        "title: T\nsections:\n  - heading: H\n    body:\n"
        "      - quote: Words.\n        speakr: Someone\n      - bullets: []\n"
    )
    assert warnings(text) == [
        "b.yaml:6:9: warning: sections[0].body[0].speakr: unknown key; did you mean speaker?",
        "b.yaml:7:18: warning: sections[0].body[1].bullets: list has no items",
    ]


def test_a_body_item_with_a_colon_gets_the_hint_to_quote_it() -> None:
    text = "title: T\nsections:\n  - heading: H\n    body:\n      - Timetable: two weeks\n"
    with pytest.raises(BriefingError) as info:
        load(text)
    (problem,) = info.value.problems
    assert problem.hint is not None
    assert (problem.hint.line, problem.hint.column) == (5, 9)
    assert problem.hint.text == (
        "this item was read as a key 'Timetable' with a value;"
        ' quote the whole text: - "Timetable: two weeks"'
    )


def test_a_language_tag_is_read_and_a_bad_one_is_a_positioned_error(tmp_path: Path) -> None:
    good = tmp_path / "es.yaml"
    good.write_text("title: T\nlanguage: es-CO\nsections:\n  - heading: A\n    body: [hola]\n")
    assert load_path(good).briefing.language == "es-CO"
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nlanguage: spanish please\nsections:\n  - heading: A\n    body: [x]\n")
    with pytest.raises(BriefingError) as raised:
        load_path(bad)
    [problem] = raised.value.problems
    assert (problem.line, problem.column) == (2, 11)
    assert "language tag like en, es or pt-BR" in problem.message
