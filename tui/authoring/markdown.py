"""A Markdown article read into a draft with markdown-it-py (CommonMark), not regexes.

The first ``#`` heading is the title; other headings start sections; paragraphs,
lists and ``>`` block quotes become the body's paragraphs, lists and block quotes
(a quote's last line starting with a dash, ``— Name``, is its credit). Emphasis,
strong text and links to web addresses stay as the format's inline Markdown;
other markup (code, images, HTML) keeps its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.authoring.draft import Block, BlockQuote, Draft, ListBlock, Paragraph, Section
from tui.authoring.enrich import clean, unquoted
from tui.authoring.people import split_attribution
from tui.authoring.plaintext import LEAD_HEADING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from markdown_it.token import Token

_DASHES = ("—", "–", "--", "- ", "―")
_MARKERS = {"em": "*", "strong": "**"}


def is_web_link(href: str) -> bool:
    """Whether ``href`` can be the target of a ``[label](url)`` link the reader shows."""
    return href.lower().startswith(("http://", "https://")) and not any(
        character in href for character in " ()<>[]"
    )


def inline(children: list[Token] | None, plain: bool = False) -> str:
    """An inline token stream as the format's inline Markdown (``*em*``, ``**strong**``,
    ``[label](url)``), other markup as its text; nested markup keeps only the outer.
    ``plain`` keeps only the text (for headings and titles, which show text as written).
    Markers go only where the reader reads them back: around text that hugs them
    and holds no ``*`` (emphasis) or ``]`` (a link's label)."""
    stack: list[list[str]] = [[]]
    opened: list[Token] = []
    for token in children or []:
        kind = token.type
        if kind.endswith("_open") and kind[:-5] in ("em", "strong", "link"):
            opened.append(token)
            stack.append([])
        elif kind.endswith("_close") and opened and kind[:-6] in ("em", "strong", "link"):
            start = opened.pop()
            inner = "".join(stack.pop())
            hugs = bool(inner) and inner == inner.strip() and not opened and not plain
            if start.type == "link_open":
                href = str(start.attrGet("href") or "")
                ok = hugs and "]" not in inner and is_web_link(href)
                text = f"[{inner}]({href})" if ok else inner
            else:
                marker = _MARKERS[start.type[:-5]]
                text = f"{marker}{inner}{marker}" if hugs and "*" not in inner else inner
            stack[-1].append(text)
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].append(" ")
        else:  # text, code_inline, html_inline, image (its alt text)
            stack[-1].append(token.content)
    while len(stack) > 1:  # an unclosed marker (never from markdown-it): keep its text
        inner = "".join(stack.pop())
        stack[-1].append(inner)
    return clean("".join(stack[0]))


def quote_block(parts: list[str]) -> BlockQuote:
    """A block quote from its paragraphs; a last one starting with a dash is its credit."""
    credit = ""
    if len(parts) > 1 and parts[-1].startswith(_DASHES):
        credit = parts.pop().lstrip("—–-―‒ ")
    found = split_attribution(credit, strict=False) if credit else None
    speaker, role = found or ("", "")
    note = "speaker and role (split from the credit line)" if speaker else ""
    return BlockQuote(unquoted(" ".join(parts)), speaker, role, credit, note)


def parse_markdown(text: str) -> Draft:
    """A draft of the Markdown article ``text``."""
    from markdown_it import MarkdownIt

    return draft_of_tokens(MarkdownIt("commonmark").parse(text))


def draft_of_tokens(tokens: Iterable[Token]) -> Draft:
    """A draft of an article as markdown-it's block tokens (also what the HTML import makes)."""
    draft = Draft(title="")
    current = Section(LEAD_HEADING, note="heading (the article has none here: name this part)")
    draft.sections.append(current)
    seen_text = False
    lists = 0  # depth of lists
    quotes = 0  # depth of block quotes
    items: list[str] = []  # the open list's items
    item_parts: list[str] = []  # the paragraphs of the open list item
    quote_parts: list[str] = []
    numbered = False
    heading: str | None = None  # the level of an open heading

    def add(block: Block) -> None:
        nonlocal seen_text
        seen_text = True
        current.blocks.append(block)

    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = token.tag
        elif kind == "inline" and heading is not None:
            words = inline(token.children, plain=True) or "Untitled"
            if heading == "h1" and not draft.title and lists == quotes == 0:
                draft.title = words
            elif lists == quotes == 0:
                current = Section(words)
                draft.sections.append(current)
                if not draft.title and not seen_text:
                    draft.title, draft.title_note = words, "headline (the first heading)"
            else:
                (item_parts if lists else quote_parts).append(words)
            heading = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if lists == 0:
                items, numbered = [], kind == "ordered_list_open"
            lists += 1
        elif kind == "list_item_open" or kind in ("bullet_list_close", "ordered_list_close"):
            if item_parts:
                items.append(" ".join(item_parts))
                item_parts = []
            if kind.endswith("_list_close"):
                lists -= 1
                if lists == 0 and quotes == 0 and items:
                    add(ListBlock(items, numbered))
                elif lists == 0 and quotes:
                    quote_parts.extend(items)
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
            if quotes == 0 and lists == 0 and quote_parts:
                add(quote_block(quote_parts))
                quote_parts = []
        elif kind in ("inline", "fence", "code_block", "html_block"):
            content = inline(token.children) if kind == "inline" else clean(token.content)
            if not content:
                continue
            if lists:
                item_parts.append(content)
            elif quotes:
                quote_parts.append(content)
            else:
                add(Paragraph(content))
    if not draft.title:
        paragraphs = (b for s in draft.sections for b in s.blocks if isinstance(b, Paragraph))
        first = next(paragraphs, None)
        draft.title = " ".join((first.text if first else "").split()[:12]) or "Untitled"
        draft.title_note = "headline (none found: the first words of the article)"
    return draft
