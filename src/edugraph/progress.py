"""Progress of long work on a terminal: named steps with counts and elapsed time, on stderr only.

    from edugraph import progress

    with progress.step("office documents", total=len(jobs)) as advance:
        for job in jobs:
            ...
            advance()

Each step is one line on stderr (rich): its name, a bar and done/total when
the total is known, and the time it has taken; the line stays when the step
ends. Nothing is shown when stderr is not a terminal (a pipe, a file, a test,
a web server) or after `configure(quiet=True)` (the command line's
`--quiet`), so standard output carries data only.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

_SETTINGS = {"quiet": False}


def configure(quiet: bool = False) -> None:
    """Whether progress is shown at all (the command line sets this from --quiet)."""
    _SETTINGS["quiet"] = quiet


def shown() -> bool:
    """Whether progress goes to stderr now: a terminal, and not quiet."""
    if _SETTINGS["quiet"]:
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False


def _ignore(n: int = 1) -> None:
    pass


def _display():
    """A rich Progress on stderr: spinner, name, bar and done/total (for counted steps), elapsed time."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Counted(ProgressColumn):
        """A column shown only for steps with a total."""

        def __init__(self, column):
            super().__init__()
            self.column = column

        def render(self, task):
            return self.column.render(task) if task.fields.get("counted") else Text("")

    columns = [SpinnerColumn(finished_text="✓"), TextColumn("{task.description}"), Counted(BarColumn()), Counted(MofNCompleteColumn()), TimeElapsedColumn()]
    return Progress(*columns, console=Console(file=sys.stderr), transient=False)


_LIVE: dict = {}  # "bar": the rich Progress shown while a step is open; steps inside it add their lines to it


@contextlib.contextmanager
def step(name: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A step of long work; yields `advance(n=1)`, to call as parts of `total` are done.

    Steps may nest (a build's store inside its writing step): each is a line of
    the same display.
    """
    if not shown():
        yield _ignore
        return
    outermost = "bar" not in _LIVE
    if outermost:
        _LIVE["bar"] = _display()
        _LIVE["bar"].start()
    bar = _LIVE["bar"]
    task = bar.add_task(name, total=total if total is not None else 1, counted=total is not None)
    try:
        yield lambda n=1: bar.advance(task, n)
        bar.update(task, completed=total if total is not None else 1)
    finally:
        bar.stop_task(task)
        if outermost:
            bar.stop()
            del _LIVE["bar"]


__all__ = ["configure", "shown", "step"]
