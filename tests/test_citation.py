"""What ``y`` copies and what the link list lists, without an app (tui.citation, tui.weblinks)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tui.citation import block_copy, point_copy, preview, quote_copy, source_line, text_block
from tui.document import BodyDocument
from tui.format.loader import load_bytes
from tui.model import BlockQuote, Briefing, ListBlock, Quote, Section, Source, TalkingPoint
from tui.urls import is_web_url
from tui.weblinks import SOURCE, WebLink, web_links

EVERY_KEY = Path(__file__).parent / "data" / "good" / "every-key.yaml"
CITE = "Source: Example Wire, 26 Sep 2022, 17:30 -05:00, https://example.org/news/border-crossing"


@pytest.fixture(scope="module")
def every_key() -> Briefing:
    """A briefing with a source, links, a block quote and a numbered list."""
    return load_bytes(EVERY_KEY.read_bytes(), "every-key.yaml").briefing


def test_the_source_line_names_the_source_its_date_and_url(every_key):
    assert source_line(every_key) == CITE
    assert source_line(replace(every_key, published=None)) == (
        "Source: Example Wire, https://example.org/news/border-crossing"
    )
    assert source_line(replace(every_key, source=Source("Wire"))) == (
        "Source: Wire, 26 Sep 2022, 17:30 -05:00"
    )
    assert source_line(replace(every_key, source=None)) is None


def test_a_source_url_that_is_not_web_is_not_cited():
    briefing = Briefing("T", (), source=Source("Wire", "javascript:alert(1)"))
    assert source_line(briefing) == "Source: Wire"


def test_a_talking_point_is_copied_as_written_with_its_source(every_key):
    copied = point_copy(every_key, 1)
    assert copied.kind == "talking point"
    assert copied.text == f"Passenger crossings follow in November\n{CITE}"
    assert copied.cited
    bare = point_copy(replace(every_key, source=None), 1)
    assert bare.text == "Passenger crossings follow in November"
    assert not bare.cited


def test_a_quote_is_copied_in_quotation_marks_with_its_attribution(every_key):
    assert quote_copy(every_key, 0).text == (
        f"“The committee is where the real work happens.” — Ana Gómez, Trade analyst\n{CITE}"
    )
    assert quote_copy(replace(every_key, source=None), 1).text == (
        "“We are ready.” — A border official"
    )


def document_of(briefing: Briefing) -> BodyDocument:
    return BodyDocument(briefing)


def test_a_paragraph_is_copied_without_its_inline_markdown(every_key):
    document = document_of(every_key)
    copied = block_copy(every_key, document, (2, 0))
    assert copied is not None and copied.kind == "paragraph"
    assert copied.text == (
        "Cargo traffic resumes first; passenger crossings follow in November."
        " The text is on the ministry's website.\n" + CITE
    )


def test_a_block_quote_is_copied_with_its_credit_from_its_text_or_its_credit_line(every_key):
    document = document_of(every_key)
    quote = document.sources.index("The committee is where the real work happens.")
    expected = "“The committee is where the real work happens.” — Ana Gómez, Trade analyst"
    for block in (quote, quote + 1):  # the credit line copies the whole quote too
        copied = block_copy(replace(every_key, source=None), document, (block, 0))
        assert copied is not None and copied.kind == "block quote"
        assert copied.text == expected


def test_a_block_quote_without_credit_is_copied_in_quotation_marks():
    briefing = Briefing("T", (Section("s", "S", (BlockQuote("Only *words*."),)),))
    copied = block_copy(briefing, BodyDocument(briefing), (1, 0))
    assert copied is not None and copied.text == "“Only words.”"


def test_a_list_is_copied_whole_from_any_of_its_items(every_key):
    document = document_of(every_key)
    first = document.sources.index("Customs officials will publish the new rules by October.")
    for block in (first, first + 1):
        copied = block_copy(every_key, document, (block, 3))
        assert copied is not None and copied.kind == "list"
        assert copied.text == (
            "1. Customs officials will publish the new rules by October.\n"
            "2. A border official said: “We are ready.”\n" + CITE
        )
    bullets = Briefing("T", (Section("s", "S", ("Before.", ListBlock(("**a**", "b")))),))
    copied = block_copy(bullets, BodyDocument(bullets), (3, 0))
    assert copied is not None and copied.text == "• a\n• b"


def test_a_heading_or_the_space_under_a_block_gives_the_next_block_of_text(every_key):
    document = document_of(every_key)
    assert text_block(document, (0, 0)) == 1  # the first heading: the first paragraph
    past = len(document.texts[1]) + 1
    assert text_block(document, (1, past)) == 2  # the blank line under it: the next one
    assert text_block(document, (3, 0)) == 4  # the second heading
    last = len(document) - 1
    assert text_block(document, (last, len(document.texts[last]) + 1)) == last


def test_an_article_without_text_has_nothing_to_copy():
    briefing = Briefing("T", (Section("a", "A", ()), Section("b", "B", ())))
    assert block_copy(briefing, BodyDocument(briefing), (1, 0)) is None


def test_hostile_text_is_copied_as_plain_harmless_text():
    """Text from a model not made by the loader: control characters are still made visible."""
    point = TalkingPoint("[b]bold[/b] \x1b]52;c;SGk=\x07 and \x9b31m \u202eevil\u202c\tend\n")
    quote = Quote("[red]Mallory[/red]", "\x1b[2Jclear", role="\x1b]2;x\x07")
    briefing = Briefing(
        "T",
        (Section("s", "S", ("[@click=app.quit]x[/] \x1b[31m*red*",)),),
        talking_points=(point,),
        quotes=(quote,),
    )
    assert point_copy(briefing, 0).text == "[b]bold[/b] ␛]52;c;SGk=␇ and �31m �evil� end"
    assert quote_copy(briefing, 0).text == "“␛[2Jclear” — [red]Mallory[/red], ␛]2;x␇"
    copied = block_copy(briefing, BodyDocument(briefing), (1, 0))
    assert copied is not None and copied.text == "[@click=app.quit]x[/] ␛[31mred"


def test_the_preview_is_the_first_line_cut_short(every_key):
    document = document_of(every_key)
    first = document.sources.index("Customs officials will publish the new rules by October.")
    listed = block_copy(every_key, document, (first, 0))
    assert listed is not None
    assert preview(listed, 30) == "1. Customs officials will pub…"
    assert preview(point_copy(every_key, 0)) == "Cargo traffic resumes next month"  # not the source
    assert preview(point_copy(every_key, 0), 10) == "Cargo tra…"


# -- the link list ---------------------------------------------------------------------


def test_the_links_are_the_source_then_the_articles_with_their_text_and_section(every_key):
    assert web_links(every_key) == [
        WebLink("Example Wire", "https://example.org/news/border-crossing", SOURCE, True),
        WebLink("ministry's website", "https://example.org/declaration", "The agreement", True),
    ]


def test_each_url_is_listed_once():
    body = "[one](https://a.example/x) and [two](https://a.example/x), [three](https://b.example)."
    briefing = Briefing(
        "T", (Section("s", "S", (body,)),), source=Source("Wire", "https://a.example/x")
    )
    assert [(link.text, link.url) for link in web_links(briefing)] == [
        ("Wire", "https://a.example/x"),
        ("three", "https://b.example"),
    ]


def test_a_briefing_without_links_lists_none(every_key):
    briefing = Briefing("T", (Section("s", "S", ("No [link](ftp://x) here.",)),))
    assert web_links(briefing) == []


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "https://",
        "http:/no-host",
        "https://example.org/a b",
        "https://example.org/\x1b]52;c;x\x07",
        "https://exa\u200bmple.org",
        "https://[::1",
    ],
)
def test_only_web_urls_may_be_opened(url):
    assert not is_web_url(url)
    briefing = Briefing("T", (), source=Source("Wire", url))
    (link,) = web_links(briefing)
    assert not link.allowed
    assert "\x1b" not in link.url and "\x07" not in link.url  # shown sanitised


@pytest.mark.parametrize("url", ["https://example.org", "HTTP://example.org/a?b=1&c=<2>#d"])
def test_web_urls_may_be_opened(url):
    assert is_web_url(url)
