"""The command line in a shell: progress on a terminal's stderr only, completion
scripts, --lang from the locale, --version with the data release."""
import os
import pty
import subprocess
import sys
import threading

import pytest

from edugraph import __version__
from edugraph.cli import locale_lang, main, parser

from helpers import ROOT, make_project

STEPS = ("shared graphs", "writing dist/", "store (dist/store/)")  # progress lines of a build, none of them in its stdout


def _run(project_root, *args, terminal: bool):
    """Run `edugraph --root ROOT ARGS` with stderr on a pseudo-terminal or a pipe; return (stdout, stderr) text."""
    command = [sys.executable, "-m", "edugraph", "--root", str(project_root), *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TERM": "xterm", "COLUMNS": "100"}
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout, done.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    chunks = []

    def read():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the terminal closed: the child ended
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    stdout = proc.stdout.read().decode("utf-8")
    assert proc.wait(timeout=300) == 0
    reader.join(timeout=30)
    os.close(master)
    return stdout, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("shell"), with_seed_data=True).root


def test_progress_goes_to_a_terminals_stderr_and_never_to_stdout(seeds):
    stdout, terminal = _run(seeds, "build", terminal=True)
    for name in STEPS:
        assert name in terminal
    assert "office documents" in terminal and "5/5" in terminal  # counted
    assert "\x1b" not in stdout and not any(name in stdout for name in STEPS)
    assert stdout.startswith(f"edugraph {__version__}: ")


def test_export_shows_its_steps_and_prints_only_paths(seeds, tmp_path):
    stdout, terminal = _run(seeds, "export", "--out", str(tmp_path / "release"), terminal=True)
    assert "reading the built dataset" in terminal and "writing trig and void.ttl" in terminal
    assert stdout.split() == [str(tmp_path / "release" / name) for name in ("edugraph.trig", "void.ttl")]


def test_no_progress_without_a_terminal_or_with_quiet(seeds):
    stdout, stderr = _run(seeds, "build", terminal=False)
    assert stderr == ""
    assert stdout.startswith(f"edugraph {__version__}: ")
    _, terminal = _run(seeds, "--quiet", "build", terminal=True)
    assert not any(name in terminal for name in STEPS)


def _commands_and_options(p, prefix=()):
    """Every (sub)command path and every option string of the parser tree."""
    import argparse

    commands, options = [], set()
    for action in p._actions:
        options.update(s for s in action.option_strings if s.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                commands.append(prefix + (name,))
                more_commands, more_options = _commands_and_options(sub, prefix + (name,))
                commands += more_commands
                options |= more_options
    return commands, options


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_scripts_name_every_command_and_option(shell, capsys):
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    commands, options = _commands_and_options(parser())
    assert len(commands) > 10 and len(options) > 30
    for command in commands:
        assert command[-1] in script, command
    for option in options:
        assert option in script, option
    for known in ("build", "validate", "query", "serve", "apply", "--fail-on", "--graph-store", "--quiet", "--dry-run", "--max-rows"):
        assert known in script


def test_bash_completion_completes_a_subcommand(capsys, tmp_path):
    """The bash script, sourced by bash, offers `validate` for `edugraph val<TAB>`."""
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "edugraph.bash"
    script.write_text(capsys.readouterr().out, encoding="utf-8")
    probe = f"""
source {script}
COMP_WORDS=(edugraph val); COMP_CWORD=1; COMP_LINE="edugraph val"; COMP_POINT=${{#COMP_LINE}}
_shtab_edugraph edugraph val edugraph
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert done.stdout.split() == ["validate"], done.stderr


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "th_TH.UTF-8"}, "th"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_MESSAGES": "th_TH.UTF-8", "LANG": "en_GB.UTF-8"}, "th"),
    ({"LC_ALL": "C.UTF-8", "LANG": "th_TH.UTF-8"}, "en"),  # LC_ALL wins over LANG
    ({"LC_ALL": "", "LANG": "th"}, "th"),  # an empty variable does not count
    ({}, "en"),
])
def test_lang_follows_the_locale(environ, expected, monkeypatch):
    assert locale_lang(environ) == expected
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert parser().parse_args(["queries"]).lang == expected
    assert parser().parse_args(["query", "chain-up", "--lang", "en"]).lang == "en"  # an explicit --lang wins


def test_version_names_the_code_and_the_data_release(monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # 2001-09-09, as `export` would date the release
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(ROOT), "--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"edugraph {__version__}, data release 2001-09-09")


def test_version_outside_a_checkout_still_answers(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith(f"edugraph {__version__} (no edugraph checkout")
