"""``briefing-tui import page.html``: a saved news page gives a draft, without its boilerplate."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from tui.authoring.article import import_article
from tui.authoring.emit import draft_yaml
from tui.cli import main
from tui.format.loader import load_text
from tui.model import BlockQuote, Briefing, ListBlock, block_texts

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "data" / "import" / "article.html"
INSTALL = "pip install 'briefing-tui[import]'"


def imported(html: str) -> tuple[str, Briefing]:
    """The draft of the page ``html`` and the briefing the project's loader reads from it."""
    draft = draft_yaml(import_article(html, "html"))
    loaded = load_text(draft, "<draft>")
    assert not loaded.warnings, loaded.warnings
    return draft, loaded.briefing


def shown(briefing: Briefing) -> str:
    """Every text of the briefing's article, as one string."""
    texts = [briefing.title]
    for section in briefing.sections:
        texts.append(section.heading)
        for block in section.blocks:
            texts.extend(block_texts(block))
    return "\n".join(texts)


def page_of(body: str, head: str = "<title>A page</title>") -> str:
    """A whole page around ``body``, with enough article text for the extractor to keep."""
    filler = "".join(
        f"<p>Officials met again on day {i} of the talks and said the work went on.</p>"
        for i in range(6)
    )
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body><article><h1>The headline</h1>"
        f"{filler}{body}</article></body></html>"
    )


def test_a_saved_news_page_gives_its_article_and_metadata() -> None:
    draft, briefing = imported(PAGE.read_text(encoding="utf-8"))
    assert briefing.title == "Rivers pact signed after all-night talks"
    assert briefing.authors == ("Maria Lindqvist",)
    assert briefing.published == "2026-03-14"
    assert briefing.source is not None
    assert briefing.source.name == "The Example Herald"
    assert briefing.source.url == "https://herald.example.com/world/2026/03/14/rivers-pact"
    for guess in ("authors (", "source (", "published ("):
        assert f"# guessed: {guess}" in draft
    assert [section.heading for section in briefing.sections] == [
        "Introduction",
        "What the pact says",
        "What happens next",
    ]
    intro, pact, _ = (section.blocks for section in briefing.sections)
    assert (
        "The text, which the ministries published in full on their [joint website]"
        "(https://gov.example.org/rivers-pact), sets out for the first time how much water"
        " each country may take when the river runs low. It was drafted over *eighteen months*"
        " of meetings between engineers and diplomats."
    ) in intro
    assert any("the shares shrink **in proportion**, and" in str(block) for block in pact)
    (listed,) = [block for block in pact if isinstance(block, ListBlock)]
    assert listed.items == (
        "Each country keeps its share in a normal year",
        "In dry years every share shrinks by the same proportion",
        "A joint commission of engineers declares a dry year",
    )
    assert not listed.numbered
    (quote,) = [block for block in pact if isinstance(block, BlockQuote)]
    assert quote.text.startswith("This is the first time the three of us have written down")
    assert (quote.speaker, quote.role) == ("Jonas Berg", "Environment Minister")
    assert [point.text for point in briefing.talking_points] == list(listed.items)
    said = {q.text: q.speaker for q in briefing.quotes}
    assert said["take the river out of politics"] == "Jonas Berg"


def test_the_pages_boilerplate_stays_out() -> None:
    _, briefing = imported(PAGE.read_text(encoding="utf-8"))
    text = shown(briefing)
    for boilerplate in (
        "Business",  # the navigation
        "Subscribe",
        "Holiday cottages",  # adverts
        "premium newsletter",
        "Read more",  # related links
        "Drought leaves river",
        "riverwatcher",  # comments
        "I will believe it when I see it",
        "Post comment",
        "Privacy policy",  # the footer
        "All rights reserved",
        "cookies",
        "Topics:",
        "dataLayer",  # scripts
        "14 March 2026, 08:30",  # the byline, which is the metadata's
    ):
        assert boilerplate not in text, boilerplate
    assert "By Maria" not in text


