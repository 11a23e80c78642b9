"""The `edugraph` command: arguments in, exit code out.

Exit codes: 0 success; 1 validation found results at or above the failure
level; 2 usage or input error (bad argument, malformed file, unknown query,
unreachable endpoint).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .project import Project, ProjectNotFound

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad argument or input: one line for the user, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one readable line instead of usage + error
        raise UsageError(f"{self.prog}: {message}")


def _build(args, project: Project) -> int:
    from .build import build
    from .stats import as_table

    summary = build(project)
    print(as_table(summary))
    return EXIT_OK


def _stats(args, project: Project) -> int:
    from .build import build, is_current, read_manifest, summary_from_manifest
    from .stats import as_json, as_table

    summary = summary_from_manifest(read_manifest(project)) if is_current(project) else build(project)
    print(as_json(summary) if args.format == "json" else as_table(summary))
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="edugraph", description="The knowledge graph of Thai basic-education planning.")
    p.add_argument("--version", action="version", version=f"edugraph {__version__}")
    p.add_argument("--root", type=Path, help="the edugraph checkout (default: the nearest one at or above the current folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    b = sub.add_parser("build", help="load sources, reason, write dist/ and print a summary")
    b.set_defaults(run=_build)

    s = sub.add_parser("stats", help="print the build's counts (without rebuilding when dist/ is current)")
    s.add_argument("--format", choices=["table", "json"], default="table")
    s.set_defaults(run=_stats)
    return p


def main(argv: list[str] | None = None) -> int:
    from .load import InputError

    try:
        args = parser().parse_args(argv)
        project = Project.find(args.root)
        return args.run(args, project)
    except (UsageError, InputError, ProjectNotFound) as exc:
        print(f"edugraph: error: {exc}" if not str(exc).startswith("edugraph") else str(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
