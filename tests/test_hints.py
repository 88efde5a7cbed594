"""Hints that say how to fix the YAML mistakes authors make, on the line to change.

Each test is one mistake in a small file like the ones authors write, checked
through ``briefing-tui validate FILE`` as it prints: the parser's own message
(libyaml's wording, or PyYAML's where the pure-Python parser words it
otherwise), then ``FILE:LINE:COL: hint: …`` at the line where the mistake is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tui.cli import main
from tui.format.hints import syntax_hint
from tui.format.problems import Hint, Problem

HEAD = "title: Ministers meet\nsections:\n  - heading: Talks\n"


@dataclass(frozen=True)
class Mistake:
    """A file with one mistake and what ``validate`` prints about it, after ``FILE:``."""

    name: str
    text: str
    error: str
    hint: str
    python: str = ""
    """The error line in PyYAML's pure-Python wording, where it differs from libyaml's."""


MISTAKES = [
    Mistake(
        "colon in the title",
        "title: Talks: the plan\nsections:\n  - heading: Talks\n    body: They talked.\n",
        "1:13: error: YAML syntax: mapping values are not allowed in this context",
        "1:8: hint: text containing ': ' must be quoted: title: \"Talks: the plan\"",
        python="1:13: error: YAML syntax: mapping values are not allowed here",
    ),
    Mistake(
        "colon in wrapped text",
        HEAD + "    body: The ministers met on Monday\n      to agree the timetable: two weeks.\n",
        "5:29: error: YAML syntax: mapping values are not allowed in this context",
        "4:11: hint: text containing ': ' must be quoted:"
        ' body: "The ministers met on Monday to agree … two weeks."',
        python="5:29: error: YAML syntax: mapping values are not allowed here",
    ),
    Mistake(
        "colon in a talking point",
        HEAD + "    body: They talked.\n"
        "talking_points:\n"
        "  - Trade comes first.\n"
        "  - Timetable: two weeks\n",
        "7:5: error: talking_points[1]: expected text or a mapping with 'text',"
        " got a mapping with key 'Timetable'",
        "7:5: hint: this item was read as a key 'Timetable' with a value;"
        ' quote the whole text: - "Timetable: two weeks"',
    ),
    Mistake(
        "colon in a body item",
        HEAD + "    body:\n      - They talked.\n      - The deal: more trade.\n",
        "6:9: error: sections[0].body[1]: expected text, a block quote (quote: …)"
        " or a list (bullets: … or numbered: …), got a mapping",
        "6:9: hint: this item was read as a key 'The deal' with a value;"
        ' quote the whole text: - "The deal: more trade."',
    ),
    Mistake(
        "star at the start",
        HEAD + "    body:\n      - They talked.\n      - *Emphasis* on trade.\n",
        "6:18: error: YAML syntax: did not find expected alphabetic or numeric character"
        " (while scanning an alias started at line 6, column 9)",
        "6:9: hint: text starting with '*' must be quoted: - \"*Emphasis* on trade.\"",
        python="6:18: error: YAML syntax: expected alphabetic or numeric character, but found '*'"
        " (while scanning an alias started at line 6, column 9)",
    ),
    Mistake(
        "link at the start",
        HEAD + "    body:\n"
        "      - They talked.\n"
        "      - [Reuters](https://reuters.com) reported it.\n"
        "      - Then they left.\n",
        "6:18: error: YAML syntax: did not find expected '-' indicator"
        " (while parsing a block collection started at line 5, column 7)",
        "6:9: hint: text starting with '[' must be quoted:"
        ' - "[Reuters](https://reuters.com) reported it."',
        python="6:18: error: YAML syntax: expected <block end>, but found '<scalar>'"
        " (while parsing a block collection started at line 5, column 7)",
    ),
    Mistake(
        "dedented line in a block",
        HEAD + "    body: |\n"
        "      They talked.\n"
        "\n"
        "      Then they\n"
        "    left together.\n"
        "      The end.\n"
        "\n"
        "  - heading: More\n"
        "    body: Later.\n",
        "11:3: error: YAML syntax: could not find expected ':'"
        " (while scanning a simple key started at line 8, column 5)",
        "8:5: hint: this line, in the '|' text from line 4, is indented less than the lines"
        " above it: indent it 6 spaces",
    ),
    Mistake(
        "dedented last line of a block",
        HEAD + "    body: |\n      They talked.\n     Then they left.\n",
        "6:6: error: YAML syntax: did not find expected key"
        " (while parsing a block mapping started at line 3, column 5)",
        "6:6: hint: this line, in the '|' text from line 4, is indented less than the lines"
        " above it: indent it 6 spaces",
        python="6:6: error: YAML syntax: expected <block end>, but found '<scalar>'"
        " (while parsing a block mapping started at line 3, column 5)",
    ),
    Mistake(
        "text going on too little indented",
        HEAD + "    body: They talked\n    for hours.\n",
        "6:1: error: YAML syntax: could not find expected ':'"
        " (while scanning a simple key started at line 5, column 5)",
        "5:5: hint: to go on with the text on line 4, indent this line more than 'body';"
        " as it is, it is read as a new key",
    ),
    Mistake(
        "key indented between two levels",
        HEAD + "    body: They talked.\n   quotes: []\n",
        "5:4: error: YAML syntax: did not find expected '-' indicator"
        " (while parsing a block collection started at line 3, column 3)",
        "5:4: hint: 'quotes' is indented 3 spaces, which lines it up with nothing above it:"
        " 4 spaces line it up with 'body' on line 4; no spaces line it up with 'sections'"
        " on line 2",
        python="5:4: error: YAML syntax: expected <block end>, but found '<block mapping start>'"
        " (while parsing a block collection started at line 3, column 3)",
    ),
    Mistake(
        "list item indented between two levels",
        HEAD + "    body: They talked.\n - heading: More\n   body: Later.\n",
        "5:2: error: YAML syntax: did not find expected key"
        " (while parsing a block mapping started at line 1, column 1)",
        "5:2: hint: this item is indented 1 space, which lines it up with nothing above it:"
        " 2 spaces line it up with '-' on line 3; no spaces line it up with 'sections' on line 2",
        python="5:2: error: YAML syntax: expected <block end>, but found '<block sequence start>'"
        " (while parsing a block mapping started at line 1, column 1)",
    ),
    Mistake(
        "key indented under the text above it",
        "title: Ministers meet\n"
        "  subtitle: and talk\n"
        "sections:\n"
        "  - heading: Talks\n"
        "    body: They talked.\n",
        "2:11: error: YAML syntax: mapping values are not allowed in this context",
        "2:3: hint: 'subtitle' is indented more than 'title' (line 1), so it is read as more of"
        " its text: line it up with 'title' (no spaces)",
        python="2:11: error: YAML syntax: mapping values are not allowed here",
    ),
    Mistake(
        "tab in the indentation",
        HEAD + "\tbody: They talked.\n",
        "4:1: error: tab character in indentation; YAML indents with spaces only",
        "4:1: hint: replace the tab with 4 spaces to line 'body' up with 'heading' on line 3",
    ),
    Mistake(
        "tab after a dash",
        "title: Ministers meet\n"
        "tags:\n"
        "  -\tpolitics\n"
        "sections:\n"
        "  - heading: Talks\n"
        "    body: They talked.\n",
        "3:4: error: YAML syntax: found character that cannot start any token"
        " (while scanning for the next token)",
        "3:4: hint: replace the tab after '-' with a space; YAML wants spaces",
        python="3:4: error: YAML syntax: found character '\\t' that cannot start any token"
        " (while scanning for the next token)",
    ),
    Mistake(
        "unclosed quote",
        'title: "Ministers meet\nsections:\n  - heading: Talks\n    body: They talked.\n',
        "5:1: error: YAML syntax: found unexpected end of stream"
        " (while scanning a quoted scalar started at line 1, column 8)",
        '1:8: hint: this " is never closed: end the text with " too: title: "Ministers meet"',
    ),
    Mistake(
        "quote closed lines later",
        'title: "Ministers meet\nsections:\n  - heading: "Talks"\n    body: They talked.\n',
        "3:15: error: YAML syntax: did not find expected key"
        " (while parsing a block mapping started at line 1, column 1)",
        '1:8: hint: this " is never closed: end the text with " too: title: "Ministers meet"'
        " (it now ends on line 3)",
        python="3:15: error: YAML syntax: expected <block end>, but found '<scalar>'"
        " (while parsing a block mapping started at line 1, column 1)",
    ),
    Mistake(
        "apostrophe in single quotes",
        "title: 'Colombia's plan'\nsections:\n  - heading: Talks\n    body: They talked.\n",
        "1:18: error: YAML syntax: did not find expected key"
        " (while parsing a block mapping started at line 1, column 1)",
        "1:17: hint: an apostrophe inside '…' ends the text: write it twice (''),"
        ' or quote with "…" instead: title: "Colombia\'s plan"',
        python="1:18: error: YAML syntax: expected <block end>, but found '<scalar>'"
        " (while parsing a block mapping started at line 1, column 1)",
    ),
    Mistake(
        "quote then more text",
        HEAD + '    body:\n      - "Yes", he said.\n',
        "5:14: error: YAML syntax: did not find expected '-' indicator"
        " (while parsing a block collection started at line 5, column 7)",
        "5:9: hint: text that starts with a quote must be quoted whole: - '\"Yes\", he said.'",
        python="5:14: error: YAML syntax: expected <block end>, but found ','"
        " (while parsing a block collection started at line 5, column 7)",
    ),
    Mistake(
        "no space after a dash",
        "title: Ministers meet\n"
        "tags:\n"
        "  - politics\n"
        "  -trade\n"
        "sections:\n"
        "  - heading: Talks\n"
        "    body: They talked.\n",
        "5:1: error: YAML syntax: could not find expected ':'"
        " (while scanning a simple key started at line 4, column 3)",
        "4:3: hint: a list item needs a space after '-': - trade",
    ),
    Mistake(
        "no space after any dash",
        "title: Ministers meet\n"
        "tags:\n"
        "  -politics\n"
        "  -trade\n"
        "sections:\n"
        "  - heading: Talks\n"
        "    body: They talked.\n",
        "3:3: error: tags: expected a list of text, got text",
        "3:3: hint: a list item needs a space after '-': - politics",
    ),
    Mistake(
        "no space after a colon",
        "title:Ministers meet\nsections:\n  - heading: Talks\n    body: They talked.\n",
        "2:9: error: YAML syntax: mapping values are not allowed in this context",
        "1:6: hint: put a space after ':': title: Ministers meet",
        python="2:9: error: YAML syntax: mapping values are not allowed here",
    ),
    Mistake(
        "no space after a colon in a list item",
        HEAD.replace("heading: Talks", "heading:Talks") + "    body: They talked.\n",
        "4:9: error: YAML syntax: mapping values are not allowed in this context",
        "3:12: hint: put a space after ':': - heading: Talks",
        python="4:9: error: YAML syntax: mapping values are not allowed here",
    ),
    Mistake(
        "unclosed bracket",
        HEAD + "    body: [draft\n",
        "5:1: error: YAML syntax: did not find expected ',' or ']'"
        " (while parsing a flow sequence started at line 4, column 11)",
        "4:11: hint: this '[' starts a list that is never closed with ']'; if it is text,"
        ' quote it: body: "[draft"',
        python="5:1: error: YAML syntax: expected ',' or ']', but got '<stream end>'"
        " (while parsing a flow sequence started at line 4, column 11)",
    ),
    Mistake(
        "at sign at the start",
        HEAD + "    body:\n      - @ministers said so.\n",
        "5:9: error: YAML syntax: found character that cannot start any token"
        " (while scanning for the next token)",
        "5:9: hint: text starting with '@' must be quoted: - \"@ministers said so.\"",
        python="5:9: error: YAML syntax: found character '@' that cannot start any token"
        " (while scanning for the next token)",
    ),
    Mistake(
        "exclamation mark at the start",
        "title: !Important news\nsections:\n  - heading: Talks\n    body: They talked.\n",
        "1:8: error: tag !Important is not allowed; briefings use plain YAML only",
        "1:8: hint: text starting with '!' must be quoted: title: \"!Important news\"",
    ),
]


def validate(text: str, directory: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What ``briefing-tui validate`` prints about ``text`` in a file, after ``FILE:``."""
    path = directory / "brief.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert all(line.startswith(f"{path}:") for line in lines), lines
    return [line.removeprefix(f"{path}:") for line in lines]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[mistake.name for mistake in MISTAKES])
