"""The config file: read and checked line by line, each setting taking effect, never fatal."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.binding import Binding

import tui.ui
from tui.cli import main
from tui.config.default import default_config
from tui.config.file import Config, parse_config, read_config
from tui.config.keys import BINDINGS
from tui.storage import paths


def parsed(text: str) -> tuple[Config, list[str]]:
    """The settings in ``text`` and its problems, as ``LINE: message``."""
    config, problems = parse_config(text.encode())
    return config, [f"{problem.line}: {problem.message}" for problem in problems]


# -- where the file is -------------------------------------------------------------------


def test_the_config_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.CONFIG_DIR_VARIABLE)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert paths.config_dir() == tmp_path / "home" / ".config" / "briefing-tui"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert paths.config_dir() == tmp_path / "xdg" / "briefing-tui"
    monkeypatch.setenv(paths.CONFIG_DIR_VARIABLE, str(tmp_path / "chosen"))
    assert paths.config_dir() == tmp_path / "chosen"


def test_no_test_reads_the_users_config(private_config):
    assert paths.config_dir() == private_config
    assert read_config().config == Config() and not read_config().found


# -- the tables kept in step with Textual and the UI ---------------------------------------


def ui_bindings() -> dict[str, set[str]]:
    """Every binding id in tui/ui, with its keys, read from the classes' BINDINGS."""
    found: dict[str, set[str]] = {}
    for info in pkgutil.walk_packages(tui.ui.__path__, "tui.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                if binding.id is not None:
                    found.setdefault(binding.id, set()).add(binding.key)
    return found


def test_every_binding_id_of_the_ui_is_in_the_config_table_with_its_keys():
    """A binding added to the UI must be added to tui/config/keys.py (BINDINGS) too."""
    table = {binding_id: set(bindable.keys.split(",")) for binding_id, bindable in BINDINGS.items()}
    assert table == ui_bindings()


def test_the_themes_are_textuals():
    from tui.config.file import THEMES

    assert set(THEMES) == set(App().available_themes)


# -- the default file ------------------------------------------------------------------------


def test_the_default_file_loads_without_a_problem_and_changes_nothing():
    config, problems = parsed(default_config())
    assert problems == [] and config == Config()


def test_the_default_file_with_every_setting_uncommented_still_changes_nothing():
    setting = re.compile(r'^# ((?:[a-z_]+|"[a-z_.]+") +=)', re.MULTILINE)
    text = setting.sub(r"\1", default_config())
    assert text.count("\n#") < default_config().count("\n#") - 40  # the keys were uncommented
    config, problems = parsed(text)
    assert problems == []
    # the archive's line is an example (there is no default archive): the rest is the default
    assert config == Config(theme="textual-dark", db="postgresql://archive.example.org/briefings")


def test_config_default_prints_the_default_file(capsys):
    assert main(["config", "--default"]) == 0
    assert capsys.readouterr().out == default_config()


# -- briefing-tui config ------------------------------------------------------------------


def test_config_without_a_file_prints_its_path_and_the_defaults(capsys, private_config):
    assert main(["config"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"# {private_config / 'config.toml'}\n# not there")
    assert "reading_width = 84" in out and 'outline = "auto"' in out
    assert re.search(r'"reader.next_section" = "\]" +# default', out)
    config, problems = parsed(out)  # it reads back as a config file
    assert problems == [] and config == Config(theme="textual-dark")


def test_config_prints_the_settings_in_force_and_the_problems(capsys, private_config):
    private_config.mkdir()
    path = private_config / "config.toml"
    path.write_text('reading_width = 60\noutline = 3\n[keys]\n"reader.next_section" = "J"\n')
    assert main(["config"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f'{path}:2: outline: expected "auto", "show" or "hide", got 3; the default is used'
    ]
    assert re.search(r"reading_width = 60 +# from the file", out)
    assert re.search(r'outline = "auto" +# default', out)
    assert re.search(r'"reader.next_section" = "J" +# moved from \]', out)


# -- a bad file: reported as FILE:LINE, ignored in part ---------------------------------


def test_a_syntax_error_leaves_out_its_line_only():
    config, problems = parsed('reading_width = 60\noutline = "hide\nnotification_seconds = 9\n')
    (problem,) = problems  # worded by tomllib, differently from one Python to the next
    assert problem.startswith("2: not TOML: ") and problem.endswith("; the line is ignored")
    assert config == Config(reading_width=60, notification_seconds=9)


def test_several_syntax_errors_are_each_reported():
    _, problems = parsed("a b\nreading_width = 60\n[keys\nc d\n")
    assert [problem.split(":")[0] for problem in problems] == ["1", "3", "4"]


def test_an_unknown_setting_is_named_with_a_suggestion():
    config, problems = parsed("reading_widht = 60\ntheme = 'nord'\n")
    assert problems == ["1: reading_widht: unknown setting (did you mean reading_width?)"]
    assert config == Config(theme="nord")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("reading_width = '60'", 'expected a whole number of columns from 20 to 1000, got "60"'),
        ("reading_width = 60.5", "expected a whole number of columns from 20 to 1000, got 60.5"),
        ("reading_width = true", "expected a whole number of columns from 20 to 1000, got True"),
        ("reading_width = 10", "expected a whole number of columns from 20 to 1000, got 10"),
        (
            "notification_seconds = 'lo'",
            'expected a number of seconds from 1 to 3600, got "lo"',
        ),
        ("notification_seconds = nan", "expected a number of seconds from 1 to 3600, got nan"),
        ("outline = true", 'expected "auto", "show" or "hide", got True'),
        ("theme = 3", "expected a theme's name, got a number"),
        ("keys = 3", "expected a table ([keys]), got a number"),
    ],
)
def test_a_value_of_the_wrong_type_keeps_the_default(line, message):
    name = line.split(" ")[0]
    other = "outline = 'hide'" if name != "outline" else "theme = 'nord'"
    config, problems = parsed(f"{other}\n{line}\n")
    assert problems == [f"2: {name}: {message}; the default is used"]
    assert config == (Config(outline="hide") if name != "outline" else Config(theme="nord"))


def test_a_theme_that_does_not_exist_is_named_with_a_suggestion():
    config, problems = parsed('theme = "textual-lite"\n')
    assert problems == [
        '1: theme: no theme is called "textual-lite" (did you mean textual-light?);'
        " the default is used"
    ]
    assert config.theme is None


def test_unknown_binding_ids_and_keys_are_reported_and_the_rest_applies():
    config, problems = parsed(
        "[keys]\n"
        '"reader.next_sectoin" = "J"\n'
        '"reader.prev_section" = "K"\n'
        '"reader.search" = "ctrl+"\n'
        '"reader.info" = "hyperdrive+i"\n'
        '"reader.edit" = 5\n'
    )
    assert problems == [
        '2: keys."reader.next_sectoin": no binding has this id (did you mean reader.next_section?)',
        "4: keys.\"reader.search\": '' is not the name of a key; the key stays /",
        "5: keys.\"reader.info\": 'hyperdrive' is not a modifier (ctrl, shift, alt, meta, super,"
        " hyper); the key stays i",
        '6: keys."reader.edit": expected keys as text ("J", "ctrl+n, J"), got a number',
    ]
    assert dict(config.keys) == {"reader.prev_section": "K"}


def test_keys_no_terminal_sends_are_refused():
    """Textual reads "banana" as 🍌, and terminals send "#" for Shift+3: both were taken,
    and the binding moved to a key that cannot be typed (q no longer quit)."""
    config, problems = parsed(
        '[keys]\n"app.quit" = "ctrl+shift+banana"\n"reader.quotes" = "shift+3"\n'
    )
    assert problems == [
        "2: keys.\"app.quit\": 'ctrl+shift+banana': ctrl, alt and the others go with a letter,"
        " a digit or a key; the key stays q",
        "3: keys.\"reader.quotes\": 'shift+3': a terminal sends the character Shift gives;"
        " write that one; the key stays 3",
    ]
    assert dict(config.keys) == {}


def test_a_key_bound_twice_keeps_the_first():
    config, problems = parsed('[keys]\n"reader.next_section" = "J"\n"reader.prev_section" = "J"\n')
    assert problems == [
        '3: keys."reader.prev_section": J is also given to reader.next_section; the key stays ['
    ]
    assert dict(config.keys) == {"reader.next_section": "J"}


def test_a_key_another_binding_has_is_refused_unless_that_one_moves_too():
    config, problems = parsed('[keys]\n"reader.next_section" = "j"\n')
    assert problems == [
        '2: keys."reader.next_section": j is already the key of body.down (Article: line down);'
        " the key stays ]"
    ]
    assert dict(config.keys) == {}
    swapped = '[keys]\n"app.quit" = "Q"\n"panel.close" = "escape"\n"reader.body" = "q"\n'
    config, problems = parsed(swapped)
    assert problems == []
    assert dict(config.keys) == {"app.quit": "Q", "panel.close": "escape", "reader.body": "q"}


def test_keys_in_separate_places_may_share_a_key():
    """The body and the lists are never in force together: both may use the same key."""
    config, problems = parsed('[keys]\n"body.top" = "0"\n"list.first" = "0"\n')
    assert problems == [] and dict(config.keys) == {"body.top": "0", "list.first": "0"}


# -- hostile files ---------------------------------------------------------------------------


def test_control_characters_never_reach_the_messages():
    _, problems = parsed(
        'theme = "\\u001b[31mred"\n[keys]\n"\\u001b]0;x\\u0007" = "J"\n"app.quit" = "\\u001bq"\n'
    )
    assert len(problems) == 3
    assert not any(char in "".join(problems) for char in "\x1b\x07")


def test_huge_numbers_are_out_of_range():
    big = "9" * 5000
    config, problems = parsed(
        f"reading_width = {big}\nnotification_seconds = 1e400\nreading_width = {big[:4000]}\n"
        "outline = 'hide'\n"
    )
    assert problems[0] == "1: a number too long; the line is ignored"
    assert problems[1].startswith("2: notification_seconds: expected a number")
    assert problems[2].startswith("3: reading_width: expected a whole number")
    assert len(problems) == 3
    assert "got inf;" in problems[1] and "9999…; the default" in problems[2]
    assert config == Config(outline="hide")


def test_deep_nesting_is_a_problem_not_a_crash():
    for text in (
        "a = " + "[" * 50_000,
        "a = " + "{b = " * 50_000,
        "[" + ".".join(["t"] * 10_000) + "]\n",
        "keys." + ".".join(["k"] * 10_000) + " = 1\n",
    ):
        config, problems = parsed(text)
        assert config == Config() and problems


def test_a_large_file_a_folder_or_bytes_that_are_not_utf8_are_problems(tmp_path):
    large = tmp_path / "large.toml"
    large.write_text("# x\n" * 300_000)
    assert "larger than 1024 KiB" in read_config(large).messages()[0]
    assert read_config(tmp_path).messages() == [f"{tmp_path}: not a regular file; ignored"]
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b"reading_width = 60\n# caf\xe9\n")
    read = read_config(latin)
    assert read.config.reading_width == 60
    assert read.messages() == [f"{latin}:2: not UTF-8 text (read with � for the bad bytes)"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_a_problem(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("reading_width = 60\n")
    path.chmod(0)
    assert read_config(path).messages() == [f"{path}: cannot be read (Permission denied)"]


def test_the_readmes_example_loads_without_a_problem():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(.*?)```", readme, re.DOTALL)
    config, problems = parsed(example)
    assert problems == []
    assert config.keys["reader.next_section"] == "J" and config.reading_width == 72


TOMLISH = st.text(alphabet=st.sampled_from(list("[]{}=\"'.,#\n \\abkeysthmrdn_0123456789-+:e")))


@given(st.one_of(st.binary(max_size=300), TOMLISH))
@settings(max_examples=300, deadline=None)
def test_no_file_raises_only_problems_with_lines_in_the_file(data):
    raw = data if isinstance(data, bytes) else data.encode()
    config, problems = parse_config(raw)
    assert isinstance(config, Config)
    lines = raw.count(b"\n") + 1
    assert all(problem.line is None or 1 <= problem.line <= lines for problem in problems)


def test_without_a_config_file_no_parser_is_imported(private_config):
    """Most readers have no config file: start-up then pays for a stat, not for tomllib."""
    code = (
        "import sys; from tui.config.file import read_config\n"
        "assert not read_config().found\n"
        "print(sorted({'tomllib', 'tomli', 'difflib', 'tui.config.keys'} & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
