"""The four exports are byte for byte what they were before the export was made faster.

``tests/data/export/golden.json.gz`` holds every format's output, made by the
exporters as they were before the speed work (2026-11-30), for the bundled
briefing, the export and hostile test files, the loadable adversarial cases and
a 200-paragraph briefing of the benchmarks' generator (its YAML is kept too, so
a change to the generator does not move the goal). An intended change of output
regenerates it: ``python tests/test_export_golden.py``, then review the diff of the
outputs it prints.
"""

from __future__ import annotations

import difflib
import gzip
import json
import sys
from pathlib import Path

import pytest

from tui.export import FORMATS, renderer
from tui.format.loader import load_bytes

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "export" / "golden.json.gz"
GENERATED = "generated-200.yaml"
"""The key of the generated briefing's YAML in the golden file."""


def _files() -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_export import FILES

    return list(FILES)


def _inputs(golden: dict[str, str]) -> dict[str, bytes]:
    """Each input's name and bytes: the test files, then the generated briefing."""
    found = {path.name: path.read_bytes() for path in _files()}
    found[GENERATED] = golden[GENERATED].encode()
    return found


def _outputs(name: str, data: bytes) -> dict[str, str]:
    briefing = load_bytes(data, name).briefing
    return {f"{name}:{fmt}": renderer(fmt)(briefing, 80) for fmt in FORMATS}


def _golden() -> dict[str, str]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as stream:
        found: dict[str, str] = json.load(stream)
    return found


def _first_difference(expected: str, got: str) -> str:
    diff = difflib.unified_diff(
        expected.splitlines(), got.splitlines(), "before", "now", n=1, lineterm=""
    )
    return "\n".join(list(diff)[:20])


GOLDEN_DATA = _golden() if GOLDEN.exists() else {}


@pytest.mark.parametrize("name", sorted(_inputs(GOLDEN_DATA)) if GOLDEN_DATA else [])
def test_exports_are_byte_identical_to_before(name: str) -> None:
    data = _inputs(GOLDEN_DATA)[name]
    for key, got in _outputs(name, data).items():
        expected = GOLDEN_DATA[key]
        assert got == expected, f"{key} changed:\n{_first_difference(expected, got)}"


def test_the_golden_file_covers_the_bundled_and_generated_briefings() -> None:
    names = {key.split(":")[0] for key in GOLDEN_DATA if ":" in key}
    assert {"blinken-colombia.yaml", GENERATED} <= names
    assert GOLDEN_DATA[GENERATED].count("\n      - >-") >= 150  # about 200 paragraphs


def regenerate() -> None:
    """Write the golden file from the exporters as they are now (after review only)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    golden: dict[str, str] = {GENERATED: GOLDEN_DATA.get(GENERATED) or generate.generate(200)}
    for name, data in _inputs(golden).items():
        golden.update(_outputs(name, data))
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(GOLDEN, "wb", mtime=0) as stream:
        stream.write(json.dumps(golden, ensure_ascii=False, sort_keys=True, indent=0).encode())
    print(f"wrote {GOLDEN} ({len(golden)} entries)")


if __name__ == "__main__":
    regenerate()
