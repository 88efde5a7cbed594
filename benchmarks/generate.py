"""Write a synthetic briefing of N paragraphs, for the benchmarks.

    python benchmarks/generate.py 20000            # into a new temporary folder
    python benchmarks/generate.py 1000 -o /tmp/b.yaml

Paragraphs are about 500 bytes of English-like words with some inline
*emphasis*, **strong** and [links](https://example.com/...); sections hold
about 20 paragraphs each and have ids; talking points come with and without a
``section``; quotes are sentences that occur in the body. 20,000 paragraphs
make a file of about 10 MB. The output is deterministic for a given seed and
passes ``briefing-tui validate``.

The first paragraph starts with :data:`MARKER`, a phrase found nowhere else,
so the start-up benchmarks can tell when the body is on screen. Files go to a
temporary folder (or where ``-o`` says); never into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

MARKER = "Quillwort zephyrine opening"

PARAGRAPHS_PER_SECTION = 20
TARGET_PARAGRAPH_BYTES = 480

_WORDS = """
the of and to in a is that for it as was with be by on not he this are or his
from at which but have an they you were her she there been one all we their
has would when if so no will more can out other into only some time could
them than may then these two first any new like our over such also after
made most years where through back much before must well should between each
those both being under while last never city state people government minister
policy trade border region council report market energy water health school
court election vote party leader talks agreement support security budget
economy growth price workers farmers village river coast harbour bridge road
railway airport station ministry embassy delegation summit treaty programme
development investment industry export import tariff currency inflation bank
budget deficit surplus reform coalition opposition parliament senate province
district mayor governor spokesperson official analyst observer committee
inquiry evidence witness statement interview survey figures estimate forecast
quarter annual monthly weekly regional national international domestic local
rural urban coastal northern southern eastern western central modest steady
sharp gradual recent earlier later expected unexpected cautious confident
public private joint shared separate formal informal careful detailed broad
narrow open closed early late strong weak clear quiet busy crowded remote
announced agreed signed rejected proposed delayed approved reviewed expanded
reduced increased promised warned argued noted added explained confirmed
denied visited travelled returned arrived departed hosted attended discussed
negotiated considered planned launched completed funded built repaired
""".split()

_NAMES = [
    "Amara Okafor",
    "Bruno Ferreira",
    "Chen Wei",
    "Dalia Haddad",
    "Erik Lindqvist",
    "Farah Qureshi",
    "Gabriela Ruiz",
    "Hiroshi Tanaka",
    "Ines Moreau",
    "Jonas Becker",
]
_ROLES = ["Minister of Trade", "Mayor", "Spokesperson", "Analyst", None, "Senator"]


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    chosen[0] = chosen[0].capitalize()
    return " ".join(chosen)


def _markup(rng: random.Random, sentence: str, serial: int) -> str:
    """Put one piece of inline Markdown into a sentence."""
    words = sentence.split(" ")
    at = rng.randrange(1, len(words) - 2)
    span = rng.randint(1, 2)
    inner = " ".join(words[at : at + span])
    kind = rng.random()
    if kind < 0.4:
        wrapped = f"*{inner}*"
    elif kind < 0.75:
        wrapped = f"**{inner}**"
    else:
        wrapped = f"[{inner}](https://example.com/briefing/{serial})"
    return " ".join([*words[:at], wrapped, *words[at + span :]])


def _paragraph(rng: random.Random, serial: int) -> tuple[str, list[str]]:
    """A paragraph of about TARGET_PARAGRAPH_BYTES, and its sentences free of markup."""
    sentences: list[str] = []
    plain: list[str] = []
    size = 0
    while size < TARGET_PARAGRAPH_BYTES - 60:
        sentence = _sentence(rng, rng.randint(8, 18))
        if rng.random() < 0.25:
            sentence = _markup(rng, sentence, serial)
        else:
            plain.append(sentence)
        sentences.append(sentence + ".")
        size += len(sentences[-1]) + 1
    return " ".join(sentences), plain


def _q(text: str) -> str:
    """A one-line YAML scalar (JSON strings are valid YAML double-quoted scalars)."""
    return json.dumps(text)


def _folded(text: str, indent: int, width: int = 100) -> list[str]:
    """A folded block scalar (``>-``) body, wrapped at about ``width`` columns."""
    pad = " " * indent
    lines: list[str] = []
    current: list[str] = []
    length = indent
    for word in text.split(" "):
        if current and length + 1 + len(word) > width:
            lines.append(pad + " ".join(current))
            current, length = [], indent
        length += len(word) + (1 if current else 0)
        current.append(word)
    if current:
        lines.append(pad + " ".join(current))
    return lines


def generate(paragraphs: int, seed: int = 4) -> str:
    """The YAML text of a briefing with ``paragraphs`` paragraphs."""
    if paragraphs < 1:
        raise ValueError("need at least one paragraph")
    rng = random.Random(seed)
    out: list[str] = [
        "format: briefing/1",
        f"title: {_q(f'Synthetic briefing of {paragraphs:,} paragraphs')}",
        f"subtitle: {_q('Generated for the benchmarks; the words mean nothing')}",
        f"summary: {_q('A long, dull briefing made to measure how the reader copes with size.')}",
        "location: Nowhere in particular",
        "source:",
        "  name: benchmarks/generate.py",
        "  url: https://example.com/benchmarks",
        "published: 2024-01-01",
        "authors: [Benchmark Generator]",
        "tags: [synthetic, benchmark]",
        "",
        "sections:",
    ]
    sections = max(1, round(paragraphs / PARAGRAPHS_PER_SECTION))
    ids: list[str] = []
    quotable: list[tuple[str, str]] = []  # (section id, sentence without markup)
    serial = 0
    for number in range(sections):
        count = paragraphs * (number + 1) // sections - paragraphs * number // sections
        section_id = f"section-{number + 1:05d}"
        ids.append(section_id)
        heading = f"Section {number + 1}: {_sentence(rng, rng.randint(2, 5))}"
        out += [f"  - id: {section_id}", f"    heading: {_q(heading)}", "    body:"]
        for _ in range(count):
            text, plain = _paragraph(rng, serial)
            if serial == 0:
                text = f"{MARKER} {text[0].lower()}{text[1:]}"
            elif plain and rng.random() < 0.05:
                quotable.append((section_id, rng.choice(plain)))
            serial += 1
            out.append("      - >-")
            out += _folded(text, 8)
    out += ["", "talking_points:"]
    points = max(3, sections // 5)
    for index in range(points):
        text = _sentence(rng, rng.randint(6, 14)) + "."
        # The first point names a section far into the body, for the Enter benchmark.
        if index == 0:
            section = ids[len(ids) // 2]
        elif index % 3 == 2:
            section = None
        else:
            section = rng.choice(ids)
        out.append(f"  - text: {_q(text)}")
        if section:
            out.append(f"    section: {section}")
    out += ["", "quotes:"]
    if not quotable:
        quotable.append((ids[-1], "Nothing to quote"))
    for index, (section_id, sentence) in enumerate(quotable[: max(2, sections // 4)]):
        out.append(f"  - speaker: {_q(_NAMES[index % len(_NAMES)])}")
        role = _ROLES[index % len(_ROLES)]
        if role:
            out.append(f"    role: {_q(role)}")
        if index % 4 != 3:
            out.append(f"    section: {section_id}")
        out.append("    text: >-")
        out += _folded(sentence, 6)
    return "\n".join(out) + "\n"


def write(paragraphs: int, folder: Path | None = None, seed: int = 4) -> Path:
    """Write the briefing to ``folder`` (a new temporary one if None); return its path."""
    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    path = folder / f"synthetic-{paragraphs}.yaml"
    path.write_text(generate(paragraphs, seed), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paragraphs", type=int, nargs="?", default=20000)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)
    if args.output:
        args.output.write_text(generate(args.paragraphs, args.seed), encoding="utf-8")
        path = args.output
    else:
        path = write(args.paragraphs, seed=args.seed)
    print(f"{path}\t{path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
