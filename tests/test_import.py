"""``briefing-tui import``: articles become briefing drafts that validate and keep every word."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from tui.authoring.article import import_article
from tui.authoring.emit import SCHEMA_LINE, draft_yaml
from tui.cli import main
from tui.format.loader import load_text
from tui.model import BlockQuote, Briefing, ListBlock, block_texts
from tui.text import NO_VISIBLE_TEXT, has_visible_text, sanitize

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed" / "000_0960ea43b9181f78.txt"
MARKDOWN = ROOT / "tests" / "data" / "import" / "article.md"


def imported(text: str, kind: str = "text") -> tuple[str, Briefing]:
    """The draft of ``text`` and the briefing the project's loader reads from it."""
    draft = draft_yaml(import_article(text, kind))
    loaded = load_text(draft, "<draft>")
    assert not [w for w in loaded.warnings if "unknown key" in w.message], loaded.warnings
    return draft, loaded.briefing


def every_text(briefing: Briefing) -> list[str]:
    """Every text the reader shows of a briefing's article: title, headings and blocks."""
    texts = [briefing.title]
    for section in briefing.sections:
        texts.append(section.heading)
        for block in section.blocks:
            texts.extend(block_texts(block))
    return texts


def seed_briefing() -> tuple[str, Briefing]:
    return imported(SEED.read_text(encoding="utf-8"))


def test_the_seed_gives_its_title_talking_points_and_block_quote() -> None:
    draft, briefing = seed_briefing()
    assert draft.startswith(SCHEMA_LINE + "\n")
    assert "\nformat: briefing/1\n" in draft
    assert "# guessed: headline" in draft
    assert briefing.title == (
        "Colombia trying to mend strain relations with US after election meddling claims"
    )
    bullets = [
        line[2:] for line in SEED.read_text(encoding="utf-8").splitlines() if line[:2] == "- "
    ]
    assert len(bullets) == 7
    assert [point.text for point in briefing.talking_points] == bullets
    lists = [b for s in briefing.sections for b in s.blocks if isinstance(b, ListBlock)]
    assert [list(block.items) for block in lists] == [bullets]
    (quote,) = [b for s in briefing.sections for b in s.blocks if isinstance(b, BlockQuote)]
    assert quote.text.startswith("We see a massive opportunity")
    assert (quote.speaker, quote.role) == ("Antony Blinken", "US Secretary of State")
    assert quote.attribution == "US Secretary of State Antony Blinken"
    headings = [section.heading for section in briefing.sections]
    assert "Blinken’s main talking points" in headings


def test_the_seed_keeps_every_sentence_word_for_word() -> None:
    _, briefing = seed_briefing()
    shown = "\n".join(every_text(briefing))
    for line in SEED.read_text(encoding="utf-8").splitlines():
        text = line.removeprefix("- ")
        for sentence in re.split(r"(?<=[.!?”])\s+", text):
            assert sentence in shown, sentence
    # each line is one whole text: nothing was split or run together
    texts = set(every_text(briefing))
    assert {line.removeprefix("- ") for line in SEED.read_text().splitlines()} <= texts


