"""Child processes that end with their parent, and SIGTERM ending a command the way Ctrl-C does.

A build's worker processes and a local query's evaluating process must never
outlive the edugraph process that started them: on Linux the kernel kills a
child whose parent dies (prctl PR_SET_PDEATHSIG), even after kill -9; the
parent kills its children itself when it stops for any other reason.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading

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
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no usable libc: the parent's own cleanup still applies
            pass
    if os.getppid() != parent:
        os._exit(1)
