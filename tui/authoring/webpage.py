"""A saved web page of a news article read into a draft, with trafilatura (the ``import`` extra).

trafilatura finds the article in the page (leaving navigation, adverts, comments
and footers out) and its metadata: title, authors, date, site name and address.
Its result, an XML tree of headings, paragraphs, lists, quotes, tables and inline
emphasis and links, is walked without recursion into the block tokens the
Markdown import reads, so both share one path to a draft and nothing in the
page's text is ever parsed as markup. Scripts, styles and event handlers never
reach the tree; links are kept only to ``http(s)`` addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tui.authoring.draft import Draft

if TYPE_CHECKING:
    from markdown_it.token import Token

INSTALL = "pip install 'briefing-tui[import]'"
"""The command that installs what reading HTML needs."""

SUFFIXES = (".html", ".htm")


class MissingExtraError(Exception):
    """trafilatura (the ``import`` extra) is not installed; the message says how to install it."""


class NoArticleError(Exception):
    """The page holds no article text that trafilatura could find."""


_INLINE = frozenset({"hi", "ref", "lb", "del"})
"""trafilatura's inline elements; every other element is a block."""
_TEXT_BLOCKS = frozenset({"p", "head", "code", "row"})
"""Blocks that are one paragraph (or heading) each, whatever they hold."""
_BOLD, _ITALIC = frozenset({"#b", "#strong"}), frozenset({"#i", "#em"})
_HEADING = re.compile(r"h[1-6]")
_BAD_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
"""A numeric character reference: one to a control character makes trafilatura give nothing."""
_XML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_Piece = Any
"""A piece of a run of inline content: a string, or a trafilatura element (lxml)."""


def _trafilatura() -> Any:
    """The trafilatura module, or :class:`MissingExtraError` saying how to install it."""
    try:
        import trafilatura
    except ImportError:  # not installed, or a dependency of it is missing (lxml_html_clean)
        raise MissingExtraError(f"reading HTML needs the import extra: {INSTALL}") from None
    return trafilatura


def _without_bad_references(text: str) -> tuple[str, int]:
    """``text`` without references to characters XML cannot hold, and how many there were."""
    removed = 0

    def keep(match: re.Match[str]) -> str:
        nonlocal removed
        hexadecimal, decimal = match.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
        if code > 0x10FFFF or (code and _XML_CONTROL.match(chr(code))):
            removed += 1
            return ""
        return match.group()

    return _BAD_REFERENCE.sub(keep, text), removed


@dataclass
class Texts:
    """Makes text tokens: each text cleaned as the other importers clean the article."""

    removed: int = 0
    """Control or invisible characters removed."""
    literal: int = 0
    """Texts that hold what the reader shows as emphasis or a link, as the page typed it."""

    def token(self, text: str) -> Token:
        from markdown_it.token import Token

        from tui.authoring.article import without_controls

        cleaned, removed = without_controls(text)
        self.removed += removed
        if ("*" in cleaned or "](" in cleaned) and _reads_as_markup(cleaned):
            self.literal += 1
        return Token("text", "", 0, content=cleaned)


def _reads_as_markup(text: str) -> bool:
    from tui.document.inline import parse_inline

    return bool(parse_inline(text).spans)


@dataclass
class _Frame:
    """A block being walked: its children still to see, its run of inline content so far."""

    children: Iterator[Any]
    close: list[Token]
    run: list[_Piece] = field(default_factory=list)


def _token(kind: str, tag: str, nesting: Literal[-1, 0, 1], **attrs: str) -> Token:
    from markdown_it.token import Token

    return Token(kind, tag, nesting, attrs=dict(attrs))


def _marked(element: Any, texts: Texts, opening: str, closing: str, **attrs: str) -> list[Token]:
    """An inline element's text between markers, its spaces outside them."""
    text = "".join(element.itertext())
    inner = text.strip()
    if not inner:
        return [texts.token(text)] if text else []
    before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    tag = "a" if opening == "link_open" else opening.removesuffix("_open")
    return [
        *([texts.token(before)] if before else []),
        _token(opening, tag, 1, **attrs),
        texts.token(inner),
        _token(closing, tag, -1),
        *([texts.token(after)] if after else []),
    ]