@pytest.mark.parametrize("ends", ["\n", "\n\n\n", "\r\n"])
def test_the_seed_ending_in_blank_lines_gives_the_same_draft(ends: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert imported(text.replace("\n", ends) + ends)[1] == imported(text)[1]


def test_the_seeds_quotations_are_attributed_to_the_person_named() -> None:
    _, briefing = seed_briefing()
    quotes = {quote.text: quote for quote in briefing.quotes}
    assert quotes["deepen our cooperation"].speaker == "Antony Blinken"
    assert quotes["deepen our cooperation"].role == "US Secretary of State"
    youth = "who will safeguard our almost 200-year-old bilateral relationship into the future."
    assert quotes[youth].speaker == "Antony Blinken"
    assert any(text.startswith("We see a massive") for text in quotes)


def test_a_heading_with_text_right_under_it_in_a_wrapped_article() -> None:
    """With no blank line under it, the heading ran into the paragraph ("Background The
    bill had been stalled…"), though it is a short line followed by text."""
    _, briefing = imported(
        "Bill stalls again\n\n"
        "The senate adjourned on Friday without a vote on the bill, leaving its\n"
        "backer frustrated and the opposition pleased with the delay it won.\n\n"
        "Background\n"
        "The bill had been stalled for months in the finance committee, where\n"
        "two members kept it from a vote until the leadership stepped in.\n"
    )
    assert [section.heading for section in briefing.sections] == ["Introduction", "Background"]
    assert briefing.sections[1].blocks[0].startswith("The bill had been stalled")  # type: ignore[union-attr]


def test_a_quotation_is_attributed_to_who_said_it_just_after() -> None:
    """The commonest attribution in news (``"…," said John Smith.``) gave "Unknown"."""
    _, briefing = imported(
        "Strike ends\n\n"
        '"We got what we came for today," said John Smith.\n\n'
        '"It is over now for everyone," said union leader Piet de Vries on Tuesday.\n\n'
        '"The talks went well for both sides," Ana Gomez said.\n'
    )
    assert [(quote.speaker, quote.role) for quote in briefing.quotes] == [
        ("John Smith", None),
        ("Piet de Vries", "union leader"),
        ("Ana Gomez", None),
    ]


def test_a_markdown_article() -> None:
    draft, briefing = imported(MARKDOWN.read_text(encoding="utf-8"), "markdown")
    assert briefing.title == "Ministers agree to reopen the border"
    assert [s.heading for s in briefing.sections] == [
        "Introduction",
        "What was agreed",
        "What comes next",
    ]
    assert "# guessed: heading" in draft  # the part before the first heading has none
    intro = briefing.sections[0].blocks
    assert (
        "The two foreign ministers signed a *joint declaration* on Monday after three hours of"
        " talks, and the text is on the [ministry's website](https://example.org/declaration)."
    ) in intro
    agreed = briefing.sections[1].blocks
    assert "Cargo traffic resumes first; **passenger crossings** follow in November." in agreed
    (bullets,) = [block for block in agreed if isinstance(block, ListBlock)]
    assert bullets.items[1] == "Passenger crossings follow in *November*"
    assert not bullets.numbered
    (quote,) = [block for block in agreed if isinstance(block, BlockQuote)]
    assert quote.text == "The committee is where the real work happens."
    assert (quote.speaker, quote.role) == ("Ana Gómez", "Trade analyst")
    assert quote.attribution == "Trade analyst Ana Gómez"
    (numbered,) = [b for b in briefing.sections[2].blocks if isinstance(b, ListBlock)]
    assert numbered.numbered and numbered.items == (
        "Customs officials publish the rules.",
        "Then the crossing opens.",
    )
    points = [point.text for point in briefing.talking_points]
    assert "Passenger crossings follow in November" in points  # shown as text: no markers
    quoted = {quote.text: quote for quote in briefing.quotes}
    assert quoted["bring families together again"].speaker == "Luis Pérez"
    assert quoted["bring families together again"].role == "Foreign Minister"


def test_a_wrapped_plain_article_with_a_byline_and_a_credit_after_a_wrapped_paragraph() -> None:
    text = (ROOT / "tests" / "data" / "import" / "wrapped.txt").read_text(encoding="utf-8")
    _, briefing = imported(text)
    assert briefing.title == "Talks resume in Geneva after a year"
    assert briefing.authors == ("Jane Roe",)
    assert briefing.sections[0].blocks[0] == (
        "Negotiators from both sides met on Tuesday for the first time in a year, officials"
        " said. The talks are expected to last a week."
    )
    assert briefing.sections[1].heading == "What is on the table"
    (quote,) = [b for b in briefing.sections[1].blocks if isinstance(b, BlockQuote)]
    assert quote.text == "I think this is the best chance we have had in a decade."
    assert (quote.speaker, quote.role, quote.attribution) == (
        "Mark Stone",
        "UN envoy",
        "UN envoy Mark Stone",
    )
    assert briefing.sections[1].blocks[-1] == "The next round is planned for March."
    said = {q.text: (q.speaker, q.role) for q in briefing.quotes}
    assert said["We are here to listen, and we hope the other side is too"] == (
        "Ana Torres",
        "Foreign Minister",
    )


HOSTILE_LINES = [
    "*Stars* at the start of a line.",
    "& an ampersand starts this one.",
    "! an exclamation mark starts this one.",
    "[A bracket](not a link) starts this one.",
    "{ a brace } starts this one.",
    "| a bar starts this one.",
    "> a greater-than sign starts this one.",
    "% a percent sign, @ an at sign and ` a backtick.",
    "? a question mark starts this one.",
    "Text with: a colon and space, and a # hash after a space.",
    "#hashtag at the start, and 'quotes' and \"double quotes\" inside.",
    "no",
    "1.10",
    "~",
    "null",
    "--- a document marker",
    "... and the end marker",
    "'single quoted all over'",
    "  leading spaces and trailing spaces  ",
]


@pytest.mark.parametrize("kind", ["text", "markdown"])
def test_hostile_text_still_gives_a_valid_draft(kind: str) -> None:
    article = "\n\n".join(HOSTILE_LINES) + "\n\nBell \x07 and escape \x1b[31m red.\n"
    draft, briefing = imported(article, kind)
    assert "\x07" not in draft and "\x1b" not in draft
    assert "control or invisible characters were removed" in draft
    shown = " ".join(every_text(briefing))
    for line in HOSTILE_LINES[9:13]:
        assert line.strip() in shown


@pytest.mark.parametrize("kind", ["text", "markdown"])
def test_escape_sequences_go_whole_not_only_their_controls(kind: str) -> None:
    """An OSC 52 in the headline left ``]52;c;aGk=`` in the draft's title."""
    article = (
        "\x1b]52;c;aGk=\x07Talks \x1b[1;31mresume\x1b[0m\n\n"
        "A \x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\ and \x1b]0;no end\n\nmore.\n"
    )
    draft, briefing = imported(article, kind)
    assert briefing.title == "Talks resume"
    shown = " ".join(every_text(briefing))
    assert "]52" not in draft and "8;;" not in draft and "no end" not in shown
    assert "A link and" in shown


def test_plain_hostile_lines_come_back_exactly() -> None:
    _, briefing = imported("Headline\n\n" + "\n\n".join(HOSTILE_LINES) + "\n")
    texts = every_text(briefing)
    for line in HOSTILE_LINES:
        assert " ".join(line.split()) in texts, line


@pytest.mark.parametrize("kind", ["text", "markdown"])
def test_a_one_megabyte_line_gives_a_valid_draft(kind: str) -> None:
    plain = "Words of an ordinary sentence, with: a colon and a #hash in it, and more words. "
    line = ((plain * 3 + "“Quoted words” *star* [x](y) ") * 4000)[: 1 << 20]
    _, briefing = imported(f"Headline\n\n{line}\n", kind)
    assert max(len(text) for text in every_text(briefing)) > 900_000  # Markdown: less its marks


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["text", "markdown"]))
def test_any_text_gives_a_valid_draft(text: str, kind: str) -> None:
    if text.strip():
        imported(text, kind)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1),
        max_size=8,
    )
)
@example(["🏻"])  # a lone skin tone, which the reader removes: no paragraph, not a blank one
@example(["a\u200bb", "\u200b"])
@example(["\u115f \u115f"])  # Hangul fillers: letters that show as blank (kept by sanitize)
def test_every_paragraph_of_a_plain_article_comes_back(lines: list[str]) -> None:
    written = [" ".join(line.split()) for line in lines if line.split()]
    assume(NO_VISIBLE_TEXT not in written)  # (the words themselves, typed: a paragraph)
    _, briefing = imported("Headline\n\n" + "\n\n".join(written))
    shown = every_text(briefing)
    assert NO_VISIBLE_TEXT not in shown
    for paragraph in (" ".join(sanitize(line).split()) for line in written):
        if not has_visible_text(paragraph):
            continue  # only characters the reader removes: no paragraph at all
        item = re.sub(r"^(?:[-*•‣◦▪–]|\d{1,3}[.)])\s+", "", paragraph)
        assert any(item in text or text in item for text in shown), paragraph


