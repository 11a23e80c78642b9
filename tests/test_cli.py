"""The edugraph command as a whole: whatever a user gets wrong ends in one line on stderr and exit 2, never a traceback."""
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading

import pytest

from helpers import FIXTURES, make_project


class _BadEndpoint(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint whose JSON results have a binding without "value"."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def endpoint():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BadEndpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


def _big_literal(root):
    with open(root / "data" / "big.ttl", "w", encoding="utf-8") as handle:
        handle.write('<https://example.org/a> <https://example.org/p> "' + "ก" * 10_000_000 + '" .\n')  # 30 MB
    return ["build"]


def _link_loop(root):
    os.symlink(root / "data" / "loop.ttl", root / "data" / "loop.ttl")
    return ["build"]


def _dangling_link(root):
    os.symlink(root / "data" / "gone.ttl", root / "data" / "dangling.ttl")
    return ["build"]


def _folder_named_like_data(root):  # read as a data file, and unreadable like one without permission
    (root / "data" / "folder.ttl").mkdir()
    return ["build"]


def _unreadable(root):
    path = root / "data" / "chain.ttl"
    path.chmod(0)
    return ["build"]


def _output_is_a_folder(root):
    (root / "report").mkdir()
    return ["validate", "--output", str(root / "report")]


def _export_below_a_file(root):
    (root / "afile").write_text("x")
    return ["export", "--out", str(root / "afile" / "out")]


CASES = {
    "30 MB literal": _big_literal,
    "symlink loop": _link_loop,
    "dangling symlink": _dangling_link,
    "folder named *.ttl": _folder_named_like_data,
    "unreadable data file": _unreadable,
    "--output is a folder": _output_is_a_folder,
    "export --out below a file": _export_below_a_file,
    "endpoint binding without value": None,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_user_error_is_one_line_and_exit_2(tmp_path, endpoint, case):
    if case == "unreadable data file" and os.geteuid() == 0:
        pytest.skip("root reads any file")
    make_project(tmp_path, {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    shutil.copytree(FIXTURES.parent.parent / "shapes", tmp_path / "shapes")
    if case == "endpoint binding without value":
        argv = ["query", "--file", str(tmp_path / "q.rq"), "--endpoint", endpoint]
        (tmp_path / "q.rq").write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    else:
        argv = CASES[case](tmp_path)
    done = subprocess.run([sys.executable, "-m", "edugraph", "--root", str(tmp_path), *argv],
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("edugraph"), done.stderr
