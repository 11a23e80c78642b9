"""A build stopped from outside (kill -9, SIGTERM, Ctrl-C) leaves no process running and dist/ as it was."""
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="needs /proc and two cores for build workers"
)


def _generate(root: Path, offices: int) -> Path:
    spec = importlib.util.spec_from_file_location("edugraph_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(root, offices=offices, plans=3, seed=7)


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    return condition()


def _snapshot(root: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted((root / "dist").iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = _generate(tmp_path_factory.mktemp("killed") / "project", offices=16)
    subprocess.run([sys.executable, "-m", "edugraph", "--root", str(root), "build"], check=True, capture_output=True)
    return root


@pytest.mark.parametrize("how", ["kill -9", "SIGTERM", "Ctrl-C"])
def test_a_stopped_build_leaves_no_workers_and_dist_as_it_was(generated, how):
    for seed in sorted((generated / "data" / "seeds").glob("*.ttl")):  # every document must be rebuilt
        with seed.open("a", encoding="utf-8") as handle:
            handle.write(f"\n# {how}\n")
    before = _snapshot(generated)
    build = subprocess.Popen(
        [sys.executable, "-m", "edugraph", "--root", str(generated), "build"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    workers = set()
    try:
        workers = _wait_for(lambda: len(_children(build.pid)) >= 2 and _children(build.pid), 60)
        assert len(workers) >= 2, "the build started its worker processes"
        if how == "kill -9":
            build.kill()
        elif how == "SIGTERM":
            build.send_signal(signal.SIGTERM)
        else:
            os.killpg(build.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
        _, err = build.communicate(timeout=60)
        _wait_for(lambda: not _alive(workers), 10)
        assert not _alive(workers), "worker processes outlived the build"
        if how != "kill -9":
            assert (build.returncode, err.decode()) == ({"SIGTERM": 143, "Ctrl-C": 130}[how], "")
            assert _snapshot(generated) == before
            litter = [p.name for p in generated.iterdir() if p.name.startswith(".dist-")]
            litter += [p.name for p in (generated / ".edugraph-cache" / "documents").iterdir() if p.name.startswith(".")]
            assert litter == []
    finally:
        build.kill()
        build.wait()
        for pid in _alive(workers):
            os.kill(pid, signal.SIGKILL)