# The command


def test_import_writes_a_new_file_and_never_replaces_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.yaml"
    assert main(["import", str(SEED), "-o", str(out)]) == 0
    first = out.read_text(encoding="utf-8")
    assert load_text(first).briefing.title.startswith("Colombia trying")
    out.write_text("mine", encoding="utf-8")
    assert main(["import", str(SEED), "-o", str(out)]) == 2
    assert "already exists; --force replaces it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine"
    assert main(["import", "--force", str(SEED), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == first


def test_import_reads_stdin_and_writes_stdout(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = MARKDOWN.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["import", "--from", "markdown", "-"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert load_text(out).briefing.title == "Ministers agree to reopen the border"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"  \n\n", "<stdin>: no text to import"),
        (b"caf\xe9\n", "<stdin>:1: byte 0xe9 is not UTF-8"),
    ],
)
def test_an_article_that_cannot_be_imported_says_why(
    data: bytes,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["import", "-"]) == 1
    assert message in capsys.readouterr().err


def test_markdown_is_chosen_by_the_file_name(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    article = tmp_path / "a.md"
    article.write_text("# The *real* title\n\nText.\n", encoding="utf-8")
    assert main(["import", str(article)]) == 0
    assert "\ntitle: The real title\n" in capsysbinary.readouterr().out.decode()


def test_markdown_markers_go_only_where_the_reader_reads_them() -> None:
    article = (
        "# Title\n\nA **strong * star**, *an \\* aside* and [a \\] label](https://example.org).\n"
    )
    _, briefing = imported(article, "markdown")
    # a * inside emphasis, or a ] inside a link's label, would show the markers as typed
    assert briefing.sections[0].blocks == ("A strong * star, an * aside and a ] label.",)
