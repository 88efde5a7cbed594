"""One self-contained HTML page: inline CSS, no script, nothing fetched from elsewhere.

Every string from the briefing is escaped (:func:`html.escape`); the only
markup is this module's own. Links go only to ``http`` and ``https`` URLs and
carry ``rel="noopener noreferrer"``; a Content Security Policy forbids
scripts and every request the page could make. Talking points and quotes link
to the passages they are tied to, as the reader's jumps do: every block of
the body has an id (``b-N``, N its place in the body), every section one
(``s-ID``).
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from tui.document import CREDIT, HEADING, ITEM, QUOTE, BodyDocument, Target
from tui.document.inline import Span
from tui.export.common import QUOTES, TALKING_POINTS, Links, links, metadata, one_line
from tui.model import Briefing
from tui.urls import is_web_url

POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
"""What the page may do: apply its own inline style, and nothing else."""

STYLE = """
:root { color-scheme: light dark; --text: #1b1b1b; --muted: #5c5c5c; --accent: #0b57d0;
  --rule: #d0d0d0; --back: #ffffff; --mark: #fff3b0; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e6e6e6; --muted: #a8a8a8; --accent: #8ab4f8; --rule: #444444;
    --back: #161616; --mark: #4a4218; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--back); color: var(--text);
  font: 1.05rem/1.6 Georgia, "Times New Roman", serif; overflow-wrap: anywhere; }
main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 0.5rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.2rem;
  border-bottom: 1px solid var(--rule); }
