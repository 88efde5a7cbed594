"""The exporters' fast paths give what their general paths give (the golden file checks whole
exports; these check the pieces on any text)."""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.document.inline import Span, parse_inline
from tui.export import html, markdown
from tui.export.plain import wrap, wrapped
from tui.text import sanitize
from tui.urls import is_web_url

WORDS = st.sampled_from(
    [
        "a",
        "be",
        "word",
        "x" * 9,
        "y" * 30,
        "z" * 90,
        "é",
        "naïve",
        "“q”",
        "—",
        "中文",
        "e\u0301",
        "",
    ]
)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(WORDS, max_size=40).map(" ".join) | st.text(alphabet="ab \u00e9\u4e2d", max_size=60),
    st.integers(min_value=1, max_value=100),
    st.sampled_from(["", "  ┃ ", "  1. ", "  ┃ — ", "\\1"]),
    st.sampled_from([None, "", "     ", "  ┃   ", "\\g<0>"]),
)
@example("x" * 80 + " ", 80, "", None)  # a breaking space at the very end
@example("a  b" * 30, 20, "", None)  # two spaces: trailing spaces stripped from a line
def test_wrapped_is_wrap_joined(text: str, width: int, lead: str, hang: str | None) -> None:
    assert wrapped(text, width, lead, hang) == "\n".join(wrap(text, width, lead, hang))


MARKDOWN_PIECES = st.sampled_from(
    [
        *("word", " ", "*", "**", "[", "]", "(", ")", "](https://x.example/a)", "](http://y"),
        *("!", "\\", "&", "&amp;", "_", "#", "<", ">", "|", "~", "`", "1.", "-", "+", ">", "="),
        *("中文", "é", "e\u0301"),
    ]
)


def escaped_throughout(source: str) -> str:
    """:func:`markdown.inline` with its fast paths off: every piece through the expressions."""
    saved = markdown._is_literal
    markdown._is_literal = lambda text: False
    try:
        return markdown.inline(source)
    finally:
        markdown._is_literal = saved


@settings(max_examples=600, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=16).map("".join))
@example("a *b* and [c](https://x.example/?a=1&b=2)")
@example("see ![c](https://x.example)")
@example("**b** c [d](https://x.example/\\e)")
def test_markdown_inline_fast_path_writes_what_the_escapes_write(source: str) -> None:
    assert markdown.inline(source) == escaped_throughout(source)


def split_is_web(url: str) -> bool:
    """:func:`is_web_url` without its fast path: every URL checked and split."""
    if any(char.isspace() for char in url) or sanitize(url) != url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@settings(max_examples=600, deadline=None)
@given(
    st.tuples(
        st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "http:/", "https:///", ""]),
        st.text(alphabet="ab.-09/?#:@[]%~!é\u3000 \t\x1b", max_size=20),
    ).map("".join)
)
@example("https://example.com/briefing/3768")
@example("http://[::1")
@example("https://x.example:80/a")
@example("http://-/")
def test_web_links_fast_path_says_what_urlsplit_says(url: str) -> None:
    assert is_web_url(url) == split_is_web(url)


def html_escaped_throughout(text: str, spans: tuple[Span, ...]) -> str:
    saved = html._is_literal
    html._is_literal = lambda text: False
    try:
        return html.inline(text, spans)
    finally:
        html._is_literal = saved


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKDOWN_PIECES | st.sampled_from(["'", '"', "<b>"]), max_size=16).map("".join))
@example("a *b* & [c](https://x.example/?a=1&b=2)")
def test_html_inline_fast_path_writes_what_the_escapes_write(source: str) -> None:
    parsed = parse_inline(source)
    assert html.inline(*parsed) == html_escaped_throughout(*parsed)
