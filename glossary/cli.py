"""The ``glossary`` command line: a thin layer over the library.

Each command parses its arguments, calls one library function and turns a
:class:`~glossary.model.GlossaryError` into ``path:line: message`` lines on
stderr and exit code 1. Heavy modules are imported inside the commands that
need them, so ``glossary lookup`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .model import GlossaryError

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable:
    def register(func: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = func
        return func

    return register


def _locales(args: argparse.Namespace, *, shipped_ok: bool = False) -> Path:
    """The catalogs to work on: ``--locales``, else ``./locales``, else the shipped ones."""
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
                f"warning: deprecated in {m.lang}: {m.term.text} \u2014 use {m.use_instead}"
                + (f" ({m.term.note})" if m.term.note else ""),
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
        print(
            "matched: "
            + "; ".join(f"{m.lang}: {m.term.text} ({m.term.status.value})" for m in found)
        )
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
    from .lint import lint

    result = lint(args.file, load(_locales(args, shipped_ok=True)), args.lang)
    _print_findings(result.findings)
    errors = sum(1 for f in result.findings if f.severity.value == "error")
    print(
        f"{args.file}: {result.checked} translated entries checked against the "
        f"{result.lang!r} terms: {errors} errors, {len(result.findings) - errors} warnings",
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and result.findings) else 0


def build_parser() -> argparse.ArgumentParser:
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

    p = add("build", "build every export (.mo, dataset, TBX, CSV, OmegaT, site) into one folder")
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

    p = add("lint", "check a translation (any PO file) against the glossary's terms")
    p.add_argument("file", metavar="FILE.po", help="a PO file translated from English")
    p.add_argument(
        "--lang",
        metavar="L",
        required=True,
        help="the language of its translations (de_DE is checked as de)",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # a reader that went away is seen here, not at exit
        return status
    except BrokenPipeError:
        # the reader of our output went away (``glossary lookup … | head -1``):
        # stop quietly, with the status of a process ended by SIGPIPE, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13
    except GlossaryError as exc:
        _print_findings(exc.findings)
        return 1
    except OSError as exc:  # a full disk, a folder that cannot be written: nothing was replaced
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"glossary: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