def test_the_page_is_read_by_its_suffix_and_from_stdin(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    page = tmp_path / "saved.HTM"
    page.write_bytes(PAGE.read_bytes())
    assert main(["import", str(page)]) == 0
    by_name = capsysbinary.readouterr().out.decode("utf-8")
    assert load_text(by_name).briefing.title == "Rivers pact signed after all-night talks"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(PAGE.read_bytes())))
    assert main(["import", "--from", "html", "-"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == by_name


def test_without_the_extra_one_line_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` fails
    assert main(["import", str(PAGE)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"briefing-tui: reading HTML needs the import extra: {INSTALL}\n"


def test_without_the_extra_text_and_markdown_still_import(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    markdown = ROOT / "tests" / "data" / "import" / "article.md"
    assert main(["import", str(markdown)]) == 0
    assert b"title: Ministers agree" in capsysbinary.readouterr().out


def test_a_page_with_no_article_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "empty.html"
    page.write_text(
        "<html><head><title>Menu</title><script>var a = 1;</script></head>"
        "<body><div><img src='photo.jpg'></div><style>p { color: red }</style></body></html>",
        encoding="utf-8",
    )
    assert main(["import", str(page)]) == 1
    assert capsys.readouterr().err == (f"briefing-tui: {page}: no article text found in the page\n")


def test_a_page_of_more_paragraphs_than_any_article_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """trafilatura reads paragraphs in quadratic time: 24,000 would take minutes."""
    page = tmp_path / "many.html"
    svg = "<svg>" + "<path d='M0 0'/>" * 20_000 + "</svg>"  # <path> is not <p>
    paragraphs = "".join(
        f"<p>Paragraph <b>{n}</b> <a href='https://x.org'>x</a>.</p>" for n in range(24_000)
    )
    page.write_text(f"<html><body>{svg}{paragraphs}</body></html>", encoding="utf-8")
    started = time.process_time()
    assert main(["import", str(page)]) == 1
    assert time.process_time() - started < 2
    err = capsys.readouterr().err
    assert "the page has 24,000 paragraphs, more than any news article" in err


def test_a_page_over_the_size_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "--max-size", "1K", str(PAGE)]) == 1
    assert "limit" in capsys.readouterr().err


HOSTILE = """
<script>document.write("SCRIPTED")</script><style>p { color: red } .STYLED {}</style>
<p onclick="alert('HANDLER')" onmouseover="steal()">Click <a href="javascript:alert('JS')">this
link</a>, <a href="data:text/html,DATA">that one</a>, <a href="vbscript:x">the other</a> and
<a href="https://ok.example/page">a good one</a>.</p>
<p>Bell &#7;, escape &#x1b;[31m, nul &#0;, a raw bell \x07, a raw escape \x1b[2J, an
override &#x202e; and a C1 &#x85; here.</p>
<p>[red]Rich markup[/red] and <b>bold with a * star</b> and <i> spaced </i> and <b>*starred*</b>
and <a href="https://x.example/a b">a spaced address</a> and <a href="https://x.example/]">a
bracket</a>.</p>
<p>YAML: *alias &amp;anchor !tag --- ... key: value # comment {flow} [list]</p>
<noscript>NOSCRIPT</noscript><iframe src="https://frame.example">IFRAMED</iframe>
<object data="x">OBJECTED</object><template>TEMPLATED</template>
<form><input value="FORMED"><button>BUTTONED</button></form>
"""


def test_hostile_markup_never_reaches_the_draft() -> None:
    draft, briefing = imported(page_of(HOSTILE))
    text = shown(briefing)
    for word in (
        "SCRIPTED",
        "STYLED",
        "color",
        "HANDLER",
        "steal",
        "alert",
        "javascript",
        "DATA",
        "vbscript",
        "NOSCRIPT",
        "IFRAMED",
        "OBJECTED",
        "TEMPLATED",
        "FORMED",
        "BUTTONED",
    ):
        assert word not in draft, word
    assert "Click this link, that one, the other and [a good one](https://ok.example/page)." in (
        text
    )
    for character in "\x00\x07\x1b\x85\u202e":
        assert character not in draft
    # (the raw escape goes whole, its "[2J" too: eight characters in all)
    assert "# note: 8 control or invisible characters were removed" in draft
    assert "[2J" not in draft
    # markup of Rich, YAML or the format itself stays the page's text
    assert "[red]Rich markup[/red] and bold with a * star and *spaced* and *starred*" in text
    assert "and a spaced address and a bracket." in text
    assert "YAML: *alias &anchor !tag --- ... key: value # comment {flow} [list]" in text


def test_the_pages_own_stars_and_brackets_are_pointed_out() -> None:
    draft, _ = imported(page_of("<p>As typed: *stars* and [a label](https://example.org).</p>"))
    assert "# note: the page's own text has * or [label](url) in 1 place, which" in draft


@pytest.mark.parametrize(
    "nested",
    [
        "<div>" * 50_000 + "Deep text." + "</div>" * 50_000,
        "<blockquote>" * 3000 + "<p>A deep quote of a few words.</p>" + "</blockquote>" * 3000,
        "<ul><li>" * 3000 + "A deep item" + "</li></ul>" * 3000,
        "<b><i>" * 5000 + "Deep emphasis" + "</i></b>" * 5000,
        "<table><tr><td>" * 1000 + "A deep cell" + "</td></tr></table>" * 1000,
    ],
    ids=["divs", "quotes", "lists", "inline", "tables"],
)
def test_deeply_nested_tags_give_a_valid_draft(nested: str) -> None:
    _, briefing = imported(page_of(nested))
    assert briefing.title == "The headline"
    assert "Officials met again on day 5 of the talks" in shown(briefing)


def test_a_page_without_a_heading_takes_its_metadata_title_and_keeps_only_web_addresses() -> None:
    head = (
        "<title>Ignored | Site</title><meta property='og:title' content='The page title'>"
        "<meta property='og:url' content='javascript:alert(1)'>"
        "<meta property='og:site_name' content='Site'>"
    )
    page = page_of("", head).replace("<h1>The headline</h1>", "")
    draft, briefing = imported(page)
    assert briefing.title == "The page title"
    assert "# guessed: headline (the page's title" in draft
    assert briefing.source is not None
    assert (briefing.source.name, briefing.source.url) == ("Site", None)
    assert "javascript" not in draft


def test_a_fragment_of_html_is_read_too() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of a fragment with some words.</p>" for i in range(8))
    _, briefing = imported(f"<h1>A fragment</h1>{paragraphs}")
    assert briefing.title == "A fragment"
    assert "Paragraph 7 of a fragment with some words." in shown(briefing)
