"""The linear rewrites give what the old, slower code gave on ordinary input.

The inline scanner is compared with the regular expression it replaced,
default section ids with the old de-duplication loop, and suggestions with
``difflib.get_close_matches`` over every id (see ``tests/test_complexity.py``
for the time each takes).
"""

from __future__ import annotations

import difflib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.document.inline import parse_inline
from tui.format.loader import load_text
from tui.format.problems import BriefingError
from tui.format.suggest import Names
from tui.text import slugify

# -- inline Markdown ----------------------------------------------------------------

_OLD_INLINE = re.compile(
    r"\*\*(?P<strong>[^*\s](?:[^*]*?[^*\s])?)\*\*"
    r"|\*(?P<emphasis>[^*\s](?:[^*]*?[^*\s])?)\*"
    r"|\[(?P<label>[^\]]+)\]\((?P<url>https?://[^\s()]+)\)"
)


def old_inline(source: str) -> tuple[str, list[tuple[int, int, str, str | None]]]:
    """The shown text and spans as the regular expression found them (quadratic on ``[[[``)."""
    parts: list[str] = []
    spans: list[tuple[int, int, str, str | None]] = []
    length = position = 0
    for match in _OLD_INLINE.finditer(source):
        before = source[position : match.start()]
        parts.append(before)
        length += len(before)
        kind, inner = next(
            (kind, match.group(group))
            for kind, group in (("strong", "strong"), ("emphasis", "emphasis"), ("link", "label"))
            if match.group(group) is not None
        )
        parts.append(inner)
        url = match.group("url") if kind == "link" else None
        spans.append((length, length + len(inner), kind, url))
        length += len(inner)
        position = match.end()
    parts.append(source[position:])
    return "".join(parts), spans


def new_inline(source: str) -> tuple[str, list[tuple[int, int, str, str | None]]]:
    inline = parse_inline(source)
    return inline.plain, [(s.start, s.end, s.kind, s.url) for s in inline.spans]


PIECES = [
    "*", "**", "***", "[", "]", "(", ")", "](", "](http://u", "](https://v.w/x?y=1",
    "http://", "https:/", "[l", "a", "b c", " ", "\u00a0", "\u3000", "\n", "\t", "字", ")",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_inline_scanner_matches_the_old_expression(source: str) -> None:
    assert new_inline(source) == old_inline(source)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="*[]()ab :/htps\u00a0\n", max_size=20))
def test_inline_scanner_matches_the_old_expression_on_any_characters(source: str) -> None:
    assert new_inline(source) == old_inline(source)


def test_inline_spans_of_ordinary_text() -> None:
    plain, spans = new_inline("Some *emphasis*, **strong** and [a link](https://example.org/a).")
    assert plain == "Some emphasis, strong and a link."
    assert spans == [
        (5, 13, "emphasis", None),
        (15, 21, "strong", None),
        (26, 32, "link", "https://example.org/a"),
    ]


# -- default section ids ------------------------------------------------------------


def old_ids(sections: list[tuple[str, str | None]]) -> list[str]:
    """Ids as the old loop gave them: each default id counted up from 2 (given ids valid)."""
    taken = {written for _, written in sections if written is not None}
    ids = []
    for heading, written in sections:
        section_id = written
        if section_id is None:
            base = slugify(heading)
            section_id, counter = base, 2
            while section_id in taken:
                section_id, counter = f"{base}-{counter}", counter + 1
            taken.add(section_id)
        ids.append(section_id)
    return ids


def loaded_ids(sections: list[tuple[str, str | None]]) -> list[str]:
    lines = ["title: T", "sections:"]
    for heading, written in sections:
        lines.append(f"  - heading: {heading}\n    body: x")
        if written is not None:
            lines.append(f"    id: {written}")
    return [section.id for section in load_text("\n".join(lines) + "\n").briefing.sections]


def test_default_ids_skip_every_taken_suffix() -> None:
    sections: list[tuple[str, str | None]] = [
        ("Talks", None),
        ("Talks 3", None),
        ("Talks", None),
        ("Talks", None),
        ("Other", "talks-5"),
        ("Talks", None),
        ("Talks 2", None),
        ("Talks", None),
    ]
    assert loaded_ids(sections) == [
        "talks",
        "talks-3",
        "talks-2",
        "talks-4",
        "talks-5",
        "talks-6",
        "talks-2-2",
        "talks-7",
    ]
    assert loaded_ids(sections) == old_ids(sections)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Talks", "Talks 2", "Talks 3", "Talks 2 2", "Trade"]),
            st.sampled_from([None, None, None, "talks", "talks-2", "talks-3", "talks-2-2"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_default_ids_are_those_of_the_old_loop(sections: list[tuple[str, str | None]]) -> None:
    givens = [written for _, written in sections if written is not None]
    if len(givens) != len(set(givens)):
        return  # duplicate given ids are an error, tested in test_loader
    assert loaded_ids(sections) == old_ids(sections)


# -- "did you mean" ---------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdst-", min_size=1, max_size=8), min_size=1, max_size=20),
    st.text(alphabet="abcdst-", max_size=9),
)
def test_suggestion_is_difflibs_best_match(names: list[str], word: str) -> None:
    expected = difflib.get_close_matches(word, sorted(set(names)), n=1, cutoff=0.6)
    assert Names(names).suggest(word) == (expected[0] if expected else None)


def reference_errors(count: int, misspelt: list[str]) -> list[str]:
    lines = ["title: T", "sections:"]
    lines += [f"  - id: section-{i:04d}\n    heading: H\n    body: x" for i in range(count)]
    lines.append("talking_points:")
    lines += [f"  - text: x\n    section: {name}" for name in misspelt]
    try:
        load_text("\n".join(lines) + "\n")
    except BriefingError as error:
        return [problem.message for problem in error.problems]
    raise AssertionError("the references should not load")


def test_a_repeated_misspelling_is_suggested_for_every_time() -> None:
    messages = reference_errors(2000, ["sectoin-1999"] * 2000)
    assert len(messages) == 2000
    assert all(message.endswith("did you mean 'section-1999'?") for message in messages)


def test_suggestions_stop_after_a_budget_but_every_reference_is_reported() -> None:
    messages = reference_errors(2000, [f"sectoin-{i:04d}" for i in range(2000)])
    assert len(messages) == 2000
    assert messages[0] == (
        "talking_points[0].section: no section has id 'sectoin-0000'; did you mean 'section-0000'?"
    )
    assert messages[-1] == "talking_points[1999].section: no section has id 'sectoin-1999'"