.subtitle { font-size: 1.15rem; font-style: italic; margin: 0.3rem 0; }
.meta { color: var(--muted); font-size: 0.95rem; margin: 0.3rem 0; }
.summary { font-weight: bold; }
a { color: var(--accent); }
blockquote { margin: 1rem 0; padding: 0.2rem 0 0.2rem 1rem; border-left: 4px solid var(--accent); }
blockquote p { margin: 0.3rem 0; }
blockquote footer { color: var(--muted); }
li { margin: 0.25rem 0; }
:target { background: var(--mark); }
@media print {
  :root { --text: #000000; --muted: #333333; --accent: #000000; --back: #ffffff; }
  main { max-width: none; padding: 0; }
  blockquote, li, h2 { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { text-decoration: none; }
}
""".strip()

REL = "noopener noreferrer"


def link(url: str, inner: str) -> str:
    """``inner`` (already HTML) as a link to ``url``, or left as it is if ``url`` is not web."""
    if not is_web_url(url):
        return inner
    return f'<a href="{escape(url)}" rel="{REL}">{inner}</a>'


def _is_literal(text: str) -> bool:
    """True when :func:`html.escape` would leave ``text`` as it is (five finds at C speed)."""
    return not ("&" in text or "<" in text or ">" in text or '"' in text or "'" in text)


def _same(text: str) -> str:
    return text


def inline(text: str, spans: tuple[Span, ...]) -> str:
    """A block's shown text as HTML: its strong, emphasis and link spans as elements."""
    literal = _is_literal(text)
    if not spans:
        return text if literal else escape(text)
    escaped = _same if literal else escape  # one check for every piece of the block
    parts: list[str] = []
    position = 0
    for span in spans:
        parts.append(escaped(text[position : span.start]))
        inner = escaped(text[span.start : span.end])
        if span.kind == "strong":
            parts.append(f"<strong>{inner}</strong>")
        elif span.kind == "emphasis":
            parts.append(f"<em>{inner}</em>")
        else:
            parts.append(link(span.url or "", inner))
        position = span.end
    parts.append(escaped(text[position:]))
    return "".join(parts)


def _anchor(document: BodyDocument, briefing: Briefing, target: Target | None) -> str | None:
    """The fragment a talking point or quote links to, or None."""
    if target is None:
        return None
    if not target.exact or document.kinds[target.block] == HEADING:
        return f"#s-{briefing.sections[target.section].id}"
    return f"#b-{target.block}"


def _linked(text: str, anchor: str | None) -> str:
    return f'<a href="{anchor}">{escape(text)}</a>' if anchor else escape(text)


def body(briefing: Briefing, document: BodyDocument) -> Iterator[str]:
    """The sections of the article, each block with its id."""
    kinds, parsed = document.kinds, document.parsed
    count = len(document)
    block = 0
    while block < count:
        kind = kinds[block]
        text = inline(*parsed(block))
        if kind == HEADING:
            if block:
                yield "</section>"
            section = briefing.sections[document.section_of[block]]
            yield f'<section id="s-{escape(section.id)}">\n<h2 id="b-{block}">{text}</h2>'
        elif kind == QUOTE:
            credit = block + 1 < count and kinds[block + 1] == CREDIT
            yield f'<blockquote id="b-{block}">\n<p>{text}</p>'
            if credit:
                block += 1
                credited = inline(*parsed(block))
                yield f'<footer id="b-{block}">— {credited}</footer>'
            yield "</blockquote>"
        elif kind == ITEM:
            numbered = document.leads[block].strip()[:1].isdigit()
            tag = "ol" if numbered else "ul"
            yield f"<{tag}>"
            while True:
                yield f'<li id="b-{block}">{inline(*parsed(block))}</li>'
                if document.gaps[block] or block + 1 >= count or kinds[block + 1] != ITEM:
                    break
                block += 1
            yield f"</{tag}>"
        else:
            yield f'<p id="b-{block}">{text}</p>'
        block += 1
    if count:
        yield "</section>"


def head(briefing: Briefing) -> Iterator[str]:
    """The page's head: its character set, viewport, policy, title and style."""
    yield "<!DOCTYPE html>"
    yield f'<html lang="{escape(briefing.language or "en")}">'
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    yield '<meta name="referrer" content="no-referrer">'
    yield f"<title>{escape(one_line(briefing.title))}</title>"
    yield f"<style>\n{STYLE}\n</style>"
    yield "</head>"


def header(briefing: Briefing) -> Iterator[str]:
    """The title, subtitle, metadata (the source linked) and summary."""
    yield "<header>"
    yield f"<h1>{escape(one_line(briefing.title))}</h1>"
    subtitle = one_line(briefing.subtitle or "")
    if subtitle:
        yield f'<p class="subtitle">{escape(subtitle)}</p>'
    fields = [escape(field) for field in metadata(briefing)]
    if briefing.source and briefing.source.url:  # the first field: the source's name
        fields[0] = link(briefing.source.url, fields[0])
    if fields:
        yield f'<p class="meta">{" · ".join(fields)}</p>'
    summary = one_line(briefing.summary or "")
    if summary:
        yield f'<p class="summary">{escape(summary)}</p>'
    yield "</header>"


def closing(briefing: Briefing, found: Links) -> Iterator[str]:
    """The talking points and quotes, each linked to its passage."""
    document = found.document
    if briefing.talking_points:
        yield f'<section id="talking-points">\n<h2>{TALKING_POINTS}</h2>\n<ol>'
        for number, (point, target) in enumerate(
            zip(briefing.talking_points, found.points, strict=True), start=1
        ):
            anchor = _anchor(document, briefing, target)
            yield f'<li id="point-{number}">{_linked(point.text, anchor)}</li>'
        yield "</ol>\n</section>"
    if briefing.quotes:
        yield f'<section id="quotes">\n<h2>{QUOTES}</h2>'
        for number, (quote, target) in enumerate(
            zip(briefing.quotes, found.quotes, strict=True), start=1
        ):
            anchor = _anchor(document, briefing, target)
            yield f'<blockquote id="quote-{number}">\n<p>{_linked(quote.text, anchor)}</p>'
            yield f"<footer>— {escape(quote.attribution)}</footer>\n</blockquote>"
        yield "</section>"


def render(briefing: Briefing, width: int = 80) -> str:
    """The briefing as one HTML page (``width`` is not used: browsers wrap)."""
    found = links(briefing)
    parts = [
        *head(briefing),
        "<body>\n<main>",
        *header(briefing),
        *body(briefing, found.document),
        *closing(briefing, found),
        "</main>\n</body>\n</html>",
    ]
    return "\n".join(parts) + "\n"
