"""The ``glossary`` command line: a thin layer over the library.

Each command parses its arguments, calls one library function and turns a
:class:`~glossary.model.GlossaryError` into ``path:line: message`` lines on
stderr and exit code 1. Modules are imported inside the commands that need
them, and ``glossary lookup`` is first offered to :mod:`glossary._quick`,
which answers the common case from the compiled index without importing the
library (see there for the measurement); whatever it does not answer runs
here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from . import _quick

#: ``typing.TYPE_CHECKING`` without importing ``typing`` (9 ms here): see glossary._quick
TYPE_CHECKING = False

if TYPE_CHECKING:  # pragma: no cover - types only
    import argparse
    from pathlib import Path

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable:
    def register(func: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = func
        return func

    return register


def _locales(args: argparse.Namespace, *, shipped_ok: bool = False) -> Path:
    """The catalogs to work on: ``--locales``, else ``./locales``, else the shipped ones."""
    from pathlib import Path

    if args.locales:
        return Path(args.locales)
    here = Path("locales")
    if (here / "en" / "LC_MESSAGES" / "glossary.po").exists() or not shipped_ok:
        return here
    from . import data_dir

    return data_dir()


def _print_findings(findings) -> None:
    for finding in findings:
        print(finding, file=sys.stderr)


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from .catalogs import errors_in, load_catalogs

    glossary, findings = load_catalogs(_locales(args))
    _print_findings(findings)
    failing = errors_in(findings, args.strict)
    errors = sum(1 for f in findings if f.severity.value == "error")
    print(
        f"{len(glossary)} concepts in {len(glossary.languages)} languages "
        f"({', '.join(glossary.languages)}): {errors} errors, "
        f"{len(findings) - errors} warnings",
        file=sys.stderr,
    )
    return 1 if failing else 0


@command("extract")
def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extract, first_changed_line, template_diff
    from .layout import template_path

    root = _locales(args)
    if args.check:
        diff = template_diff(root)
        if diff:
            print(
                f"{template_path(root)}:{first_changed_line(diff)}: error: out of date "
                "with the English catalog (first difference here); run 'glossary extract'",
                file=sys.stderr,
            )
            sys.stderr.writelines(diff)
            return 1
        print(f"{template_path(root)} is up to date", file=sys.stderr)
        return 0
    path, count = extract(root)
    print(f"wrote {path} ({count} entries)", file=sys.stderr)
    return 0


@command("build")
def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    build(_locales(args), args.out, report=lambda line: print(line, flush=True))
    return 0


def _languages(glossary, wanted: list[str] | None) -> list[str]:
    from .model import GlossaryError

    if not wanted:
        return glossary.languages
    unknown = [code for code in wanted if code not in glossary.languages]
    if unknown:
        raise GlossaryError(
            f"unknown language {', '.join(unknown)}; the glossary has "
            f"{', '.join(glossary.languages)}"
        )
    return wanted


@command("lookup")
def cmd_lookup(args: argparse.Namespace) -> int:
    import json

    from . import load
    from .model import group_matches

    glossary = load(_locales(args, shipped_ok=True))
    if args.lang:
        _languages(glossary, [args.lang])
    shown = _languages(glossary, args.to)
    try:
        matches = glossary.lookup(args.text, args.lang)
    except LookupError as exc:
        suggestions = getattr(exc, "suggestions", [])
        print(
            f"glossary: no term {args.text!r} found" + (f" in {args.lang!r}" if args.lang else ""),
            file=sys.stderr,
        )
        if suggestions:
            print("did you mean: " + "; ".join(suggestions), file=sys.stderr)
        return 1
    for m in matches:
        if m.use_instead:
            print(
                _quick.deprecated_warning(m.lang, m.term.text, m.use_instead, m.term.note),
                file=sys.stderr,
            )
    groups = group_matches(matches)
    if args.json:
        document = {
            "query": args.text,
            "matches": [
                {
                    "concept": concept.to_dict(shown),
                    "matched": [
                        {"lang": m.lang, **m.term.to_dict(), "use_instead": m.use_instead}
                        for m in found
                    ],
                }
                for concept, found in groups
            ],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    for number, (concept, found) in enumerate(groups):
        if number:
            print()
        print(concept.describe(shown))
        print(_quick.matched_line([(m.lang, m.term.text, m.term.status.value) for m in found]))
    return 0


@command("list")
def cmd_list(args: argparse.Namespace) -> int:
    from . import load

    glossary = load(_locales(args, shipped_ok=True))
    shown = _languages(glossary, [args.lang] if args.lang else None)
    for concept in glossary:
        print("\t".join([concept.id] + [concept.preferred(code) or "" for code in shown]))
    return 0


@command("init-locale")
def cmd_init_locale(args: argparse.Namespace) -> int:
    from .layout import language_name
    from .update import init_locale

    path, counts = init_locale(_locales(args), args.lang, force=args.force)
    lang = path.parts[-3]
    if args.force:
        print(
            f"re-created the header of {path} ({language_name(lang)}); kept "
            f"{counts.kept} translations: {counts}",
            file=sys.stderr,
        )
    else:
        print(
            f"created {path} ({language_name(lang)}): {counts.added} entries to translate",
            file=sys.stderr,
        )
    return 0


@command("update")
def cmd_update(args: argparse.Namespace) -> int:
    from .update import update

    for path, counts, written in update(_locales(args)):
        print(f"{path}: {counts}" + ("" if written else " (unchanged)"), file=sys.stderr)
    return 0


@command("stats")
def cmd_stats(args: argparse.Namespace) -> int:
    from .stats import format_table, stats, to_json

    rows = stats(_locales(args), args.lang)
    print(to_json(rows) if args.json else format_table(rows))
    return 0


@command("lint")
def cmd_lint(args: argparse.Namespace) -> int:
    from . import load
    from .lint import apply_baseline, lint, to_json, write_baseline
    from .model import GlossaryError

    if args.write_baseline and not args.baseline:
        raise GlossaryError("--write-baseline needs --baseline FILE (where to write it)")
    if args.source and len(args.files) > 1:
        raise GlossaryError("--source names the source of one plain-text file; give one FILE")
    glossary = load(_locales(args, shipped_ok=True))
    results = {}
    failed: list = []
    for path in args.files:
        try:
            results[path] = lint(
                path,
                glossary,
                args.lang,
                source_lang=args.source_lang,
                source=args.source,
                lemmatize=not args.no_lemmatizer,
            )
        except GlossaryError as exc:  # one unreadable file does not hide the others' findings
            failed += exc.findings
    if args.write_baseline:
        count = write_baseline(results, args.baseline)
        _print_findings(failed)
        print(f"wrote {args.baseline} ({count} findings recorded)", file=sys.stderr)
        return 1 if failed else 0
    if args.baseline:
        results = apply_baseline(results, args.baseline)
    if args.format == "json":
        print(to_json(results))
    errors = warnings = 0
    for path, result in results.items():
        if args.format == "text":
            _print_findings(result.findings)
        found = sum(1 for f in result.findings if f.severity.value == "error")
        errors += found
        warnings += len(result.findings) - found
        extra = "".join(
            f", {n} {label}"
            for n, label in ((result.waived, "waived"), (result.baselined, "in the baseline"))
            if n
        )
        print(
            f"{path}: {result.checked} translated entries checked against the "
            f"{result.lang!r} terms: {found} errors, {len(result.findings) - found} warnings"
            + extra,
            file=sys.stderr,
        )
    _print_findings(failed)
    return 1 if failed or errors or (args.strict and warnings) else 0


@command("terms")
def cmd_terms(args: argparse.Namespace) -> int:
    import json

    from . import load
    from .model import Status
    from .terms import deprecated_findings, document, find, line, read_segments

    glossary = load(_locales(args, shipped_ok=True))
    src = _languages(glossary, [args.source])[0]
    targets = _languages(glossary, args.to)
    segments = read_segments(args.file)
    results = list(find(glossary, segments, src))
    if args.json:
        print(json.dumps(document(results, src, targets), ensure_ascii=False, indent=2))
    found = deprecated = 0
    for segment, occurrences in results:
        _print_findings(deprecated_findings(segment, occurrences))
        found += len(occurrences)
        deprecated += sum(1 for o in occurrences if o.status is Status.DEPRECATED)
        if args.json:
            continue
        for o in occurrences:
            print(f"{segment.where}: {line(o, targets)}")
    print(
        f"{'<stdin>' if args.file == '-' else args.file}: {len(segments)} segments, "
        f"{found} {src} terms found" + (f", {deprecated} of them deprecated" if deprecated else ""),
        file=sys.stderr,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="glossary",
        description="A multilingual BPO/KPO glossary stored as gettext PO catalogs.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "--locales",
            metavar="DIR",
            help="the catalogs folder (default: ./locales; for lookup and list, "
            "the catalogs shipped with the package when there is none)",
        )
        return p

    p = add("check", "validate every catalog together; print path:line: findings")
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")

    p = add("extract", "regenerate locales/glossary.pot from the English catalog")
    p.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 and show the difference if the template is stale",
    )

    p = add(
        "build",
        "build every export (.mo, dataset, TBX, CSV, OmegaT, MT glossaries, site) into one folder",
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        default="exports",
        help="output folder, replaced as a whole (default: exports)",
    )
    p = add("lookup", "find a concept by any of its terms, in any language")
    p.add_argument(
        "text",
        help="a term in any language (case, diacritics and hyphens "
        "do not matter); write 'glossary lookup -- TEXT' for a "
        "text that starts with '-'",
    )
    p.add_argument("--lang", metavar="L", help="search this language only")
    p.add_argument("--to", metavar="L", nargs="+", help="show these languages only")
    p.add_argument("--json", action="store_true", help="print a JSON document")

    p = add("terms", "find the glossary's terms in a text, with the target terms to use and avoid")
    p.add_argument(
        "file",
        metavar="FILE",
        help="plain text (one segment per line), a PO file (its msgids) or an XLIFF "
        "1.2/2.x file (its sources); '-' reads standard input",
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="L",
        default="en",
        help="the language of the text (default: en)",
    )
    p.add_argument("--to", metavar="L", nargs="+", required=True, help="the target language(s)")
    p.add_argument(
        "--json",
        action="store_true",
        help="print a JSON document: per segment, WMT-style term hints and the matches",
    )

    p = add("list", "print every concept id with its preferred terms (tab-separated)")
    p.add_argument("--lang", metavar="L", help="this language only")

    p = add("init-locale", "start the catalog of a new language from the template")
    p.add_argument("lang", metavar="LANG", help="a locale code Babel knows (fr, pt_BR, sr_Latn)")
    p.add_argument(
        "--force",
        action="store_true",
        help="re-create the header of an existing catalog and merge the template "
        "into it (translations and translator comments are kept)",
    )

    p = add("update", "merge the template into every translation, as msgmerge does")

    p = add("stats", "how complete each catalog is (entries, source words, concepts)")
    p.add_argument("--lang", metavar="L", help="this language only")
    p.add_argument("--json", action="store_true", help="print a JSON document")

    p = add("lint", "check translations (PO, XLIFF, TMX, plain text) against the glossary's terms")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="translations: .po, .xlf/.xliff (1.2 or 2.x), .tmx, or plain text (one segment a line)",
    )
    p.add_argument(
        "--lang",
        metavar="L",
        help="the language of the translations (default: what the file declares; "
        "de_DE is checked as de)",
    )
    p.add_argument(
        "--source-lang",
        metavar="L",
        help="the language of the source texts (default: what the file declares, else en)",
    )
    p.add_argument(
        "--source",
        metavar="FILE",
        help="for a plain-text translation: its source text, line by line "
        "(default: found beside it, doc.pl.txt -> doc.en.txt)",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: one document on stdout with every finding (default: text on stderr)",
    )
    p.add_argument(
        "--baseline",
        metavar="FILE",
        help="set aside the findings this file records; only new ones count",
    )
    p.add_argument(
        "--write-baseline",
        action="store_true",
        help="record today's findings in the --baseline file and exit 0",
    )
    p.add_argument(
        "--no-lemmatizer",
        action="store_true",
        help="do not use the lemmatiser even when it is installed",
    )
    return parser


def run(argv: Sequence[str]) -> int:
    """The full command line: parse ``argv``, run the command, report its errors."""
    from .model import GlossaryError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except GlossaryError as exc:
        _print_findings(exc.findings)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    """The ``glossary`` command (the console script and ``python -m glossary``)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        status = _quick.answer(arguments)
        if status is None:
            status = run(arguments)
        sys.stdout.flush()  # a reader that went away is seen here, not at exit
        return status
    except BrokenPipeError:
        # the reader of our output went away (``glossary lookup … | head -1``):
        # stop quietly, with the status of a process ended by SIGPIPE, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13
    except OSError as exc:  # a full disk, a folder that cannot be written: nothing was replaced
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"glossary: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
