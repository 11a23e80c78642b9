"""The built dataset as an on-disk Oxigraph store in dist/store/, for readers to open in milliseconds.

dist/edugraph.trig is the canonical output; dist/store/ holds the same quads
in Oxigraph's persistent (RocksDB) store, written by `edugraph build` into
the staging folder before dist/ is swapped in, so the two are replaced
together. Readers open it read-only (`open_read_only`): any number of
processes at once, each seeing the store as it was when opened.

The store is trusted only while its mark agrees: dist/store/edugraph-store.json
is written after the store was filled and closed cleanly, and names the TriG
file it was made from (size, modification time, sha256) and its quad count. A
store without a mark (a build stopped half-way), with a mark for another TriG
(dist/ edited or copied by hand) or that RocksDB refuses to open is stale or
damaged: `rebuild` makes a new one from dist/edugraph.trig and swaps it in.

A rebuild after a few office documents changed does not load everything
again: `update` copies the previous store (RocksDB hard-links its immutable
files, so this takes milliseconds) and replaces only the changed documents'
quads.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pyoxigraph as ox

FOLDER = "store"
MARK = "edugraph-store.json"
_FORMAT = 1  # bump when the store's layout or mark changes


def file_identity(path: Path, sha256: str | None = None) -> dict:
    """What a mark records about the TriG file: size, modification time and sha256."""
    stat = path.stat()
    if sha256 is None:
        with path.open("rb") as handle:
            sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256}


def write(trig: Path, folder: Path, quads: int | None = None, trusted: bool = False) -> dict:
    """Bulk-load `trig` into a new store at `folder` (which must not exist); return its mark.

    `quads` is the count the build computed (counted here when not given).
    `trusted` skips Oxigraph's IRI validation, for the build's own output
    (every term was parsed and checked once already); dist/ as found on
    disk is always checked. The TriG file is hashed in a thread meanwhile.
    """
    digest = {}
    hasher = threading.Thread(target=lambda: digest.update(identity=file_identity(trig)))
    hasher.start()
    try:
        store = ox.Store(str(folder))
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG, lenient=trusted)
        if quads is None:
            quads = len(store)
        del store  # closed: RocksDB has written everything
    finally:
        hasher.join()
    return _mark(folder, digest["identity"], quads)


def update(previous: ox.Store, folder: Path, trig: Path, removed: bytes, added: bytes, quads: int) -> dict:
    """A copy of `previous` at `folder` with the quads of TriG text `removed` taken out and `added` put in.

    Raises ValueError, leaving nothing at `folder`, when the copy would not
    hold every quad of `added` or still hold one of `removed`, so the caller
    loads everything instead. `quads` is the count the new store holds (the
    build's).
    """
    gone = list(ox.parse(removed, format=ox.RdfFormat.TRIG))
    new = list(ox.parse(added, format=ox.RdfFormat.TRIG))
    previous.backup(str(folder))
    try:
        store = ox.Store(str(folder))
        store.update(_delete_insert(gone, new))
        kept = set(new)
        if any(q in store for q in gone if q not in kept) or not all(q in store for q in new):
            raise ValueError("the updated store does not hold the quads it was given")
        store.flush()  # into table files: a later backup of a read-only handle copies those, not the write-ahead log
        del store
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return _mark(folder, file_identity(trig), quads)


def _delete_insert(gone: list, new: list) -> str:
    """One SPARQL Update that removes `gone` and adds `new` (one transaction)."""
    def data(quads):
        return "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)

    return f"DELETE DATA {{\n{data(gone)}\n}};\nINSERT DATA {{\n{data(new)}\n}}"


def _mark(folder: Path, identity: dict, quads: int) -> dict:
    mark = {"format": _FORMAT, "trig": identity, "quads": quads}
    tmp = folder / f".{MARK}.tmp"
    tmp.write_text(json.dumps(mark, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, folder / MARK)
    return mark


def read_mark(folder: Path) -> dict | None:
    try:
        mark = json.loads((folder / MARK).read_text(encoding="utf-8"))
        return mark if mark.get("format") == _FORMAT else None
    except (OSError, ValueError, AttributeError):
        return None


def is_valid(folder: Path, trig: Path) -> bool:
    """Whether the store at `folder` has a mark that names `trig` as it is now.

    Size and modification time are compared first; when only the time differs
    (a copy that did not keep it), the file's sha256 decides.
    """
    mark = read_mark(folder)
    if mark is None:
        return False
    try:
        stat = trig.stat()
    except OSError:
        return False
    made_from = mark["trig"]
    if stat.st_size != made_from["size"]:
        return False
    return stat.st_mtime_ns == made_from["mtime_ns"] or file_identity(trig)["sha256"] == made_from["sha256"]


def open_read_only(folder: Path, trig: Path) -> ox.Store | None:
    """The store at `folder` opened read-only, or None when it is stale, damaged or missing."""
    if not is_valid(folder, trig):
        return None
    try:
        return ox.Store.read_only(str(folder))
    except (OSError, RuntimeError):  # RocksDB reports damage (a missing or truncated file) as RuntimeError
        return None


def rebuild(folder: Path, trig: Path) -> None:
    """Make a new store from `trig` beside `folder` and swap it in place of whatever is there.

    Several processes may rebuild at once: each writes its own copy, and the
    last one renamed into place wins (they hold the same quads).
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{FOLDER}-", dir=folder.parent))
    shutil.rmtree(staging)  # Oxigraph creates the folder itself
    try:
        write(trig, staging)
        swap_in(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, folder: Path) -> None:
    """Rename `staging` to `folder`, removing the folder it replaces."""
    old = None
    if folder.exists():
        old = folder.with_name(f".{FOLDER}-old-{os.getpid()}-{threading.get_ident()}")
        os.replace(folder, old)
    try:
        os.replace(staging, folder)
    except OSError:  # another process put its copy in place between the two renames
        pass
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


__all__ = ["FOLDER", "MARK", "file_identity", "is_valid", "open_read_only", "read_mark", "rebuild", "swap_in", "update", "write"]
