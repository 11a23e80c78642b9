"""The `edugraph` command: arguments in, exit code out.

Exit codes: 0 success; 1 validation found results at or above the failure
level; 2 usage or input error (bad argument, malformed file, unknown query,
unreachable endpoint).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from . import __version__, progress
from .errors import EdugraphError, UsageError
from .project import Project

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one readable line instead of usage + error
        raise UsageError(f"{self.prog}: {message}")


def _build(args, project: Project) -> int:
    from .build import build

    project = _with_drafts(args, project)
    from .stats import as_table

    summary = build(project)
    if summary.meeting:
        print(f"edugraph build: office documents reasoned together: {summary.meeting}", file=sys.stderr)
    print(as_table(summary))
    return EXIT_OK


def _with_drafts(args, project: Project) -> Project:
    """The project with drafts/*.ttl among its office documents when --drafts was given."""
    import dataclasses

    return dataclasses.replace(project, drafts=True) if getattr(args, "drafts", False) else project


def _stats(args, project: Project) -> int:
    from .build import build, is_current, read_manifest, summary_from_manifest
    from .stats import as_json, as_table

    summary = summary_from_manifest(read_manifest(project)) if is_current(project) else build(project)
    print(as_json(summary) if args.format == "json" else as_table(summary))
    return EXIT_OK


def _validate(args, project: Project) -> int:
    from .present import format_report
    from .validate import FAIL_LEVELS, validate

    project = _with_drafts(args, project)
    report = validate(project, office=args.office, plan=args.plan, severity=args.severity)
    if args.format == "html":  # the web face's template, so the page and the file show the same table
        from .web.templating import validation_report

        text = validation_report(report, args.lang)
    else:
        text = format_report(report, fmt=args.format, lang=args.lang)
    _write(text, args.output)
    return EXIT_FINDINGS if report.fails(FAIL_LEVELS[args.fail_on]) else EXIT_OK


def _queries(args, project: Project) -> int:
    from .present import describe_catalogue
    from .query import Catalogue, QueryError

    try:
        print(describe_catalogue(Catalogue(project.queries_dir), lang=args.lang))
    except QueryError as exc:
        raise UsageError(f"edugraph queries: {exc}") from None
    return EXIT_OK


def _query(args, project: Project) -> int:
    from .present import format_result
    from .query import Limits, QueryError, run

    if (args.name is None) == (args.file is None):
        raise UsageError("edugraph query: give a query NAME or --file FILE (one of them)")
    limits = Limits(args.timeout or None, args.max_memory or None, args.allow_service)
    try:
        result = run(project, name=args.name, file=args.file, params=args.param, endpoint=args.endpoint, lang=args.lang, limits=limits)
        text = format_result(result, fmt=args.format, lang=args.lang)
    except QueryError as exc:
        raise UsageError(f"edugraph query: {exc}") from None
    _write(text, args.output)
    return EXIT_OK


def _write(text: str, output: Path | None) -> None:
    """Print, or write the whole text to a file in one step (no half-written output)."""
    if output is None:
        print(text)
        return
    from .serialize import write_atomically

    write_atomically(output, text)


def _export(args, project: Project) -> int:
    from .export import export

    if args.format == "html":
        from .web.site import write_site

        if args.graph is not None or not args.inferred:
            raise UsageError("edugraph export: --graph and --asserted are for the data formats, not --format html")
        written = write_site(project, args.out)
    else:
        written = export(project, out_dir=args.out, fmt=args.format, inferred=args.inferred, graph=args.graph)
    for path in written:
        print(path)
    return EXIT_OK


def _publish(args, project: Project) -> int:
    from .publish import PublishError, publish

    try:
        report = publish(
            project,
            endpoint=args.endpoint,
            graph_store=args.graph_store,
            graph_prefix=args.graph_prefix,
            dry_run=args.dry_run,
            sql=args.sql,
        )
    except PublishError as exc:  # the per-graph account on stdout, one error line (exit 2) from main
        if exc.report is not None:
            print(exc.report.describe())
        raise
    print(report.describe())
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _draft(args, project: Project) -> int:
    from . import draft

    if args.diff:
        from .draft.diff import diff, render

        print(render(diff(args.diff[0], args.diff[1])))
        return EXIT_OK
    if args.path is None:
        raise UsageError("edugraph draft: give a plan's text file, or --diff DRAFT.ttl REVIEWED.ttl")
    drafted = draft.read(project, args.path, issuer=args.issuer, kind=args.kind, period=args.period, title=args.title)
    for path in draft.write(project, drafted, args.out):
        print(path)
    return EXIT_OK


def _serve(args, project: Project) -> int:
    from .web.app import create_app
    from .web.backend import Limits
    from .web.serve import backend_for, check_port, run

    if args.timeout <= 0 or args.max_rows <= 0:
        raise UsageError("edugraph serve: --timeout and --max-rows must be positive")
    check_port(args.host, args.port)
    if args.memory and args.endpoint:
        raise UsageError("edugraph serve: --memory reads the local build; it cannot go with --endpoint")
    backend = backend_for(project, args.endpoint, Limits(seconds=args.timeout, rows=args.max_rows), memory=args.memory)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"edugraph serve: http://{host}:{args.port}/ (reading {backend.describe()}; Ctrl-C stops)", file=sys.stderr)
    run(create_app(project, backend), args.host, args.port)
    return EXIT_OK


def _suggest(args, project: Project) -> int:
    from .present import format_result
    from .query import Result
    from .review import review_sheet, suggest, write_suggestions
    from .suggest import MIN_SCORE

    if args.write and args.review:
        raise UsageError("edugraph suggest: --write and --review are separate steps; give one of them")
    min_score = MIN_SCORE if args.min_score is None else args.min_score
    if args.top < 1 or not 0 <= min_score <= 1:
        raise UsageError("edugraph suggest: --top must be at least 1 and --min-score between 0 and 1")
    run = suggest(project, office=args.office, plan=args.plan, element=args.element, frameworks=args.framework,
                  k=args.top, min_score=min_score, whole_documents=args.write)
    if args.write:
        for path in write_suggestions(project, run):
            print(path.relative_to(project.root))
        return EXIT_OK
    if args.review:
        _write(review_sheet(project, run).rstrip("\n"), args.output)
        return EXIT_OK
    from functools import cache

    from rdflib import XSD, Literal, URIRef

    columns = ["element", "elementLabel", "framework", "candidate", "candidateLabel", "score", "evidence"]
    term = cache(Literal)  # labels, frameworks and scores repeat on every row of an element: one term each
    rows = [[URIRef(r[0]), term(r[1]), term(r[2]), URIRef(r[3]), term(r[4]), term(f"{r[5]:.3f}", datatype=XSD.decimal), Literal(r[6])]
            for r in run.rows()]
    _write(format_result(Result(columns, rows, "suggest"), fmt=args.format), args.output)
    return EXIT_OK


def _review_apply(args, project: Project) -> int:
    from .review import apply_sheet

    applied = apply_sheet(project, args.sheet)
    print(f"{len(applied.accepted)} accepted as curated links, {len(applied.rejected)} rejected")
    for path in applied.files:
        print(path.relative_to(project.root))
    return EXIT_OK


def _not_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="edugraph", description="The knowledge graph of Thai basic-education planning.")
    lang = locale_lang()
    p.add_argument("--version", action=_Version, nargs=0, help="show the code version and the data release, and exit")
    p.add_argument("--quiet", action="store_true", help="no progress on the terminal (it goes to stderr only, and never into a pipe)")
    p.add_argument("--root", type=Path, help="the edugraph checkout (default: the nearest one at or above the current folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    b = sub.add_parser("build", help="load sources, reason, write dist/ and print a summary")
    b.add_argument("--drafts", action="store_true", help="also load drafts/*.ttl (unreviewed, graphs named graph/drafts/…)")
    b.set_defaults(run=_build)

    s = sub.add_parser("stats", help="print the build's counts (without rebuilding when dist/ is current)")
    s.add_argument("--format", choices=["table", "json"], default="table")
    s.set_defaults(run=_stats)

    v = sub.add_parser("validate", help="check the built data against the SHACL shapes and report what is incomplete or inconsistent")
    v.add_argument("--office", help="only this office (IRI, or its name below id/org/, e.g. sesao-lampang-lamphun)")
    v.add_argument("--plan", help="only this plan (IRI, or its name below id/plan/)")
    v.add_argument("--severity", choices=["violation", "warning", "info"], default="info", help="lowest severity to report (default: info, everything)")
    v.add_argument("--format", choices=["text", "json", "csv", "turtle", "html"], default="text")
    v.add_argument("--lang", choices=["th", "en"], default=lang, help=f"language of labels and headings (default from the locale: {lang})")
    v.add_argument("--output", type=Path, help="write the report to this file instead of standard output")
    v.add_argument("--fail-on", choices=["violation", "warning", "info"], default="violation", help="exit 1 when a result at or above this severity is found (default: violation)")
    v.add_argument("--drafts", action="store_true", help="build and check with drafts/*.ttl included (unreviewed)")
    v.set_defaults(run=_validate)

    qs = sub.add_parser("queries", help="list the query catalogue")
    qs.add_argument("--lang", choices=["th", "en"], default=lang, help=f"language of labels and headings (default from the locale: {lang})")
    qs.set_defaults(run=_queries)

    q = sub.add_parser("query", help="run a catalogue query by name, or your own with --file")
    q.add_argument("name", nargs="?", help="catalogue query name (see `edugraph queries`)")
    q.add_argument("--file", type=Path, help="a SPARQL file of your own")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
    q.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    q.add_argument("--lang", choices=["th", "en"], default=lang, help=f"language of labels and headings (default from the locale: {lang})")
    q.add_argument("--endpoint", help="run against this SPARQL 1.1 endpoint instead of the local build")
    q.add_argument("--output", type=Path, help="write the result to this file instead of standard output")
    q.add_argument("--timeout", type=_not_negative, default=60, metavar="SECONDS", help="stop the query after this long (default 60; 0: no limit)")
    q.add_argument("--max-memory", type=_not_negative, default=2048, metavar="MB", help="stop a local query that needs more memory than this beyond the loaded data (default 2048; 0: no limit)")
    q.add_argument("--allow-service", action="store_true", help="let a local query's SERVICE clauses send requests to other servers")
    q.set_defaults(run=_query)

    e = sub.add_parser("export", help="write the built dataset in a linked-data format, with a VoID/DCAT description")
    e.add_argument("--format", choices=["turtle", "trig", "nquads", "ntriples", "jsonld", "html"], default="trig",
                   help="html: the web face's pages as static files (as `edugraph serve` shows them)")
    which = e.add_mutually_exclusive_group()
    which.add_argument("--asserted", dest="inferred", action="store_false", help="only the asserted triples")
    which.add_argument("--inferred", dest="inferred", action="store_true", help="asserted plus inferred triples (default)")
    e.set_defaults(inferred=True)
    e.add_argument("--graph", help="only this named graph (IRI or its name below graph/, e.g. seeds/001_8c1bc81af2735ebe)")
    e.add_argument("--out", type=Path, required=True, help="output folder")
    e.set_defaults(run=_export)

    pub = sub.add_parser("publish", help="replace the named graphs on a SPARQL server as one version, in one transaction")
    pub.add_argument("--endpoint", required=True, help="SPARQL 1.1 query/update endpoint URL")
    pub.add_argument("--graph-store", help="not used since 0.4.0: its uploads are separate transactions that readers would see")
    pub.add_argument("--sql", metavar="HOST:PORT", help="Virtuoso's SQL port (1111): publish in one SQL transaction, for builds over 10 MB")
    pub.add_argument("--graph-prefix", help="IRI prefix for the published graph names (default: the build's graph IRIs)")
    pub.add_argument("--dry-run", action="store_true", help="print what would change and change nothing")
    pub.set_defaults(run=_publish)

    d = sub.add_parser("draft", help="draft a plan's graph from its text, with a report of what was not understood")
    d.add_argument("path", nargs="?", type=Path, help="the plan's plain text (UTF-8)")
    d.add_argument("--issuer", help="the issuing office (IRI, or its name below id/org/); default: read from the text")
    d.add_argument("--kind", choices=["development", "action", "hr", "anticorruption", "direction", "report"], help="the plan's kind (default: read from its title)")
    d.add_argument("--period", help="Buddhist-era years, e.g. 2567-2570 (default: read from the title page)")
    d.add_argument("--title", help="the plan's title as written (default: read from the title page)")
    d.add_argument("--out", type=Path, help="folder for the draft and its report (default: drafts/)")
    d.add_argument("--diff", nargs=2, type=Path, metavar=("DRAFT", "REVIEWED"), help="compare a draft with a reviewed file instead")
    d.set_defaults(run=_draft)

    w = sub.add_parser("serve", help="serve the built graph on the web: entity pages, /sparql and the editor (read-only)")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    w.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    w.add_argument("--endpoint", help="read this SPARQL 1.1 endpoint (e.g. the Virtuoso `edugraph publish` fills) instead of the local build")
    w.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default: 30)")
    w.add_argument("--max-rows", type=int, default=10000, help="most rows or triples one answer carries (default: 10000)")
    w.add_argument("--memory", action="store_true", help="load the build into memory: slower start, faster pages over much of the graph")
    w.set_defaults(run=_serve)

    sg = sub.add_parser("suggest", help="rank the framework items office elements may serve, with scores and evidence")
    which = sg.add_mutually_exclusive_group()
    which.add_argument("--office", help="only this office's elements (IRI, or its name below id/org/)")
    which.add_argument("--plan", help="only this plan's elements (IRI, or its name below id/plan/)")
    which.add_argument("--element", help="only this element (IRI, or its path below id/)")
    sg.add_argument("--framework", action="append", choices=["national-strategy", "master-plan", "moe-policy", "obec-policy", "quick-win"],
                    help="only these frameworks (repeatable; default: all whose period overlaps the element's plan)")
    sg.add_argument("--top", type=int, default=3, metavar="K", help="suggestions per element and framework (default 3)")
    sg.add_argument("--min-score", type=float, metavar="X",  # default: suggest.MIN_SCORE (not imported here: numpy)
                    help="leave out suggestions scored below X (0-1; default 0.05, below which no benchmark link scored)")
    sg.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sg.add_argument("--output", type=Path, help="write the table or review sheet to this file instead of standard output")
    sg.add_argument("--write", action="store_true", help="record the suggestions of every element of the chosen documents in data/suggested/")
    sg.add_argument("--review", action="store_true", help="write a review sheet (CSV) to fill in and pass to `edugraph review apply`")
    sg.set_defaults(run=_suggest)

    rv = sub.add_parser("review", help="apply a filled-in review sheet of suggestions")
    rv_sub = rv.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    rv_sub.required = True
    ra = rv_sub.add_parser("apply", help="accepted rows become curated links in the office document, rejected ones are not suggested again")
    ra.add_argument("sheet", type=Path, help="the review sheet (CSV) from `edugraph suggest --review`")
    ra.set_defaults(run=_review_apply)

    c = sub.add_parser("completion", help="print a shell completion script (see README: Shell completion)")
    c.add_argument("shell", choices=["bash", "zsh"])
    c.set_defaults(run=_completion, project=False)
    return p


def locale_lang(environ=None) -> str:
    """th when the user's locale is Thai (LC_ALL, else LC_MESSAGES, else LANG, as POSIX orders them), else en."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "th" if value.lower().startswith("th") else "en"
    return "en"


class _Version(argparse.Action):
    """--version: the code version and the release of the data in the checkout (as `export` dates it)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from .void import release_date

        try:
            project = Project.find(namespace.root)
            released = release_date(project.root)
            if released is None and project.ontology.is_file():  # no git, no SOURCE_DATE_EPOCH: the ontology's date
                from rdflib import Graph

                released = release_date(project.root, Graph().parse(project.ontology, format="turtle"))
            root = project.root
            data = f"data release {released.isoformat()}" if released else "data release undated"
            text = f"edugraph {__version__}, {data} ({root})"
        except EdugraphError:
            text = f"edugraph {__version__} (no edugraph checkout here, so no data release)"
        print(text)
        parser.exit()


def _completion(args, project) -> int:
    import shtab

    print(shtab.complete(parser(), shell=args.shell))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from .processes import Terminated, check_stopped, end_on_signals

    restore = end_on_signals()
    try:
        args = parser().parse_args(argv)
        progress.configure(quiet=args.quiet)
        project = Project.find(args.root) if getattr(args, "project", True) else None
        code = args.run(args, project)
        check_stopped()
        return code
    except EdugraphError as exc:
        print(f"edugraph: error: {exc}" if not str(exc).startswith("edugraph") else str(exc), file=sys.stderr)
        return EXIT_USAGE
    except Terminated:
        return 128 + 15
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped (e.g. head)
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # a path the user named: a folder where a file goes, a file where a folder goes ...
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"edugraph: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        restore()


def run() -> None:
    """The console script: `main`, then exit.

    A command that loaded the built dataset into Oxigraph (validate, query)
    would spend about a second freeing it at national size after its output is
    written; such a process flushes its output and ends without tearing down.
    """
    from .build import holds_store

    code = main()
    if not holds_store():
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that stopped, a stream main closed
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
