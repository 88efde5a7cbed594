"""Property tests: whatever the input, the loader returns a briefing or a clean BriefingError,
and what loads renders headless (body layout, lists, header, info rows) within its width and
without a control character.

The checks are those of the atheris harness (``fuzz/checks.py``); here they run as a bounded,
derandomised pass (the same examples every run), in well under a minute.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tui.format.loader import load_text
from tui.format.problems import BriefingError
from tui.format.schema import SCHEMA
from tui.format.yamltree import Limits
from tui.text import NO_VISIBLE_TEXT, has_visible_text, sanitize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fuzz"))
from checks import (  # noqa: E402 - fuzz/ holds scripts, not a package
    check_briefing,
    check_input,
    check_load,
    check_rendering,
)

BUNDLED = (ROOT / "content" / "blinken-colombia.yaml").read_bytes()
KEYS = [
    "format",
    "title",
    "sections",
    "heading",
    "body",
    "id",
    "talking_points",
    "text",
    "section",
    "quotes",
    "speaker",
    "role",
    "source",
    "name",
    "url",
    "published",
    "tags",
]
FAST = settings(
    max_examples=150,
    deadline=2000,  # ms; generous for slow CI machines, but catches runaway inputs
    derandomize=True,  # the same examples on every run: CI never fails on a new one by chance
    suppress_health_check=[HealthCheck.too_slow],
)


def check(data: bytes, **options: Any) -> None:
    """Load ``data`` and render what loads (see fuzz/checks.py), with ``options`` if given."""
    if not options:
        check_input(data)  # (also loads with aliases allowed)
        return
    loaded = check_load(data, **options)
    if loaded is not None:
        check_briefing(loaded.briefing)
        check_rendering(loaded.briefing)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["no", "on", "1.10", "0777", "1e3", "2022-01-01", "~", "*a", "&a", "!!str"]),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=30,
)


@FAST
@given(documents)
def test_random_yaml_documents(document: Any) -> None:
    for text in (
        yaml.safe_dump(document, allow_unicode=True),
        yaml.safe_dump(document, default_flow_style=True),
    ):
        check(text.encode("utf-8"))


@FAST
@given(
    st.fixed_dictionaries(
        {"title": st.text(min_size=1), "sections": st.just([{"heading": "H", "body": "B"}])},
        optional={"subtitle": st.text(), "tags": st.lists(st.text(min_size=1), max_size=3)},
    )
)
def test_text_written_by_a_yaml_library_reads_back_exactly(document: dict[str, Any]) -> None:
    """Literal text: whatever string a YAML tool writes, the loader reads that very string."""
    text = yaml.safe_dump(document, allow_unicode=True)
    # What YAML says the strings are (PyYAML's emitter does not always round-trip
    # line-break characters such as U+0085, so compare with its own reading).
    expected = yaml.safe_load(text)
    required = [expected["title"], *expected.get("tags", [])]
    try:
        briefing = load_text(text).briefing
    except BriefingError as error:
        assert any(not value.strip() and shown(value) == NO_VISIBLE_TEXT for value in required), (
            str(error)
        )
        return
    assert briefing.title == shown(expected["title"])
    if "subtitle" in expected:
        assert briefing.subtitle == sanitize(expected["subtitle"])
    assert briefing.tags == tuple(shown(tag) for tag in expected.get("tags", []))


def shown(required: str) -> str:
    """What the loader makes of required text: sanitised, or a stand-in if nothing is visible."""
    clean = sanitize(required)
    return clean if has_visible_text(clean) else NO_VISIBLE_TEXT


edits = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "replace"]),
        st.integers(min_value=0, max_value=len(BUNDLED)),
        st.one_of(
            st.binary(min_size=1, max_size=4),
            st.sampled_from(
                [
                    b"\n",
                    b"\t",
                    b" ",
                    b":",
                    b"- ",
                    b"[",
                    b"]",
                    b"{",
                    b"}",
                    b"&a ",
                    b"*a",
                    b"!!",
                    b"'",
                    b'"',
                    b"#",
                    b"---\n",
                    b"\xc3",
                    b"\xef\xbb\xbf",
                    b"\r",
                    b"\\e",
                    b"~",
                ]
            ),
        ),
    ),
    min_size=1,
    max_size=6,
)


@FAST
@given(edits)
def test_mutated_bundled_briefing(changes: list[tuple[str, int, bytes]]) -> None:
    data = bytearray(BUNDLED)
    for kind, position, chunk in changes:
        position = min(position, len(data))
        if kind == "insert":
            data[position:position] = chunk
        elif kind == "delete":
            del data[position : position + len(chunk) * 8]
        else:
            data[position : position + len(chunk)] = chunk
    check(bytes(data))
    check(bytes(data), limits=Limits(max_aliases=3, max_depth=8), strict=True)


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    check(data)


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_after_a_valid_start(tail: bytes) -> None:
    check(BUNDLED[:400] + tail)


def _escaped(*byte_values: int) -> bytes:
    return b"".join(b"%%%02X" % byte for byte in byte_values)


_continuation = st.integers(0x80, 0xBF)
#: %-escapes shaped like UTF-8 (a lead byte and its continuation bytes), which libyaml lets
#: through to be decoded: among them overlong forms (``%C0%80``), surrogates (``%ED%A0%80``)
#: and code points past U+10FFFF.
_utf8_shaped = st.one_of(
    st.tuples(st.integers(0xC0, 0xDF), _continuation),
    st.tuples(st.integers(0xE0, 0xEF), _continuation, _continuation),
    st.tuples(st.integers(0xF0, 0xF7), _continuation, _continuation, _continuation),
).map(lambda bytes_: _escaped(*bytes_))
escaped_bytes = st.lists(
    st.one_of(
        _utf8_shaped,
        st.integers(0, 255).map(_escaped),
        st.binary(max_size=3),
        st.sampled_from([b"a", b">", b" ", b"\n", b"!", b"%"]),
    ),
    max_size=6,
).map(b"".join)


@FAST
@given(escaped_bytes)
def test_random_bytes_in_a_tag(tail: bytes) -> None:
    """A tag's %-escapes may spell any bytes, UTF-8 or not: a clean error, never a crash."""
    check(b"title: !<" + tail)
    check(b"title: !<" + tail + b"> x\n")
    check(b"title: !!" + tail + b" x\n")
    check(b"%TAG !e! tag:" + tail + b"\n---\ntitle: !e!x y\n")