def test_mistake_gets_a_hint(
    mistake: Mistake, parser: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error = mistake.python if parser == "pure-python" and mistake.python else mistake.error
    assert validate(mistake.text, tmp_path, capsys) == [error, mistake.hint]


def test_the_reader_prints_the_hint_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(MISTAKES[0].text, encoding="utf-8")
    assert main([str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"{path}:{MISTAKES[0].hint}"


def test_a_talking_point_with_a_colon_is_one_error_not_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not ``missing required key 'text'`` plus ``unknown key 'Timetable'``, as if unrelated."""
    (mistake,) = (m for m in MISTAKES if m.name == "colon in a talking point")
    printed = validate(mistake.text, tmp_path, capsys)
    assert not any("missing required key" in line or "unknown key" in line for line in printed)


def test_a_talking_point_mapping_keeps_its_own_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mapping with a known key is a talking point written as a mapping: no colon hint."""
    text = HEAD + "    body: They talked.\ntalking_points:\n  - section: talks\n"
    assert validate(text, tmp_path, capsys) == [
        "6:5: error: talking_points[0]: missing required key 'text'"
    ]


def test_hints_are_sanitised_and_shortened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text quoted in a hint is made safe to print (a bidi override), and long text is cut."""
    title = "Talks\u202e: " + "the plan for the next two weeks of talks " * 5 + "and after"
    text = f"title: {title}\nsections:\n  - heading: Talks\n    body: They talked.\n"
    _, hint = validate(text, tmp_path, capsys)
    assert "\u202e" not in hint
    assert hint.startswith("1:8: hint: text containing ': ' must be quoted: title: \"Talks")
    assert hint.endswith(' … talks and after"')
    assert len(hint) < 120


def test_strict_keeps_the_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mistake,) = (m for m in MISTAKES if m.name == "colon in a body item")
    path = tmp_path / "brief.yaml"
    path.write_text(mistake.text, encoding="utf-8")
    assert main(["validate", "--strict", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"{path}:{mistake.hint}"


def test_a_problem_without_a_hint_prints_one_line() -> None:
    problem = Problem(3, 5, "error", "sections[0]: missing required key 'body'", "b.yaml")
    assert problem.lines() == ["b.yaml:3:5: error: sections[0]: missing required key 'body'"]
    hinted = Problem(3, 5, "error", "x", "b.yaml", Hint(2, 1, "do\x1b this"))
    assert hinted.lines()[1] == "b.yaml:2:1: hint: do␛ this"


def test_the_format_reference_shows_what_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example under "Common mistakes" in docs/format.md is validate's real output."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text("utf-8")
    section = doc.split("## Common mistakes", 1)[1]
    written = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    printed = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert written and printed
    (tmp_path / "briefing.yaml").write_text(written.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "briefing.yaml"]) == 1
    lines = capsys.readouterr().err.splitlines()
    expected = printed.group(1).splitlines()
    if not yaml.__with_libyaml__:  # the doc shows libyaml's wording of the error
        lines, expected = lines[1:], expected[1:]
    assert lines == expected


def test_a_hint_reads_a_bounded_number_of_lines() -> None:
    """On a crafted file, the hint gives up after a few thousand lines, not after all of them."""
    lines = ["title: word", *(["  word"] * 200_000), "  more: x", "sections: []"]
    read: list[int] = []

    def line_of(number: int) -> str | None:
        read.append(number)
        return lines[number - 1] if 1 <= number <= len(lines) else None

    syntax_hint(line_of, len(lines) - 1, 7, "mapping values are not allowed here")
    assert len(read) <= 10_000
    # and the same mistake in a short file gets its hint
    short = ["title: word", "  word", "  more: x", "sections: []"]
    hint = syntax_hint(lambda n: short[n - 1] if 1 <= n <= 4 else None, 3, 7, "mapping values")
    assert hint is not None and hint.line == 3
