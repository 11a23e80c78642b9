"""A real OpenLink Virtuoso server for the tests: loopback only, temporary database, own ports.

`virtuoso` is a session-scoped pytest fixture (registered from tests/conftest.py).
The `Virtuoso` class is also used by benchmarks/publish_virtuoso.py.

Virtuoso comes from Debian's package virtuoso-opensource-7, which
`bash scripts/test.sh` installs when it is missing. Without `virtuoso-t` the
fixture fails (it does not skip): the publish tests are meant to run against
a real server.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

DBA_PASSWORD = "dba"  # a fresh Virtuoso database's dba password

_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., {db}
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxQueryMem              = 512M
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 4
NumberOfBuffers          = {buffers}
MaxDirtyBuffers          = {dirty}

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {db}/vsp
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 120
DeferInferenceRulesInit    = 0
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_virtuoso() -> str | None:
    return shutil.which("virtuoso-t") or next(
        (p for p in ("/usr/bin/virtuoso-t", "/usr/local/bin/virtuoso-t", "/opt/virtuoso/bin/virtuoso-t") if os.access(p, os.X_OK)),
        None,
    )


class Virtuoso:
    """One virtuoso-t process on 127.0.0.1 with its database in `workdir`."""

    def __init__(self, workdir: Path, binary: str | None = None, buffers: int | None = None):
        """`buffers`: NumberOfBuffers (8 kB pages held in memory), 10,000 unless given; MaxDirtyBuffers is 3/5 of it."""
        self.binary = binary or find_virtuoso()
        if not self.binary:
            raise RuntimeError(
                "virtuoso-t not found: install Debian's virtuoso-opensource-7 "
                "(bash scripts/test.sh does: apt-get install virtuoso-opensource-7)"
            )
        self.workdir = Path(workdir)
        (self.workdir / "vsp").mkdir(parents=True, exist_ok=True)
        self.sql_port = free_port()
        self.http_port = free_port()
        self.ini = self.workdir / "virtuoso.ini"
        self.ini.write_text(_INI.format(
            db=self.workdir, sql_port=self.sql_port, http_port=self.http_port,
            buffers=buffers or 10000, dirty=(buffers or 10000) * 3 // 5,
        ), encoding="utf-8")
        self.process: subprocess.Popen | None = None
        self.user, self.password = "dba", DBA_PASSWORD

    # URLs
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        """The anonymous, read-only endpoint."""
        return f"{self.base}/sparql"

    @property
    def sparql_auth(self) -> str:
        """The digest-authenticated endpoint that accepts SPARQL Update."""
        return f"{self.base}/sparql-auth"

    @property
    def graph_store(self) -> str:
        """The digest-authenticated SPARQL 1.1 Graph Store HTTP Protocol endpoint."""
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def sql(self) -> str:
        """HOST:PORT of the SQL (ODBC) port, for `edugraph publish --sql`."""
        return f"127.0.0.1:{self.sql_port}"

    # life cycle
    def start(self, timeout: float = 90) -> "Virtuoso":
        log = open(self.workdir / "stdout.log", "ab")
        self.process = subprocess.Popen(
            [self.binary, "+foreground", "+configfile", str(self.ini)],
            cwd=self.workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        url = f"{self.sparql}?" + urllib.parse.urlencode({"query": "ASK {}"})
        last = None
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError) as exc:
                last = exc
            time.sleep(0.3)
        raise RuntimeError(f"virtuoso did not answer on {self.sparql} within {timeout:.0f} s ({last}):\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        path = self.workdir / "virtuoso.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def pause(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        """SIGKILL: a crash, no checkpoint; the transaction log is replayed on the next start."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)

    def restart(self, timeout: float = 90) -> None:
        self.stop()
        self.start(timeout)


@pytest.fixture(scope="session")
def virtuoso():
    """A running Virtuoso on loopback with a fresh database; stopped and deleted after the session."""
    if not find_virtuoso():
        pytest.fail(
            "virtuoso-t not found: the publish tests need OpenLink Virtuoso. Run the suite with "
            "`bash scripts/test.sh` (installs Debian's virtuoso-opensource-7) or apt-get install virtuoso-opensource-7.",
            pytrace=False,
        )
    workdir = Path(tempfile.mkdtemp(prefix="edugraph-virtuoso-"))
    server = Virtuoso(workdir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
