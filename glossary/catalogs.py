"""Load and check the whole ``locales/`` tree: every catalog, together.

:func:`load_catalogs` reads the source catalog and every other catalog,
joins their language sections into one :class:`~glossary.model.Glossary`, and
collects every finding: syntax, headers, coverage of the template, comments
and the model's own checks. Nothing here writes a file.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from . import checks
from .checks import Catalog
from .formats import po
from .layout import LocaleError, catalog_path, find_catalogs, normalize_locale
from .model import (
    SOURCE_LANGUAGE,
    Finding,
    Glossary,
    GlossaryError,
    Origin,
    Severity,
    Source,
    citations,
)

__all__ = ["load_catalogs", "read_tree", "read_sources", "Catalog", "errors_in", "catalog_problem"]


def errors_in(findings: list[Finding], strict: bool = False) -> list[Finding]:
    """The findings that fail a check: errors, and warnings too when ``strict``."""
    return [f for f in findings if strict or f.severity is Severity.ERROR]


def catalog_problem(root: Path, lang: str, path: Path) -> Finding | None:
    """Why the catalog ``path`` of folder ``lang`` cannot be used, or None.

    The folder must be named with Babel's form of a locale code, and the
    catalog (followed through any link) must lie inside ``root``.
    """
    try:
        code = normalize_locale(lang)
    except LocaleError as exc:
        return Finding(Origin(str(path), 0), Severity.ERROR, f"folder {lang!r}: {exc}")
    if code != lang:
        return Finding(
            Origin(str(path), 0),
            Severity.ERROR,
            f"folder {lang!r} should be named {code!r} (Babel's form of the code)",
        )
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(Path(os.path.realpath(root))):
        return Finding(
            Origin(str(path), 0),
            Severity.ERROR,
            f"the catalog is a link to {real}, outside {root}; "
            "catalogs must live inside the locales folder",
        )
    return None


SOURCES_NAME = "sources.toml"
_SOURCE_FIELDS = {"title", "language", "kind", "origin", "file"}


def read_sources(path: Path) -> tuple[dict[str, Source], list[Finding]]:
    """The sources listed in ``path`` (TOML: one table per source id), with findings.

    A missing file is no source and no finding.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Finding(Origin(str(path), 0), Severity.ERROR, f"cannot read: {exc}")]
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        return {}, [
            Finding(
                Origin(str(path), int(line.group(1)) if line else 0),
                Severity.ERROR,
                f"not valid TOML: {exc}",
            )
        ]
    lines = path.read_text(encoding="utf-8").splitlines()
    sources, findings = {}, []
    for source_id, fields in data.items():
        number = next(
            (
                n
                for n, line in enumerate(lines, 1)
                if line.strip() in (f"[{source_id}]", f'["{source_id}"]')
            ),
            0,
        )
        where = Origin(str(path), number)
        if not isinstance(fields, dict) or not citations(f"[{source_id}]"):
            findings.append(
                Finding(
                    where,
                    Severity.ERROR,
                    f"{source_id!r} is not a source table with a lowercase id "
                    "(letters, digits, '-' and '.')",
                )
            )
            continue
        unknown = set(fields) - _SOURCE_FIELDS
        if (
            unknown
            or not isinstance(fields.get("title"), str)
            or not fields["title"].strip()
            or not all(isinstance(v, str) for v in fields.values())
        ):
            findings.append(
                Finding(
                    where,
                    Severity.ERROR,
                    f"source {source_id!r} needs a title, and only text fields "
                    f"among {', '.join(sorted(_SOURCE_FIELDS))}"
                    + (f" (unknown: {', '.join(sorted(unknown))})" if unknown else ""),
                )
            )
            continue
        sources[source_id] = Source(source_id, where=where, **fields)
    return sources, findings


def load_catalogs(
    root: str | os.PathLike[str], *, full: bool = True
) -> tuple[Glossary, list[Finding]]:
    """Read every catalog under ``root`` and check them; return the glossary and all findings.

    Raises :class:`GlossaryError` only when the source catalog cannot be read
    at all (nothing else can be checked without it). ``full=False`` leaves out
    the findings that only ``glossary check`` and ``glossary build`` report
    (see :mod:`glossary.checks`): what is left is what makes a glossary
    unreadable or ambiguous, which :func:`glossary.load` refuses.
    """
    keys: list[tuple[str, str]] = []

    def check_file(catalog: Catalog, glossary: Glossary) -> list[Finding]:
        if not keys:  # the source catalog comes first
            keys.extend(checks.template_keys(glossary))
        return checks.file_findings(catalog, keys, full=full)

    glossary, findings = read_tree(Path(root), check_file)
    if full:
        glossary.sources, found = read_sources(Path(root) / SOURCES_NAME)
        findings += found
    else:
        glossary.sources, _ = read_sources(Path(root) / SOURCES_NAME)
    findings += checks.glossary_findings(glossary, full=full)
    findings = list(dict.fromkeys(findings))
    findings.sort(key=lambda f: (f.origin or Origin("", 0), f.severity.value, f.message))
    return glossary, findings


def read_tree(
    root: Path, on_catalog: Callable[[Catalog, Glossary], list[Finding]] | None = None
) -> tuple[Glossary, list[Finding]]:
    """Read the source catalog and every other catalog; join their language sections.

    Returns the glossary and the findings of reading (a file that cannot be
    read, syntax, comment lines). The catalogs are read one at a time: each
    one read is handed to ``on_catalog`` (with the glossary so far), whose
    findings join the others, and then let go, so a large glossary does not
    hold every catalog's ``polib`` objects at once. Judging is
    :mod:`glossary.checks`' work.
    """

    def judge(catalog: Catalog) -> list[Finding]:
        return on_catalog(catalog, glossary) if on_catalog is not None else []

    findings: list[Finding] = []
    paths = find_catalogs(root)
    source_path = paths.pop(SOURCE_LANGUAGE, None) or catalog_path(root, SOURCE_LANGUAGE)
    if not source_path.exists() and not source_path.is_symlink():
        raise GlossaryError(
            [Finding(Origin(str(source_path), 0), Severity.ERROR, "the source catalog is missing")]
        )
    problem = catalog_problem(root, SOURCE_LANGUAGE, source_path)
    if problem:
        raise GlossaryError([problem])
    try:
        parsed = po.parse_catalog(source_path)
        glossary, found = po.catalog_to_glossary(parsed, SOURCE_LANGUAGE, is_source=True)
    except GlossaryError as exc:
        raise GlossaryError(exc.findings) from None
    findings += found
    findings += judge(Catalog(SOURCE_LANGUAGE, source_path, parsed))
    del parsed
    for lang, path in paths.items():
        problem = catalog_problem(root, lang, path)
        if problem:
            findings.append(problem)
            continue
        try:
            parsed = po.parse_catalog(path)
            part, found = po.catalog_to_glossary(parsed, lang, is_source=False)
        except GlossaryError as exc:
            findings += exc.findings
            continue
        findings += found
        findings += judge(Catalog(lang, path, parsed))
        del parsed
        glossary.metadata[lang] = part.metadata[lang]
        for concept in part.concepts.values():
            target = glossary.get(concept.id)
            # a concept the template does not have is reported by the coverage check
            if target is not None and lang in concept.languages:
                target.languages[lang] = concept.languages[lang]
    return glossary, findings
