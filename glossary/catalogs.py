"""Load and check the whole ``locales/`` tree: every catalog, together.

:func:`load_catalogs` reads the source catalog and every other catalog,
joins their language sections into one :class:`~glossary.model.Glossary`, and
collects every finding: syntax, headers, coverage of the template, comments
and the model's own checks. Nothing here writes a file.
"""

from __future__ import annotations

import gc
import os
import pickle
from pathlib import Path

from .locales import LocaleError, catalog_path, find_catalogs, normalize_locale
from .model import (
    SOURCE_LANGUAGE, Finding, Glossary, GlossaryError, Origin, Severity, check_section,
)
from . import po

__all__ = ["load_catalogs", "template_keys", "errors_in", "catalog_problem"]


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
        return Finding(Origin(str(path), 0), Severity.ERROR,
                       f"folder {lang!r} should be named {code!r} (Babel's form of the code)")
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(Path(os.path.realpath(root))):
        return Finding(Origin(str(path), 0), Severity.ERROR,
                       f"the catalog is a link to {real}, outside {root}; "
                       "catalogs must live inside the locales folder")
    return None


def load_catalogs(root: str | os.PathLike[str], *, cache: bool = True
                  ) -> tuple[Glossary, list[Finding]]:
    """Read every catalog under ``root``; return the glossary and all findings.

    Raises :class:`GlossaryError` only when the source catalog cannot be read
    at all (nothing else can be checked without it). With ``cache``, a result
    already computed from the same bytes comes from :mod:`glossary.cache`.
    """
    from .cache import index_key, read_index, write_index
    root = Path(root)
    key = index_key(root) if cache else None
    if key is not None:
        cached = read_index(key)
        if cached is not None:
            return cached
    collecting = gc.isenabled()
    gc.disable()  # parsing makes hundreds of thousands of objects and no cycles to collect
    try:
        glossary, findings = _load_catalogs(root)
    finally:
        if collecting:
            gc.enable()
    if key is not None:
        write_index(key, glossary, findings)
    return glossary, findings


def _read_catalog(lang: str, path: Path, is_source: bool) -> tuple:
    """Everything about one catalog that needs no other catalog (runs in a worker)."""
    try:
        catalog, lines = po.parse_catalog(path)
        part, findings = po.catalog_to_glossary(catalog, lines, str(path), lang,
                                                is_source=is_source)
        findings += po.catalog_findings(catalog, lines, str(path), lang, None)
        # the checks of each language section on its own run here, in parallel;
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


def _read_catalog_pickled(lang: str, path: Path, is_source: bool) -> bytes:
    """``_read_catalog``, pickled. The reader of the largest catalogs keeps these
    bytes until every catalog is read, then unpickles them one after the other:
    the glossary's objects are then made together, not among the short-lived
    ones of reading, which would leave its memory in holes."""
    return pickle.dumps(_read_catalog(lang, path, is_source), protocol=pickle.HIGHEST_PROTOCOL)


#: Catalogs larger than this in all are read by several processes at once ...
PARALLEL_BYTES = 8 * 1024 * 1024
#: ... and those larger than this by one process after the other: parsing a
#: catalog takes several times its size in memory (polib's entries, the lines,
#: the text), so two at once would double a peak that is already the build's
#: largest. Each process ends with its catalog, and with all that memory.
SERIAL_BYTES = 128 * 1024 * 1024


def _read_all(jobs: list[tuple[str, Path, bool]]) -> dict[str, tuple]:
    """``_read_catalog`` for every job: in this process when the catalogs are small,
    by as many processes at once as there are cores when they are large, and by
    one process after the other, the largest catalog first, when they are larger."""
    workers = min(len(jobs), os.cpu_count() or 1)
    sizes = {}
    for lang, path, _ in jobs:
        try:
            sizes[lang] = path.stat().st_size
        except OSError:
            sizes[lang] = 0
    size = sum(sizes.values())
    if size < PARALLEL_BYTES or (workers < 2 and size < SERIAL_BYTES):
        return {lang: _read_catalog(lang, path, is_source) for lang, path, is_source in jobs}
    import concurrent.futures
    import multiprocessing
    context = multiprocessing.get_context("fork") \
        if "fork" in multiprocessing.get_all_start_methods() else None
    pickled: dict[str, bytes] = {}
    if size >= SERIAL_BYTES:
        for lang, path, is_source in sorted(jobs, key=lambda job: -sizes[job[0]]):
            with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
                pickled[lang] = pool.submit(_read_catalog_pickled, lang, path, is_source).result()
        return {lang: pickle.loads(pickled.pop(lang)) for lang, _, _ in jobs}
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {lang: pool.submit(_read_catalog, lang, path, is_source)
                   for lang, path, is_source in jobs}
        return {lang: future.result() for lang, future in futures.items()}


def _load_catalogs(root: Path) -> tuple[Glossary, list[Finding]]:
    findings: list[Finding] = []
    catalogs = find_catalogs(root)
    source_path = catalogs.pop(SOURCE_LANGUAGE, None) or catalog_path(root, SOURCE_LANGUAGE)
    if not source_path.exists() and not source_path.is_symlink():
        raise GlossaryError([Finding(Origin(str(source_path), 0), Severity.ERROR,
                                     "the source catalog is missing")])
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
    jobs = [(SOURCE_LANGUAGE, source_path, True)] + [(lang, path, False)
                                                     for lang, path in readable.items()]
    results = _read_all(jobs)
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
    findings += glossary.check(sections=False)
    findings.sort(key=lambda f: (f.origin or Origin("", 0), f.severity.value, f.message))
    return glossary, findings