text_values = st.one_of(st.none(), st.text(alphabet="ab -", max_size=4))
shapes = st.one_of(text_values, st.lists(text_values, max_size=2), st.just({"name": "x"}))


@FAST
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "title": shapes,
            "subtitle": shapes,
            "tags": shapes,
            "colour": shapes,
            "sections": st.one_of(
                shapes,
                st.lists(
                    st.fixed_dictionaries(
                        {}, optional={"heading": shapes, "body": shapes, "id": st.just("a")}
                    ),
                    max_size=2,
                ),
            ),
        },
    )
)
def test_schema_and_loader_agree_on_shapes(document: dict[str, Any]) -> None:
    """Where the schema can see it (not ids, references or real dates), both give one verdict."""
    sections = document.get("sections")
    if isinstance(sections, list) and sum(isinstance(s, dict) and "id" in s for s in sections) > 1:
        document["sections"] = sections[:1]  # unique ids are for the loader alone
    schema_ok = Draft202012Validator(SCHEMA).is_valid(document)
    try:
        load_text(yaml.safe_dump(document), strict=True)
    except BriefingError as error:
        assert not schema_ok, f"the schema accepts what the loader refuses: {error}"
    else:
        assert schema_ok, "the loader accepts what the schema refuses"


# -- generated briefings: they load, and render within every width ---------------------

PIECES = [
    "Ministers",
    "agreed",
    "**strong**",
    "*emphasis*",
    "[a link](https://example.org/a_(b))",
    "[no link](ftp://x)",
    "[",
    "]",
    "](",
    "*",
    "**",
    "中文字幕",
    "ｗｉｄｅ",
    "👨\u200d👩\u200d👧",
    "🇨🇴",
    "e\u0301",
    "\u200b",
    "\u2060",
    "\x1b]2;x\x07",
    "\x1b[31m",
    "\u202e",
    "\x85",
    "\xad",
    "\t",
    "\n",
    "\n\n",
    "  ",
    "\u3000",
    "\u00a0",
    "https://example.org/" + "a" * 40,
    "x" * 90,
]
"""Inline markers, wide and combining characters, emoji sequences, controls, long words."""
prose = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=10)), max_size=10).map(
    " ".join
)
visible = prose.map(lambda text: "A " + text)
"""Required text: something visible, then anything."""


@st.composite
def briefings(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed briefing (as a YAML library would be given it) with hostile text."""
    sections = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "heading": st.one_of(visible, st.just("Same heading")),
                    "body": st.one_of(visible, st.lists(visible, min_size=1, max_size=3)),
                }
            ),
            min_size=1,
            max_size=4,
        )
    )
    for index, section in enumerate(sections):
        if draw(st.booleans()):
            section["id"] = f"s-{index}"
    ids = [section["id"] for section in sections if "id" in section]
    sometimes = {"subtitle": prose, "summary": prose, "location": visible}
    document: dict[str, Any] = {"title": draw(visible), "sections": sections}
    document.update(draw(st.fixed_dictionaries({}, optional=sometimes)))
    if draw(st.booleans()):
        # A URL with a space is refused (see test_loader), and YAML reads NEL and the
        # Unicode line separators as line breaks, which fold into spaces.
        path = "-".join(draw(prose).split())
        document["source"] = {"name": draw(visible), "url": f"https://example.org/{path}"}
    document["published"] = draw(st.dates()).isoformat()
    document["authors"] = draw(st.lists(visible, max_size=2))
    document["tags"] = draw(st.lists(visible, max_size=3))
    reference = st.sampled_from(ids) if ids else st.nothing()
    document["talking_points"] = draw(
        st.lists(
            st.one_of(
                visible,
                st.fixed_dictionaries({"text": visible}, optional={"section": reference}),
            ),
            max_size=3,
        )
    )
    document["quotes"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {"speaker": visible, "text": visible},
                optional={"role": prose, "section": reference},
            ),
            max_size=3,
        )
    )
    return document


@FAST
@given(briefings(), st.booleans())
def test_generated_briefings_load_and_render_within_every_width(
    document: dict[str, Any], unicode: bool
) -> None:
    """Every line of the body, lists, header and info rows fits its width, with no control."""
    text = yaml.safe_dump(document, allow_unicode=unicode, width=60)
    loaded = check_load(text.encode("utf-8"))
    assert loaded is not None, "a well-formed briefing must load"
    assert len(loaded.briefing.sections) == len(document["sections"])
    check_briefing(loaded.briefing)
    check_rendering(loaded.briefing)


# -- the seed corpus and what the fuzzer found ------------------------------------------

FILES = sorted(
    [
        *(ROOT / "fuzz" / "regressions").iterdir(),
        *(path for path in (ROOT / "tests" / "data").glob("*/*") if path.is_file()),
        *(ROOT / "content").glob("*.yaml"),
    ]
)


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_seed_and_regression_files(path: Path) -> None:
    """The harness's seed corpus and every input it found a problem with (fuzz/regressions)."""
    check_input(path.read_bytes())
