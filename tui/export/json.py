"""JSON of the loaded briefing, valid against the format's schema, with every section's id.

JSON is YAML, so the loader reads the export back as the same briefing. The
few characters a YAML parser refuses raw (U+FFFE, U+FFFF) are written as
``\\u`` escapes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tui.format.loader import FORMAT
from tui.model import Block, BlockQuote, Briefing

_NOT_YAML = re.compile("[\ufffe\uffff]")
"""What JSON leaves raw but YAML refuses: the non-characters of the BMP (controls, surrogates and
the C1 range never reach the model)."""


def _block(block: Block) -> Any:
    if isinstance(block, str):
        return block
    if isinstance(block, BlockQuote):
        quote = {"quote": block.text, "speaker": block.speaker, "role": block.role}
        quote["attribution"] = block.attribution
        return {key: value for key, value in quote.items() if value is not None}
    return {"numbered" if block.numbered else "bullets": list(block.items)}


def data(briefing: Briefing) -> dict[str, Any]:
    """The briefing as the format's data: what a file would hold to load as this briefing."""
    found: dict[str, Any] = {
        "format": FORMAT,
        "title": briefing.title,
        "subtitle": briefing.subtitle,
        "summary": briefing.summary,
        "location": briefing.location,
        "language": briefing.language,
        "source": (
            {"name": briefing.source.name, "url": briefing.source.url}
            if briefing.source and briefing.source.url
            else {"name": briefing.source.name}
            if briefing.source
            else None
        ),
        "published": briefing.published,
        "authors": list(briefing.authors) or None,
        "tags": list(briefing.tags) or None,
        "sections": [
            {"id": s.id, "heading": s.heading, "body": [_block(b) for b in s.blocks]}
            for s in briefing.sections
        ],
        "talking_points": [
            {"text": p.text, "section": p.section} if p.section else {"text": p.text}
            for p in briefing.talking_points
        ]
        or None,
        "quotes": [
            {
                key: value
                for key, value in (
                    ("speaker", q.speaker),
                    ("text", q.text),
                    ("role", q.role),
                    ("section", q.section),
                )
                if value is not None
            }
            for q in briefing.quotes
        ]
        or None,
    }
    return {key: value for key, value in found.items() if value is not None}


def render(briefing: Briefing, width: int = 80) -> str:
    """The briefing as pretty-printed JSON, ending in a newline (``width`` is not used)."""
    text = json.dumps(data(briefing), indent=2, ensure_ascii=False)
    if "\ufffe" in text or "\uffff" in text:  # rare: not worth a pass of the expression
        text = _NOT_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text + "\n"
