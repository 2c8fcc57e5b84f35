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
from collections.abc import Iterable, Iterator
from pathlib import Path

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
    check_section,
    citations,
)

__all__ = ["load_catalogs", "template_keys", "errors_in", "catalog_problem", "format_problems"]


def errors_in(findings: list[Finding], strict: bool = False) -> list[Finding]:
    """The findings that fail a check: errors, and warnings too when ``strict``."""
    return [f for f in findings if strict or f.severity is Severity.ERROR]


def template_keys(glossary: Glossary) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every template entry, in order."""
    return [(e.msgctxt, e.msgid) for e in po._entries(glossary, None, comments=False)]


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


def citation_findings(glossary: Glossary) -> Iterator[Finding]:
    """A note that cites a source id the list of sources does not have."""
    for concept in glossary:
        texts = [(concept.origin, note) for note in concept.notes]
        for section in concept.languages.values():
            texts += [(section.origin or concept.origin, note) for note in section.notes]
            texts += [
                (term.origin or section.origin or concept.origin, term.note)
                for term in section.terms
            ]
        for origin, text in texts:
            for source_id in citations(text):
                if source_id not in glossary.sources:
                    yield Finding(
                        origin,
                        Severity.ERROR,
                        f"{concept.id}: a note cites [{source_id}], which is not in {SOURCES_NAME}",
                    )


def format_problems(glossary: Glossary, known: Iterable[Finding] = ()) -> list[Finding]:
    """What the exports of :data:`glossary.formats.FORMATS` cannot carry, each
    finding once (several formats refuse the same thing with the same words),
    leaving out the findings already in ``known``."""
    from .formats import FORMATS

    seen = set(known)
    found = []
    for fmt in FORMATS:
        for finding in fmt.problems(glossary):
            if finding not in seen:
                seen.add(finding)
                found.append(finding)
    return found


def load_catalogs(
    root: str | os.PathLike[str], *, full: bool = True
) -> tuple[Glossary, list[Finding]]:
    """Read every catalog under ``root``; return the glossary and all findings.

    Raises :class:`GlossaryError` only when the source catalog cannot be read
    at all (nothing else can be checked without it). ``full=False`` leaves out
    the findings that only ``glossary check`` and ``glossary build`` report
    (those that depend on an installed library's data, such as CLDR's plural
    rules, the citations of sources, and what an export format cannot carry,
    see :func:`format_problems`): what is left is what makes a
    glossary unreadable or ambiguous, which :func:`glossary.load` refuses.
    """
    return _load_catalogs(Path(root), full)


def _read_catalog(lang: str, path: Path, is_source: bool, full: bool) -> tuple:
    """Everything about one catalog that needs no other catalog."""
    try:
        catalog, lines = po.parse_catalog(path)
        part, findings = po.catalog_to_glossary(
            catalog, lines, str(path), lang, is_source=is_source
        )
        findings += po.catalog_findings(catalog, lines, str(path), lang, None, library_checks=full)
        # the checks of each language section on its own run here;
        # they count only for the concepts that the template has (see below)
        checked = {}
        for concept in part:
            if lang in concept.languages:
                found = list(check_section(concept, lang, concept.languages[lang]))
                if found:
                    checked[concept.id] = found
        # the source catalog is the template: it needs no summary to be checked against it
        summary = None if is_source else po.entry_summary(catalog, lines)
        return part, findings, summary, checked
    except GlossaryError as exc:
        return None, exc.findings, None, {}


def _read_all(jobs: list[tuple[str, Path, bool]], full: bool) -> dict[str, tuple]:
    """``_read_catalog`` for every job, one after the other."""
    return {lang: _read_catalog(lang, path, is_source, full) for lang, path, is_source in jobs}


def _load_catalogs(root: Path, full: bool) -> tuple[Glossary, list[Finding]]:
    findings: list[Finding] = []
    catalogs = find_catalogs(root)
    source_path = catalogs.pop(SOURCE_LANGUAGE, None) or catalog_path(root, SOURCE_LANGUAGE)
    if not source_path.exists() and not source_path.is_symlink():
        raise GlossaryError(
            [Finding(Origin(str(source_path), 0), Severity.ERROR, "the source catalog is missing")]
        )
    problem = catalog_problem(root, SOURCE_LANGUAGE, source_path)
    if problem:
        raise GlossaryError([problem])
    readable: dict[str, Path] = {}
    for lang, path in catalogs.items():
        problem = catalog_problem(root, lang, path)
        if problem:
            findings.append(problem)
        else:
            readable[lang] = path
    jobs = [(SOURCE_LANGUAGE, source_path, True)] + [
        (lang, path, False) for lang, path in readable.items()
    ]
    results = _read_all(jobs, full)
    glossary, source_findings, _, checked = results[SOURCE_LANGUAGE]
    if glossary is None:
        raise GlossaryError(source_findings)
    findings += source_findings
    for found in checked.values():
        findings += found
    keys = template_keys(glossary)
    for lang in readable:
        part, part_findings, summary, checked = results[lang]
        findings += part_findings
        if part is None:
            continue
        findings += po.coverage_findings(summary, str(readable[lang]), keys)
        glossary.metadata[lang] = part.metadata[lang]
        for concept in part.concepts.values():
            target = glossary.get(concept.id)
            if target is None:
                continue  # reported by catalog_findings: not in the template
            if lang in concept.languages:
                target.languages[lang] = concept.languages[lang]
                findings += checked.get(concept.id, ())
    glossary.sources, found = read_sources(root / SOURCES_NAME)
    if full:
        findings += found
        findings += citation_findings(glossary)
    findings += glossary.check(sections=False)
    if full:
        findings += format_problems(glossary, findings)
    findings.sort(key=lambda f: (f.origin or Origin("", 0), f.severity.value, f.message))
    return glossary, findings
