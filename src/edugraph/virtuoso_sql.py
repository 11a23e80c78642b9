"""One OpenLink Virtuoso SQL transaction (ODBC, the SQL port) in which `edugraph publish` applies a build.

Virtuoso's HTTP endpoint runs each SPARQL Update request as one transaction,
but refuses requests over 10 MB ("SR0??: The requested string session is
longer than 10Mb") and transactions whose log passes TransactionAfterImageLimit
(SR325, 50 MB by default): a 40-office build (about 300,000 triples) fits in
neither. Through the SQL port the statements of one transaction can be sent
one by one: `log_enable(0, 1)` keeps the transaction atomic without writing a
roll-forward log (so no size limit, and none of the crash-recovery losses
docs/publishing.md describes), the staged data stays uncommitted and so
invisible to every other connection, and `checkpoint` right after the commit
makes the new version durable. A crash before that checkpoint returns the
server to its previous checkpoint: the old version of every graph.

Needs pyodbc and Virtuoso's ODBC driver (Debian: libodbc2, libvirtodbc0);
$EDUGRAPH_VIRTUOSO_ODBC names another driver file.
"""
from __future__ import annotations

import os
import re
import time

from .errors import UsageError

DRIVERS = (
    "/usr/lib/x86_64-linux-gnu/odbc/virtodbc_r.so",
    "/usr/lib/aarch64-linux-gnu/odbc/virtodbc_r.so",
    "/usr/lib/odbc/virtodbc_r.so",
    "/usr/local/lib/virtodbc_r.so",
)


class SqlError(UsageError):
    """The SQL connection or a statement failed; the message carries the server's reason."""


def _driver() -> str:
    named = os.environ.get("EDUGRAPH_VIRTUOSO_ODBC")
    if named:
        return named
    for path in DRIVERS:
        if os.path.exists(path):
            return path
    raise SqlError(
        "edugraph publish: --sql needs Virtuoso's ODBC driver (Debian: apt-get install libvirtodbc0 libodbc2) "
        "or $EDUGRAPH_VIRTUOSO_ODBC naming virtodbc_r.so"
    )


def _quote(value: str) -> str:
    """An ODBC connection-string value; braces only when needed (the driver takes {dba} literally)."""
    return "{" + value.replace("}", "}}") + "}" if any(c in value for c in ";{}= ") else value


class SqlTransaction:
    """One connection, one transaction: `execute` SPARQL operations, then `commit` or `rollback`."""

    def __init__(self, address: str, user: str, password: str, *, timeout: float):
        try:
            import pyodbc
        except ImportError:
            raise SqlError(
                "edugraph publish: --sql needs pyodbc (pip install pyodbc) and the ODBC library (Debian: libodbc2)"
            ) from None
        self._pyodbc = pyodbc
        self.address = address
        connection = (
            f"DRIVER={_driver()};HOST={address};UID={_quote(user)};PWD={_quote(password)};CHARSET=UTF-8"
        )
        try:
            self.connection = pyodbc.connect(connection, autocommit=False, timeout=int(timeout))
        except pyodbc.Error as exc:
            raise SqlError(f"edugraph publish: cannot open a SQL session at {address}: {self._reason(exc)}") from None
        self.connection.setdecoding(pyodbc.SQL_CHAR, encoding="utf-8")
        self.connection.setdecoding(pyodbc.SQL_WCHAR, encoding="utf-8")
        self.cursor = self.connection.cursor()
        # Atomic without a roll-forward log: no SR325 size limit; quiet (second argument).
        self._sql("log_enable(0, 1)")

    @staticmethod
    def _reason(exc: Exception) -> str:
        text = " ".join(str(part) for part in getattr(exc, "args", ())[1:2]) or str(exc)
        text = re.sub(r"\s*\(-?\d+\)\s*\(SQL\w+\)\s*$", "", text.rsplit("]", 1)[-1]).strip()
        return text or type(exc).__name__

    def _sql(self, statement: str):
        try:
            return self.cursor.execute(statement)
        except self._pyodbc.Error as exc:
            raise SqlError(f"edugraph publish: the server at {self.address} refused a statement: {self._reason(exc)}") from None

    def execute(self, operation: str) -> None:
        """One SPARQL Update operation inside the transaction."""
        self._sql("SPARQL DEFINE sql:big-data-const 1\n" + operation)

    def clear(self, graph: str) -> None:
        """Delete every triple of a graph (an IRI, no brackets) inside the transaction: plain SQL, because
        SPARQL's DROP/CLEAR in Virtuoso do not keep rows this transaction inserts apart from committed ones."""
        self._sql("DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id('" + graph.replace("'", "''") + "', 0)")

    def count(self, graph_iri: str) -> int:
        """Triples in a graph as this transaction sees it (its own uncommitted changes included)."""
        rows = self._sql(f"SPARQL SELECT COUNT(*) WHERE {{ GRAPH {graph_iri} {{ ?s ?p ?o }} }}").fetchall()
        return int(rows[0][0]) if rows else 0

    def commit(self) -> float:
        """Commit; return how long the commit took (the time readers may see both versions)."""
        started = time.perf_counter()
        try:
            self.connection.commit()
        except self._pyodbc.Error as exc:
            raise SqlError(f"edugraph publish: the server at {self.address} refused the commit: {self._reason(exc)}") from None
        return time.perf_counter() - started

    def checkpoint(self) -> str | None:
        """Make the commit durable now; None when done, else the server's reason."""
        try:
            self.cursor.execute("checkpoint")
            self.connection.commit()
        except self._pyodbc.Error as exc:
            return self._reason(exc)
        return None

    def close(self) -> None:
        try:
            self.connection.rollback()
            self.connection.close()
        except self._pyodbc.Error:
            pass
