"""Start and update the catalogs of the translations from the template.

``glossary init-locale LANG`` creates ``locales/LANG/LC_MESSAGES/glossary.po``
from the template ``locales/glossary.pot``; ``glossary update`` merges the
template into every catalog but the source (``en``), which generates the
template. Both merge the way GNU ``msgmerge --previous`` does:

==========================================  ==========================================
in the template, compared with the catalog  in the merged catalog
==========================================  ==========================================
same ``msgctxt`` and ``msgid``              the translation, translator comments and
                                            flags are kept (an obsolete ``#~`` entry
                                            comes back to life)
same ``msgctxt``, another ``msgid`` (the    the old translation is kept but marked
English text changed)                       ``fuzzy``, with the old English text as
                                            the previous ``msgid`` (``#| msgid``)
a ``msgctxt`` the catalog does not have     a new, untranslated entry
an entry of the catalog the template has    the entry becomes obsolete (``#~``), at
no more                                     the end of the catalog
==========================================  ==========================================

Translator comments (``# ``), which hold the per-language facts of the PO
mapping, are always kept; extracted comments (``#.``) and references (``#:``)
are the template's. Entries follow the template's order; obsolete entries
come last, in the order the catalog had them. The header is the catalog's,
except that an empty or malformed ``PO-Revision-Date`` (which Babel cannot
read) is set as :func:`glossary.formats.po.revision_date` says.

Differences from ``msgmerge``, which matches texts rather than concepts:

* the ``msgctxt`` (``<concept id>.<unit>``) is the identity of an entry, so a
  changed English text is matched with its old entry however much it changed
  (``msgmerge`` needs the two texts to be similar) and never with an entry of
  another context (``msgmerge`` may propose a similar text of another concept);
* an untranslated entry whose English text changed keeps its translator
  comments, and a removed untranslated entry that has translator comments
  becomes obsolete (``msgmerge`` drops both, with their comments).

Catalogs are read strictly (:func:`glossary.po.parse_catalog`) and written
without line wrapping, atomically; ``update`` parses every catalog before it
writes any, writes only the catalogs whose text changes, and replaces them all
or none (:func:`replace_all`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import polib

from ._fs import atomic_write_text
from .catalogs import catalog_problem
from .checks import plural_forms_agree
from .formats import po
from .layout import (
    LocaleError,
    catalog_path,
    find_catalogs,
    language_name,
    normalize_locale,
    template_path,
)
from .model import SOURCE_LANGUAGE, Finding, GlossaryError, Origin, Severity

__all__ = [
    "MergeCounts",
    "merge_catalog",
    "catalog_text",
    "read_template",
    "init_locale",
    "update",
    "check_locale_code",
]


@dataclass
class MergeCounts:
    """What a merge changed in one catalog.

    >>> str(MergeCounts(added=2, fuzzy=1))
    '2 added, 1 fuzzy, 0 obsolete'
    """

    added: int = 0  #: template entries the catalog did not have
    fuzzy: int = 0  #: translations marked fuzzy because the English text changed
    obsolete: int = 0  #: entries made obsolete because the template has them no more
    kept: int = 0  #: translations kept as they were

    def __str__(self) -> str:
        return f"{self.added} added, {self.fuzzy} fuzzy, {self.obsolete} obsolete"


def _copy(entry: polib.POEntry) -> polib.POEntry:
    """A detached copy of an entry (polib entries are mutable)."""
    new = polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        comment=entry.comment,
        tcomment=entry.tcomment,
        occurrences=list(entry.occurrences),
        flags=list(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=entry.obsolete,
    )
    return new


def _has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _take_translation(new: polib.POEntry, old: polib.POEntry) -> None:
    """Give ``new`` (from the template) the translation of ``old``, every form of it.

    Where the catalog's entry has plural forms and the template's has none,
    the entry keeps its ``msgid_plural`` and every ``msgstr[N]`` (``msgmerge``
    keeps only ``msgstr[0]``): ``glossary check`` then reports it, and no
    form a translator wrote is lost. A singular translation of an entry
    that became plural goes to ``msgstr[0]``."""
    if old.msgid_plural:
        if not new.msgid_plural:
            new.msgid_plural = old.msgid_plural
        new.msgstr_plural = dict(old.msgstr_plural)
    elif new.msgid_plural:
        new.msgstr_plural[0] = old.msgstr
    else:
        new.msgstr = old.msgstr


def merge_catalog(
    catalog: polib.POFile, template: polib.POFile
) -> tuple[polib.POFile, MergeCounts]:
    """Merge ``template`` into ``catalog`` (neither is changed); return the result.

    >>> old = polib.POFile(); old.metadata = {"Language": "fr"}
    >>> old.append(polib.POEntry(msgctxt="x.term", msgid="old", msgstr="vieux"))
    >>> pot = polib.POFile()
    >>> pot.append(polib.POEntry(msgctxt="x.term", msgid="new", msgstr=""))
    >>> merged, counts = merge_catalog(old, pot)
    >>> e = merged[0]; (e.msgid, e.msgstr, e.fuzzy, e.previous_msgid), str(counts)
    (('new', 'vieux', True, 'old'), '0 added, 1 fuzzy, 0 obsolete')
    """
    counts = MergeCounts()
    live = [e for e in catalog if not e.obsolete]
    dead = [e for e in catalog if e.obsolete]
    exact: dict[tuple[str | None, str], polib.POEntry] = {}
    by_context: dict[str, polib.POEntry] = {}
    for entry in live + dead:  # a live entry wins over an obsolete one
        exact.setdefault((entry.msgctxt, entry.msgid), entry)
        if entry.msgctxt is not None:
            by_context.setdefault(entry.msgctxt, entry)
    used: set[int] = set()

    merged = polib.POFile(wrapwidth=0)
    merged.header = catalog.header
    merged.metadata = dict(catalog.metadata)
    merged.metadata_is_fuzzy = catalog.metadata_is_fuzzy

    for tentry in template:
        if tentry.obsolete or tentry.msgid == "":
            continue
        new = polib.POEntry(
            msgctxt=tentry.msgctxt,
            msgid=tentry.msgid,
            msgstr="",
            msgid_plural=tentry.msgid_plural,
            comment=tentry.comment,
            occurrences=list(tentry.occurrences),
            flags=[f for f in tentry.flags if f != "fuzzy"],
        )
        if tentry.msgid_plural:
            new.msgstr_plural = {k: "" for k in tentry.msgstr_plural} or {0: "", 1: ""}
        old = exact.get((tentry.msgctxt, tentry.msgid))
        if old is not None and id(old) not in used:
            used.add(id(old))
            _take_translation(new, old)
            new.tcomment = old.tcomment
            if old.fuzzy:
                new.flags.append("fuzzy")
                new.previous_msgctxt = old.previous_msgctxt
                new.previous_msgid = old.previous_msgid
                new.previous_msgid_plural = old.previous_msgid_plural
            if _has_translation(old) and not old.fuzzy:
                counts.kept += 1
        else:
            old = by_context.get(tentry.msgctxt) if tentry.msgctxt is not None else None
            if old is not None and id(old) in used:
                old = None
            if old is None:
                counts.added += 1
            else:
                used.add(id(old))
                new.tcomment = old.tcomment
                if _has_translation(old):
                    _take_translation(new, old)
                    new.flags.append("fuzzy")
                    if old.fuzzy and old.previous_msgid is not None:
                        # already fuzzy: keep the English text it was translated from
                        new.previous_msgctxt = old.previous_msgctxt
                        new.previous_msgid = old.previous_msgid
                        new.previous_msgid_plural = old.previous_msgid_plural
                    else:
                        new.previous_msgctxt = old.msgctxt
                        new.previous_msgid = old.msgid
                        new.previous_msgid_plural = old.msgid_plural or None
                    counts.fuzzy += 1
        merged.append(new)

    seen: set[tuple[str | None, str]] = {(e.msgctxt, e.msgid) for e in merged}
    for old in catalog:  # obsolete entries, in the catalog's order
        if id(old) in used or (old.msgctxt, old.msgid) in seen:
            continue
        if not old.obsolete and not _has_translation(old) and not old.tcomment:
            continue  # nothing to keep
        gone = _copy(old)
        gone.comment, gone.occurrences = "", []
        if not old.obsolete:
            gone.obsolete = True
            counts.obsolete += 1
        seen.add((old.msgctxt, old.msgid))
        merged.append(gone)
    return merged, counts


def catalog_text(catalog: polib.POFile) -> str:
    """The catalog as text, in the canonical form (no line wrapping)."""
    catalog.wrapwidth = 0
    text = str(catalog)
    if not catalog.header and text.startswith("#\n"):
        text = text[2:]  # polib writes an empty header comment as a lone '#'
    return text if text.endswith("\n") else text + "\n"


def read_template(root: Path) -> polib.POFile:
    """The template of ``root``, parsed strictly; GlossaryError if it is missing
    or out of date with the English catalog."""
    from .extract import template_diff

    path = template_path(root)
    if not path.exists():
        raise GlossaryError(
            [
                Finding(
                    Origin(str(path), 0),
                    Severity.ERROR,
                    "the template is missing; run 'glossary extract'",
                )
            ]
        )
    template = po.parse_catalog(path).po
    if template_diff(root):
        raise GlossaryError(
            [
                Finding(
                    Origin(str(path), 0),
                    Severity.ERROR,
                    "the template is out of date with the English catalog; "
                    "run 'glossary extract' first",
                )
            ]
        )
    return template


def check_locale_code(code: str) -> str:
    """Babel's canonical form of a new locale's code; GlossaryError when it is
    not a usable code (path-like, malformed, unknown to CLDR, the source).

    >>> check_locale_code("pt-br")
    'pt_BR'
    >>> check_locale_code("../x")
    Traceback (most recent call last):
    ...
    glossary.model.GlossaryError: error: '../x' is a path, not a locale code (like fr, pt_BR or sr_Latn)
    """
    if not code or not code.strip():
        raise GlossaryError("an empty locale code; give one like fr, pt_BR or sr_Latn")
    if any(ch in code for ch in "/\\:") or code.startswith(".") or os.path.isabs(code):
        raise GlossaryError(f"{code!r} is a path, not a locale code (like fr, pt_BR or sr_Latn)")
    try:
        canonical = normalize_locale(code)
        language_name(canonical)
    except LocaleError as exc:
        raise GlossaryError(str(exc)) from None
    if canonical == SOURCE_LANGUAGE:
        raise GlossaryError(
            f"{SOURCE_LANGUAGE!r} is the source language: its catalog is "
            "edited by hand and generates the template"
        )
    return canonical


def init_locale(
    root: str | os.PathLike[str], code: str, *, force: bool = False
) -> tuple[Path, MergeCounts]:
    """Create the catalog of a new locale from the template; return its path.

    ``code`` is normalised to Babel's form (``pt-br`` -> ``pt_BR``). An
    existing catalog is refused unless ``force``: then its header is
    re-created and the template merged in, keeping every translation and
    translator comment. Raises :class:`GlossaryError`; nothing is written then.
    """
    root = Path(root)
    lang = check_locale_code(code)
    path = catalog_path(root, lang)
    existing = path.exists() or path.is_symlink()
    if existing and not force:
        raise GlossaryError(
            [
                Finding(
                    Origin(str(path), 0),
                    Severity.ERROR,
                    f"the {lang!r} catalog exists already; edit it, run "
                    "'glossary update' to merge the template, or use "
                    "--force to re-create its header (translations are kept)",
                )
            ]
        )
    problem = catalog_problem(root, lang, path)
    if problem is not None:  # a language folder that links out of the locales folder
        raise GlossaryError([problem])
    template = read_template(root)
    if existing:
        old = po.parse_catalog(path).po
        header = po.standard_header(lang, old.metadata)
        if not plural_forms_agree(header.get("Plural-Forms", ""), lang):
            header["Plural-Forms"] = po.standard_header(lang)["Plural-Forms"]
    else:
        old = polib.POFile(wrapwidth=0)
        header = po.standard_header(lang)
    old.header = po.header_comment(lang)
    old.metadata = header
    old.metadata_is_fuzzy = 0
    merged, counts = merge_catalog(old, template)
    atomic_write_text(path, catalog_text(merged))
    return path, counts


def update(root: str | os.PathLike[str]) -> list[tuple[Path, MergeCounts, bool]]:
    """Merge the template into every catalog.

    In the source catalog, which the template is generated from, the entries
    always match: only its extracted comments (``#.``) are refreshed.

    Returns (path, counts, written) per catalog, in language order. Every
    catalog is parsed before any is written: one that fails to parse, or that
    ``glossary check`` refuses as a file (a folder that is not a locale code,
    a link out of the locales folder), aborts the update with its errors and
    nothing is written.
    """
    root = Path(root)
    finish_interrupted(root)
    template = read_template(root)
    catalogs = dict(find_catalogs(root))
    parsed: list[tuple[Path, polib.POFile]] = []
    findings: list[Finding] = []
    for lang in sorted(catalogs):
        path = catalogs[lang]
        problem = catalog_problem(root, lang, path)
        if problem is not None:  # what 'glossary check' refuses, update refuses too
            findings.append(problem)
            continue
        try:
            catalog = po.parse_catalog(path).po
        except GlossaryError as exc:
            findings += exc.findings
            continue
        parsed.append((path, catalog))
    if findings:
        raise GlossaryError(findings)
    results: list[tuple[Path, MergeCounts, bytes, bool]] = []
    for path, catalog in parsed:
        merged, counts = merge_catalog(catalog, template)
        # an empty or malformed date (which Babel cannot read) is set; a valid one is kept
        merged.metadata["PO-Revision-Date"] = po.revision_date(
            merged.metadata.get("PO-Revision-Date")
        )
        data = catalog_text(merged).encode("utf-8")
        changed = data != path.read_bytes()
        results.append((path, counts, data, changed))
    replace_all(root, [(path, data) for path, _, data, changed in results if changed])
    return [(path, counts, changed) for path, counts, _, changed in results]


#: The list of catalogs an update is replacing, in the locales folder while it swaps them.
JOURNAL = ".glossary-update.json"


def replace_all(root: Path, files: list[tuple[Path, bytes]]) -> None:
    """Replace every file of ``files`` or none: write all, then swap all.

    Each new text is written (and synced) to a temporary file beside its
    catalog; a failure there (a full disk, a folder without permission)
    removes them all and raises :class:`GlossaryError` naming the file, with
    every catalog as it was. Then a journal in ``root`` lists the swaps, the
    temporary files are renamed over the catalogs, and the journal goes: an
    update killed while renaming leaves the journal, and the next update
    finishes the swap (:func:`finish_interrupted`) before it reads anything.
    """
    import json

    from ._fs import write_temp

    temps: list[tuple[Path, Path]] = []
    journal = root / JOURNAL
    try:
        for path, data in files:
            try:
                temps.append((write_temp(path, data), path))
            except OSError as exc:
                raise GlossaryError(
                    [
                        Finding(
                            Origin(str(path), 0),
                            Severity.ERROR,
                            f"cannot write the merged catalog: {exc.strerror or exc}; "
                            "no catalog was changed",
                        )
                    ]
                ) from None
        if not temps:
            return
        try:
            atomic_write_text(
                journal,
                json.dumps([[str(temp), str(path)] for temp, path in temps], indent=1) + "\n",
            )
        except OSError as exc:
            raise GlossaryError(
                [
                    Finding(
                        Origin(str(journal), 0),
                        Severity.ERROR,
                        f"cannot write: {exc.strerror or exc}; no catalog was changed",
                    )
                ]
            ) from None
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    finish_interrupted(root)


def finish_interrupted(root: Path) -> None:
    """Finish the swap of an update that was interrupted while renaming its
    files (its journal is still in ``root``), and remove the temporary files
    of an update interrupted before (no journal: no catalog was replaced)."""
    import json

    journal = root / JOURNAL
    swaps: list[tuple[Path, Path]] = []
    if journal.is_file():
        try:
            swaps = [(Path(t), Path(p)) for t, p in json.loads(journal.read_text("utf-8"))]
        except (OSError, ValueError, TypeError) as exc:
            raise GlossaryError(
                [
                    Finding(
                        Origin(str(journal), 0),
                        Severity.ERROR,
                        f"an interrupted update left this list of catalogs to replace, "
                        f"which cannot be read ({exc}); check the catalogs and remove it",
                    )
                ]
            ) from None
    for temp, path in swaps:
        if temp.exists():
            try:
                os.replace(temp, path)
            except OSError as exc:
                raise GlossaryError(
                    [
                        Finding(
                            Origin(str(path), 0),
                            Severity.ERROR,
                            f"cannot replace the catalog with its merged text ({temp}): "
                            f"{exc.strerror or exc}; run 'glossary update' again",
                        )
                    ]
                ) from None
    journal.unlink(missing_ok=True)
    for path in find_catalogs(root).values():
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)