def _inline(pieces: list[_Piece], texts: Texts) -> list[Token]:
    """A run of inline content as markdown-it's inline tokens."""
    tokens: list[Token] = []
    for piece in pieces:
        if piece is None:
            continue
        if isinstance(piece, str):
            tokens.append(texts.token(piece))
            continue
        tag, rend = piece.tag, piece.get("rend") or ""
        if tag == "lb":
            tokens.append(_token("softbreak", "br", 0))
        elif tag == "hi" and rend in _BOLD:
            tokens += _marked(piece, texts, "strong_open", "strong_close")
        elif tag == "hi" and rend in _ITALIC:
            tokens += _marked(piece, texts, "em_open", "em_close")
        elif tag == "ref" and piece.get("target"):  # the Markdown path keeps web links only
            tokens += _marked(piece, texts, "link_open", "link_close", href=piece.get("target"))
        elif tag in _INLINE:
            tokens.append(texts.token("".join(piece.itertext())))
        else:  # a block inside a paragraph: its words, apart from the words around it
            tokens.append(texts.token(" " + " ".join(piece.itertext()) + " "))
    return tokens


def _content(element: Any) -> list[_Piece]:
    """All of an element's content as one run: its text, children and their tails."""
    pieces: list[_Piece] = [element.text]
    for child in element:
        if isinstance(child.tag, str):
            pieces.append(child)
        pieces.append(child.tail)
    return pieces


def _block(pieces: list[_Piece], texts: Texts, heading: str = "") -> list[Token]:
    """A paragraph of inline content, or a heading at level ``heading`` (``h2``)."""
    from markdown_it.token import Token

    kind, tag = ("heading", heading) if heading else ("paragraph", "p")
    inline = Token("inline", "", 0, content="", children=_inline(pieces, texts))
    return [_token(f"{kind}_open", tag, 1), inline, _token(f"{kind}_close", tag, -1)]


def _text_block(element: Any, texts: Texts) -> list[Token]:
    """The tokens of a block that is one paragraph: a paragraph, heading, code or table row."""
    if element.tag == "row":  # a table row: its cells, apart
        pieces: list[_Piece] = []
        for cell in element:
            if isinstance(cell.tag, str):
                pieces += [" | ", *_content(cell)] if pieces else _content(cell)
        return _block(pieces, texts)
    if element.tag == "head":
        rend = element.get("rend") or ""
        return _block(_content(element), texts, rend if _HEADING.fullmatch(rend) else "h2")
    return _block(_content(element), texts)


def _has_text(piece: _Piece) -> bool:
    if isinstance(piece, str):
        return bool(piece.strip())
    return piece is not None and bool("".join(piece.itertext()).strip())


def _flush(frame: _Frame, out: list[Token], texts: Texts) -> None:
    """The run of loose inline content in a block so far, as a paragraph of its own."""
    if any(_has_text(piece) for piece in frame.run):
        out += _block(frame.run, texts)
    frame.run = []


def _open(element: Any, out: list[Token]) -> _Frame:
    """Start walking a block that holds blocks: its opening token, if it has one."""
    tag = element.tag
    close: list[Token] = []
    if tag == "list":
        kind = "ordered_list" if element.get("rend") == "ol" else "bullet_list"
        markdown_tag = "ol" if kind == "ordered_list" else "ul"
        out.append(_token(f"{kind}_open", markdown_tag, 1))
        close = [_token(f"{kind}_close", markdown_tag, -1)]
    elif tag == "item":
        out.append(_token("list_item_open", "li", 1))
        close = [_token("list_item_close", "li", -1)]
    elif tag == "quote":
        out.append(_token("blockquote_open", "blockquote", 1))
        close = [_token("blockquote_close", "blockquote", -1)]
    return _Frame(iter(element), close, [element.text])


