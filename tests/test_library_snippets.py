"""Snippets: the matched words found again in a passage, marked, in one safe line."""

from __future__ import annotations

from tui.library.query import parse
from tui.library.snippets import LONGEST, highlight, joined, opening


def marked(text: str, query: str) -> list[str]:
    snippet, marks = highlight(text, [t for clause in parse(query).clauses for t in clause])
    return [snippet[a:b] for a, b in marks]


def test_words_phrases_and_prefixes_are_marked() -> None:
    text = "Peace talks resumed; the talks on peace were negotiated by negotiators."
    assert marked(text, "talks") == ["talks", "talks"]
    assert marked(text, '"peace talks"') == ["Peace talks"]
    assert marked(text, "negotiat*") == ["negotiated", "negotiators"]


def test_case_and_accents_aside() -> None:
    assert marked("La NACIÓN celebra; la nacion duerme.", "nación") == ["NACIÓN", "nacion"]


def test_a_long_passage_shows_a_window_around_the_match() -> None:
    text = " ".join(f"w{n}" for n in range(200)) + " target " + " ".join("x" * 3 for _ in range(50))
    snippet, [(start, end)] = highlight(text, parse("target").clauses[0])
    assert snippet.startswith("…w197 w198 w199 target") and snippet.endswith("…")
    assert snippet[start:end] == "target"


def test_a_snippet_shows_every_term_it_can_before_more_of_one() -> None:
    text = (
        "The delegation met the delegation of the other side and talked for hours "
        + "about many things " * 8
        + "before the court deficit was raised by the delegation."
    )
    assert marked(text, '"court deficit" delegation') == ["court deficit", "delegation"]
    apart = "The delegation met the delegation. " + "Words " * 30 + "The court deficit grew."
    assert marked(apart, '"court deficit" delegation') == ["court deficit"]  # the phrase


def test_a_snippet_is_one_safe_line_of_limited_length() -> None:
    snippet, marks = highlight("a\x1b]2;x\x07 b\nc " + "long " * 500, parse("c").clauses[0])
    assert "\x1b" not in snippet and "\x07" not in snippet and "\n" not in snippet
    assert len(snippet) <= LONGEST
    assert [snippet[a:b] for a, b in marks] == ["c"]
    assert opening("y" * 10_000)[0] == "y" * (LONGEST - 1) + "…"


def test_a_speaker_and_quote_joined_keep_their_marks() -> None:
    terms = parse("blinken welcome").clauses
    flat = [term for clause in terms for term in clause]
    text, marks = joined(highlight("Antony Blinken", flat), ": ", highlight("We welcome it.", flat))
    assert text == "Antony Blinken: We welcome it."
    assert [text[a:b] for a, b in marks] == ["Blinken", "welcome"]


def test_a_word_and_a_phrase_that_begin_alike_are_both_marked() -> None:
    text = "Peace talks, peace, peacetime and peaceful talks."
    assert marked(text, 'peace "peace talks"') == ["Peace", "Peace talks", "peace"]
    assert marked(text, 'peace* "peaceful talks"') == [
        "Peace",
        "peace",
        "peacetime",
        "peaceful",
        "peaceful talks",
    ]
    assert marked("NACIÓN, Nacion", "nacion") == ["NACIÓN", "Nacion"]  # word by word
    assert marked("NACION, Nacion", "nacion") == ["NACION", "Nacion"]  # ASCII: all at once


def test_a_match_in_a_summary_is_not_called_a_title() -> None:
    """A title's passage holds its subtitle and summary: a match there was labelled "title"
    under a snippet that is not the title."""
    from tui.library.index import Hit
    from tui.ui.hits import hit_content

    def label(snippet: str) -> str:
        hit = Hit("/l/a.yaml", "Ports reopen", "title", snippet, (), 1.0, published="2024-05-01")
        return hit_content(hit).plain.split("\n")[0]

    assert label("Ports reopen") == "Ports reopen  2024-05-01 · title"
    assert label("…cargo moved again after the strike…") == (
        "Ports reopen  2024-05-01 · subtitle or summary"
    )
    summary = Hit("/l/a.yaml", "Ports reopen", "title", "Cargo moved.", (), 1.0)
    assert summary.part == "subtitle or summary"  # (briefing-tui search prints it too)


def test_a_match_at_the_end_of_a_very_long_passage_is_shown_and_marked() -> None:
    """A word at the end of a paragraph of 20,000 words: the snippet was the paragraph's
    start, nothing marked (only its first 20,000 characters were split into words)."""
    for text, query, word in [
        (" ".join(f"word{n}" for n in range(20_000)) + " uniqueword at the end.", "uniqueword",
         "uniqueword"),
        ("niño " * 30_000 + "en Bogotá, al fin.", "bogota", "Bogotá"),
    ]:  # fmt: skip
        terms = [term for clause in parse(query).clauses for term in clause]
        shown, marks = highlight(text, terms)
        assert [shown[start:end] for start, end in marks] == [word]
        assert shown.startswith("…") and len(shown) < 300
