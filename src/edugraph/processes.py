"""Child processes that end with their parent, work run in a child under limits, and SIGTERM ending a command like Ctrl-C.

A build's worker processes and a local query's evaluating process must never
outlive the edugraph process that started them: on Linux the kernel kills a
child whose parent dies (prctl PR_SET_PDEATHSIG), even after kill -9; the
parent kills its children itself when it stops for any other reason.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the command unwinds (removing what it half-wrote) as for Ctrl-C."""


_STOPPED: list = []  # the exception each SIGINT / SIGTERM raised, while `end_on_signals` is in force


def _stop(signum, frame):
    exc = Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()
    _STOPPED.append(exc)
    raise exc


def end_on_signals():
    """Make SIGINT and SIGTERM raise (KeyboardInterrupt, Terminated) and be remembered; return a function that undoes it.

    Python drops an exception raised inside a finaliser, so a signal can be
    lost on its way up; `check_stopped` raises it again where it matters.
    Only the main thread can set handlers; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    _STOPPED.clear()

    def restore():
        for s, handler in previous.items():
            signal.signal(s, handler)
        _STOPPED.clear()

    return restore


def check_stopped() -> None:
    """Raise again the first SIGINT / SIGTERM that arrived, if any (one that a finaliser swallowed included)."""
    if _STOPPED:
        raise _STOPPED[0]


@contextlib.contextmanager
def signals_held():
    """Hold back SIGINT and SIGTERM until the block is done (a swap of two folders is never left half-way)."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def die_with_parent(parent: int) -> None:
    """In a child process: be killed when `parent` ends, and leave Ctrl-C to the parent.

    The parent forks with SIGINT and SIGTERM held (`signals_held`), so a
    Ctrl-C that reaches the whole process group before this runs is ignored
    here rather than raised inside a half-started child.

    The parent may already have ended before the request reached the kernel,
    so the child checks and ends at once if so.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # held while the parent forked
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)  # the running program's symbols, libc's among them
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no usable libc: the parent's own cleanup still applies
            pass
    if os.getppid() != parent:
        os._exit(1)


class ChildStopped(Exception):
    """Work run by `run_in_child` did not finish: `reason` is "time", "memory" or "crash"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def run_in_child(work, *, seconds: float | None = None, memory_mb: int | None = None):
    """work() evaluated in a forked child process; its (picklable) value returned, or its exception raised.

    The child starts with this process's memory (copy-on-write: a loaded
    store is shared, not copied) and ends with it. It is killed when
    `seconds` pass or on Ctrl-C / SIGTERM here (the exception is then raised
    here), and it may map at most `memory_mb` more memory than it started
    with (RLIMIT_AS); running out ends it. Either raises ChildStopped. Where
    fork is missing, work() runs here without limits.
    """
    if not hasattr(os, "fork"):
        return work()
    import pickle
    import select

    parent = os.getpid()
    read_end, write_end = os.pipe()
    with signals_held():
        pid = os.fork()
        if pid == 0:
            _child(work, parent, read_end, write_end, memory_mb)
    os.close(write_end)
    deadline = None if seconds is None else time.monotonic() + seconds
    chunks = []
    try:
        while True:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise ChildStopped("time")
            ready, _, _ = select.select([read_end], [], [], left)
            if ready:
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) or not chunks:
        raise ChildStopped("memory" if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT else "crash")
    ok, value = pickle.loads(b"".join(chunks))
    if ok:
        return value
    if isinstance(value, MemoryError):
        raise ChildStopped("memory")
    raise value


def _child(work, parent: int, read_end: int, write_end: int, memory_mb: int | None) -> None:
    """The forked side of run_in_child: never returns."""
    import pickle

    try:
        os.close(read_end)
        die_with_parent(parent)
        import faulthandler

        faulthandler.disable()  # an abort on exhausted memory is the parent's to report
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)  # an allocator's "memory allocation failed" is reported by the parent
        if memory_mb is not None:
            import resource

            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = _mapped_bytes() + memory_mb * 1024 * 1024
            if hard == resource.RLIM_INFINITY or limit < hard:
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        try:
            payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            try:
                payload = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view):]
    finally:
        os._exit(0)


def _mapped_bytes() -> int:
    """This process's virtual memory size (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0