def tokens_of(body: Any, texts: Texts) -> list[Token]:
    """The block tokens of trafilatura's article tree, walked with a stack (any depth)."""
    out: list[Token] = []
    frames = [_open(body, out)]
    while frames:
        frame = frames[-1]
        child = next(frame.children, None)
        if child is None:
            _flush(frame, out, texts)
            out += frame.close
            frames.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str):  # a comment or processing instruction: only its tail
            frame.run.append(child.tail)
            continue
        if tag in _INLINE:
            frame.run += [child, child.tail]
            continue
        _flush(frame, out, texts)
        if tag in _TEXT_BLOCKS:
            out += _text_block(child, texts)
        elif tag != "graphic":
            frames.append(_open(child, out))
        frame.run.append(child.tail)  # read after the child's blocks: the frame is below
    return out


def _metadata(draft: Draft, found: Any) -> None:
    """The page's title, authors, date, site name and address, into the draft."""
    from tui.authoring.enrich import clean
    from tui.format.loader import date_problem
    from tui.text import sanitize
    from tui.urls import is_web_url

    def text(name: str) -> str:
        value = getattr(found, name, None)
        return clean(sanitize(value)) if isinstance(value, str) else ""

    title = text("title")
    if title and (draft.title_note or not draft.title):
        draft.title, draft.title_note = title, "headline (the page's title, from its metadata)"
    elif title and title != draft.title:
        draft.title_note = f"headline (the page's first heading; its metadata say: {title[:80]})"
    authors = [name for name in (clean(part) for part in text("author").split(";")) if name]
    if authors:
        draft.authors = list(dict.fromkeys(authors))
        draft.authors_note = "authors (the page's byline or metadata)"
    date = text("date")
    if date and date_problem(date) is None:
        draft.published, draft.published_note = date, "published (the date the page gives)"
    url = text("url")
    draft.source_url = url if is_web_url(url) else ""
    draft.source = text("sitename") or text("hostname")
    if not draft.source and draft.source_url:
        from urllib.parse import urlsplit

        draft.source = urlsplit(draft.source_url).hostname or ""
    if draft.source:
        draft.source_note = "source (the page's site name and address)"
    else:
        draft.source_url = ""


MAX_PARAGRAPHS = 5_000
"""Paragraphs a page may have: a news article has a few dozen. trafilatura's search for
paragraph text takes time growing with the square of their number (libxml2's ``//p//text()``:
6,000 take 2.6 s, 24,000 take 90 s), so a page with more is refused, not read for minutes."""

_PARAGRAPH_TAG = re.compile(rb"<p[\s>/]", re.IGNORECASE)


def paragraph_tags(text: str) -> int:
    """How many ``<p>`` tags ``text`` holds (counted at C speed, before any parsing)."""
    return len(_PARAGRAPH_TAG.findall(text.encode("utf-8", "surrogatepass")))


def parse_html(text: str) -> tuple[Draft, int]:
    """A draft of the article in the saved web page ``text``, and how many control or
    invisible characters were left out of it.

    Raises :class:`MissingExtraError` without trafilatura, and
    :class:`NoArticleError` when the page holds no article it can find.
    """
    from tui.authoring.markdown import draft_of_tokens

    trafilatura = _trafilatura()
    paragraphs = paragraph_tags(text)
    if paragraphs > MAX_PARAGRAPHS:
        raise NoArticleError(
            f"the page has {paragraphs:,} paragraphs, more than any news article (at most"
            f" {MAX_PARAGRAPHS:,} are read: more would take minutes); save only the article"
        )
    text, removed = _without_bad_references(text)
    if "html" not in text[:200].lower():  # a fragment: trafilatura wants a whole page
        text = f"<html><body>{text}</body></html>"
    found = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_images=False,
        prune_xpath="//template",  # inert markup that a browser never shows
        # the date the page's markup gives (meta tags, <time>, its address), the first
        # published rather than the last changed; not a date found anywhere in the text,
        # which is a worse guess and grows faster than the page does
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(found, "body", None)
    if body is None or not "".join(body.itertext()).strip():
        raise NoArticleError("no article text found in the page")
    texts = Texts()
    draft = draft_of_tokens(tokens_of(body, texts))
    _metadata(draft, found)
    if texts.literal:
        places = f"{texts.literal:,} place{'s' if texts.literal > 1 else ''}"
        draft.notes.append(
            f"the page's own text has * or [label](url) in {places}, which the reader shows"
            " as emphasis or a link: check them"
        )
    return draft, removed + texts.removed
