"""Every check of the glossary, in one place: small functions that yield findings.

Readers read (:mod:`glossary.catalogs`, :mod:`glossary.formats.po`), writers
write (:mod:`glossary.formats`), and this module judges, in the style of
Babel's ``checkers.py``. :func:`run` is what ``glossary check`` and
``glossary build`` apply to a glossary read from its catalogs.

Which findings stop which command (the README has the same table):

- ``glossary.load()``, ``lookup``, ``list``, ``lint`` refuse the errors of
  :func:`run` with ``full=False``: what makes the glossary unreadable or
  ambiguous (syntax, encoding, duplicate entries, a catalog that contradicts
  its folder or the template, a concept without exactly one preferred term,
  a relation to a concept that does not exist, …);
- ``check`` and ``build`` also report (``full=True``) what depends on an
  installed library's data (the CLDR plural rule), the citations of sources,
  the kinds of relations (:func:`relation_findings`), and what an export
  format cannot carry (each format's ``problems()``).

Groups: catalog files (header, fuzzy entries, coverage of the template), the
model (concepts, language sections, texts), relations, sources, formats.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from .model import (
    SOURCE_LANGUAGE,
    Concept,
    Finding,
    Glossary,
    LangSection,
    Origin,
    Severity,
    Status,
    Term,
    citations,
    is_valid_id,
)

if TYPE_CHECKING:
    from pathlib import Path

    import polib

    from .formats.po import ParsedCatalog

__all__ = [
    "run",
    "Catalog",
    "file_findings",
    "glossary_findings",
    "catalog_findings",
    "coverage_findings",
    "plural_forms_agree",
    "plural_forms_problem",
    "model_findings",
    "concept_findings",
    "section_findings",
    "text_problems",
    "mixed_script_words",
    "relation_findings",
    "citation_findings",
    "format_findings",
]


class Catalog(NamedTuple):
    """One catalog as read (by :mod:`glossary.catalogs`) and judged here: its language,
    path, and what the reader made of it."""

    lang: str
    path: Path
    parsed: ParsedCatalog

    @property
    def po(self) -> polib.POFile:
        """The catalog's ``polib`` object."""
        return self.parsed.po


def run(glossary: Glossary, catalogs: Iterable[Catalog], *, full: bool = True) -> list[Finding]:
    """Every finding about ``glossary`` and the catalogs it was read from, sorted."""
    findings: list[Finding] = []
    keys = template_keys(glossary)
    for catalog in catalogs:
        findings += file_findings(catalog, keys, full=full)
    findings += glossary_findings(glossary, full=full)
    findings = list(dict.fromkeys(findings))
    findings.sort(key=lambda f: (f.origin or Origin("", 0), f.severity.value, f.message))
    return findings


def file_findings(
    catalog: Catalog, template_keys: list[tuple[str, str]], *, full: bool = True
) -> list[Finding]:
    """The findings about one catalog as a file: its header, fuzzy entries and,
    for a catalog that is not the source, its coverage of the template."""
    findings = catalog_findings(catalog, full=full)
    if catalog.lang != SOURCE_LANGUAGE:
        findings += coverage_findings(catalog, template_keys)
    return findings


def glossary_findings(glossary: Glossary, *, full: bool = True) -> list[Finding]:
    """The findings about the glossary read from every catalog, sorted."""
    findings = list(model_findings(glossary))
    if full:
        findings += style_findings(glossary)
        findings += relation_findings(glossary)
        findings += citation_findings(glossary)
        findings += format_findings(glossary)
    findings = list(dict.fromkeys(findings))  # one finding once, whoever found it
    findings.sort(key=lambda f: (f.origin or Origin("", 0), f.severity.value, f.message))
    return findings


# -- catalog files -------------------------------------------------------------------


def template_keys(glossary: Glossary) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every template entry, in order."""
    from .formats.po import template_entries

    return [(e.msgctxt, e.msgid) for e in template_entries(glossary)]


def catalog_findings(catalog: Catalog, *, full: bool = True) -> list[Finding]:
    """Problems of one catalog as a file: its header and its fuzzy entries.

    ``full=False`` leaves out what depends on an installed library's data
    (the CLDR plural rule).
    """
    from .formats.po import FIXED_REVISION_DATE, catalog_language, entry_line, is_po_date

    where = str(catalog.path)
    findings: list[Finding] = []
    header_line = catalog.parsed.header_line

    def add(severity: Severity, line: int, message: str) -> None:
        findings.append(Finding(Origin(where, line), severity, message))

    declared = catalog_language(catalog.po)
    if not declared:
        add(Severity.ERROR, header_line, f"header has no Language (expected {catalog.lang!r})")
    elif declared != catalog.lang:
        add(
            Severity.ERROR,
            header_line,
            f"header Language {declared!r} contradicts the folder {catalog.lang!r}",
        )
    problem = (
        plural_forms_problem(catalog.po.metadata.get("Plural-Forms", ""), catalog.lang)
        if full
        else None
    )
    if problem:
        add(Severity.ERROR, catalog.parsed.field_line("Plural-Forms"), problem)
    date = catalog.po.metadata.get("PO-Revision-Date")
    if not is_po_date(date):
        add(
            Severity.WARNING,
            catalog.parsed.field_line("PO-Revision-Date"),
            f"PO-Revision-Date {date or ''!r} is not a date like {FIXED_REVISION_DATE!r}, "
            "which some tools (Babel's pybabel) cannot read; run 'glossary update' to set it",
        )
    for entry in catalog.po:
        if not entry.obsolete and entry.fuzzy:
            add(
                Severity.WARNING,
                entry_line(entry),
                f"fuzzy entry {entry.msgctxt!r}: review the translation and remove the fuzzy flag",
            )
    return findings


def coverage_findings(catalog: Catalog, template_keys: list[tuple[str, str]]) -> list[Finding]:
    """Entries of the template missing, stale or untranslated in a catalog, and
    entries the template does not have."""
    from .formats.po import entry_line

    where = str(catalog.path)
    header_line = catalog.parsed.header_line
    findings: list[Finding] = []

    def add(severity: Severity, line: int, message: str) -> None:
        findings.append(Finding(Origin(where, line), severity, message))

    # a context is unique among a catalog's live entries (the reader refuses a duplicate)
    live: dict[str | None, polib.POEntry] = {e.msgctxt: e for e in catalog.po if not e.obsolete}
    for ctx, msgid in template_keys:
        entry = live.get(ctx)
        if entry is None:
            add(
                Severity.ERROR,
                header_line,
                f"{ctx!r} of the template is missing; run 'glossary update'",
            )
        elif entry.msgid != msgid:
            add(
                Severity.ERROR,
                entry_line(entry),
                f"{ctx!r}: the English source text changed; run 'glossary update'",
            )
        elif not entry.msgstr and not entry.fuzzy:
            add(Severity.WARNING, entry_line(entry), f"{ctx!r} is untranslated")
    known = {ctx for ctx, _ in template_keys}
    for context, entry in live.items():
        if context not in known and context is not None:
            add(
                Severity.ERROR,
                entry_line(entry),
                f"{context!r} is not in the template (a concept unknown to the "
                "source catalog); run 'glossary update' to make it obsolete",
            )
    return findings


# -- plural rules (compared as functions of n) -------------------------------------------


def plural_forms_agree(value: str, lang: str) -> bool:
    """Whether ``value`` computes the same plural forms as CLDR's rule for ``lang``."""
    return plural_forms_problem(value, lang) is None


def plural_forms_problem(value: str, lang: str) -> str | None:
    """What is wrong with the ``Plural-Forms`` value ``value`` for ``lang``, or None.

    Compares the two rules as functions of n (:mod:`glossary.plurals`), so any
    spelling of CLDR's rule (GNU gettext's, any Babel release's) is accepted.
    """
    from .layout import LocaleError, plural_forms
    from .plurals import PluralRuleError, first_difference, parse_plural_forms

    try:
        expected = plural_forms(lang)
    except LocaleError:
        return None
    if not value:
        return f"header has no Plural-Forms (expected {expected!r})"
    try:
        actual = parse_plural_forms(value)
    except PluralRuleError as exc:
        return f"Plural-Forms {value!r} is not a valid rule: {exc}"
    cldr = parse_plural_forms(expected)
    n = first_difference(actual, cldr)
    if n is None and actual.nplurals == cldr.nplurals:
        return None
    message = f"Plural-Forms {value!r} differs from CLDR's rule for {lang!r} ({expected!r})"
    if actual.nplurals != cldr.nplurals:
        message += f": nplurals={actual.nplurals} where CLDR has {cldr.nplurals}"
    if n is not None:
        try:
            got = f"form {actual.evaluate(n)}"
        except PluralRuleError as exc:
            got = f"an error ({exc})"
        message += (
            f"{';' if actual.nplurals != cldr.nplurals else ':'} at n={n} it gives "
            f"{got}, CLDR's rule gives form {cldr.evaluate(n)}"
        )
    return message


# -- the model ----------------------------------------------------------------------


def model_findings(glossary: Glossary) -> Iterator[Finding]:
    """Every problem of the model itself (not of a file format)."""
    languages = glossary.languages
    for concept in glossary:
        yield from concept_findings(glossary, concept, languages)


_SCRIPT_WORD = re.compile(r"[^\W\d_]+")
# The letters of each script, by Unicode block (basic, supplements, extensions).
_SCRIPTS = [
    re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u2C60-\u2C7F\uA720-\uA7FF]"),
    re.compile(r"[\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F]"),
    re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]"),
]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Latin, Cyrillic and Greek letters.

    >>> mixed_script_words("аутсорсинг BPO-компания")
    []
    >>> mixed_script_words("aутсорсинг")  # a Latin "a" at the start
    ['aутсорсинг']
    """
    if text.isascii() or sum(1 for s in _SCRIPTS if s.search(text)) < 2:
        return []  # one script in the whole text: no word can mix two
    return [
        word
        for word in _SCRIPT_WORD.findall(text)
        if not word.isascii() and sum(1 for s in _SCRIPTS if s.search(word)) > 1
    ]


def text_problems(text: str) -> list[str]:
    """What is wrong with a piece of text on its own (spaces, scripts, controls)."""
    problems = []
    if text != text.strip():
        problems.append("leading or trailing spaces")
    if _CONTROL.search(text):
        problems.append("a control character (line break, tab or other)")
    for word in mixed_script_words(text):
        problems.append(f"word {word!r} mixes scripts (Latin, Cyrillic, Greek)")
    return problems


#: Joiners that some scripts need inside words (Persian, Indic scripts, emoji).
_JOINERS = {"\u200c", "\u200d"}


def invisible_characters(text: str) -> list[str]:
    """Invisible characters that make a term look like another one: bidirectional
    controls, zero-width spaces and other format characters (Unicode category
    Cf), and a zero-width (non-)joiner where neither neighbour is a letter of a
    script that uses it (any script but Latin, Cyrillic and Greek).

    >>> invisible_characters("out\u200bsourcing"), invisible_characters("\u202eBPO")
    (['U+200B ZERO WIDTH SPACE'], ['U+202E RIGHT-TO-LEFT OVERRIDE'])
    >>> invisible_characters("\u0645\u06cc\u200c\u0634\u0648\u062f")  # Persian: needed
    []
    """
    found = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) != "Cf":
            continue
        if ch in _JOINERS:
            around = text[max(i - 1, 0) : i] + text[i + 1 : i + 2]
            if any(c.isalpha() and not any(s.match(c) for s in _SCRIPTS) for c in around):
                continue
        name = f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}"
        if name not in found:
            found.append(name)
    return found


def concept_findings(
    glossary: Glossary, concept: Concept, languages: list[str]
) -> Iterator[Finding]:
    """The problems of one concept: its id, texts, relations and languages."""

    def err(message: str, origin: Origin | None = None) -> Finding:
        return Finding(origin or concept.origin, Severity.ERROR, message)

    if not is_valid_id(concept.id):
        yield err(f"concept id {concept.id!r} is not snake_case ASCII (a valid XML ID)")
    for label, text in [("subject field", concept.subject_field)] + [
        ("concept note", note) for note in concept.notes
    ]:
        for problem in text_problems(text):
            yield err(f"{concept.id}: {label}: {problem}")
    for kind, targets in (
        ("broader", concept.broader),
        ("part-of", concept.part_of),
        ("related", concept.related),
    ):
        for target in targets:
            if target not in glossary.concepts:
                yield err(f"{concept.id}: {kind} concept {target!r} does not exist")
            elif target == concept.id:
                yield err(f"{concept.id}: a concept cannot be {kind} to itself")
    for target in concept.related:
        other = glossary.get(target)
        if other is not None and (
            target in concept.broader + concept.part_of
            or concept.id in other.broader + other.part_of
        ):
            yield Finding(
                concept.origin,
                Severity.WARNING,
                f"{concept.id}: {target!r} is both hierarchical (broader/narrower) "
                "and related; keep one relation (ISO 25964)",
            )
    for code in languages:
        section = concept.languages.get(code)
        if section is None:
            yield Finding(
                concept.origin, Severity.WARNING, f"{concept.id}: not translated into {code!r}"
            )
        else:
            yield from section_findings(concept, code, section)


def section_findings(concept: Concept, code: str, section: LangSection) -> Iterator[Finding]:
    """The problems of one language section on its own: its terms and texts."""

    def err(message: str, origin: Origin | None = None) -> Finding:
        return Finding(origin or concept.origin, Severity.ERROR, message)

    where = section.origin or concept.origin
    preferred = section.terms_with(Status.PREFERRED)
    if not preferred:
        yield err(f"{concept.id}: no preferred term in {code!r}", where)
    elif len(preferred) > 1:
        yield err(
            f"{concept.id}: {len(preferred)} preferred terms in {code!r} "
            f"({', '.join(t.text for t in preferred)}); exactly one is allowed",
            max((t.origin for t in preferred if t.origin), default=None) or where,
        )
    if not section.definition.strip():
        # untranslated or fuzzy: an incomplete translation, as in any catalog
        yield Finding(
            where,
            Severity.WARNING,
            f"{concept.id}: no definition in {code!r} (untranslated or fuzzy)",
        )
    seen: dict[str, Term] = {}
    for term in section.terms:
        t_where = term.origin or where
        if not term.text.strip():
            yield err(f"{concept.id}: empty term in {code!r}", t_where)
        key = unicodedata.normalize("NFC", term.text)
        if key in seen:
            yield err(f"{concept.id}: term {term.text!r} appears twice in {code!r}", t_where)
        seen[key] = term
        for problem in text_problems(term.text):
            yield err(f"{concept.id}: term {term.text!r} in {code!r}: {problem}", t_where)
        invisible = invisible_characters(term.text)
        if invisible:
            yield err(
                f"{concept.id}: term {term.text!r} in {code!r} holds an invisible character "
                f"({', '.join(invisible)}): it looks like another term and is not found "
                "by the spelling a reader types",
                t_where,
            )
        for problem in text_problems(term.note):
            yield err(f"{concept.id}: note of term {term.text!r} in {code!r}: {problem}", t_where)
        if term.status is Status.DEPRECATED and not term.note.strip():
            yield Finding(
                t_where,
                Severity.WARNING,
                f"{concept.id}: deprecated term {term.text!r} in {code!r} has no note "
                "saying where it is met and what to use instead",
            )
    for label, text in [("definition", section.definition)] + [("note", n) for n in section.notes]:
        for problem in text_problems(text):
            yield err(f"{concept.id}: {label} in {code!r}: {problem}", where)


def style_findings(glossary: Glossary) -> Iterator[Finding]:
    """One form for definitions in every language: a capital letter first, a full stop last."""
    for concept in glossary:
        for code, section in concept.languages.items():
            text = section.definition.strip()
            if not text:
                continue
            first = next((char for char in text if char.isalpha()), "")
            if not first.isupper() or not text.endswith("."):
                yield Finding(
                    section.origin or concept.origin,
                    Severity.WARNING,
                    f"{concept.id}: the definition in {code!r} should start with a capital "
                    f"letter and end with a full stop: {text[:40]!r}…",
                )


# -- relations (ISO 704, ISO 25964) ---------------------------------------------------


def relation_findings(glossary: Glossary) -> Iterator[Finding]:
    """Relations that do not mean what they say.

    - ``related`` (associative) is symmetric: each side lists the other;
    - ``broader`` (generic, *is a kind of*) joins concepts of the same subject
      field (a service is not a kind of an outsourcing model) and has no cycle;
    - ``part-of`` (partitive) has no cycle either.
    """
    for concept in glossary:
        for target in concept.related:
            other = glossary.get(target)
            if other is not None and concept.id not in other.related:
                yield Finding(
                    concept.origin,
                    Severity.ERROR,
                    f"{concept.id}: related to {target!r}, but {target!r} does not list "
                    f"{concept.id!r} as related (an associative relation goes both ways)",
                )
        for target in concept.broader:
            other = glossary.get(target)
            if other is not None and other.subject_field != concept.subject_field:
                yield Finding(
                    concept.origin,
                    Severity.ERROR,
                    f"{concept.id}: broader (is a kind of) {target!r}, but its subject field "
                    f"{concept.subject_field!r} differs from {other.subject_field!r}; "
                    "a generic relation joins concepts of one kind (use related: for a "
                    "service and the model that provides it)",
                )
    for kind in ("broader", "part_of"):
        yield from _cycles(glossary, kind)


def _cycles(glossary: Glossary, kind: str) -> Iterator[Finding]:
    """A concept that is, through ``kind`` links, above itself (reported once per cycle)."""
    label = {"broader": "broader", "part_of": "part-of"}[kind]
    done: set[str] = set()
    for start in glossary.concepts:
        path: list[str] = []
        on_path: set[str] = set()
        stack = [(start, iter(getattr(glossary.concepts[start], kind)))]
        if start in done:
            continue
        path.append(start)
        on_path.add(start)
        while stack:
            node, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                stack.pop()
                done.add(node)
                on_path.discard(node)
                path.pop()
                continue
            if target in on_path:
                cycle = path[path.index(target) :] + [target]
                first = glossary.concepts[target]
                yield Finding(
                    first.origin,
                    Severity.ERROR,
                    f"{target}: a {label} cycle: {' -> '.join(cycle)}",
                )
                continue
            if target in done or target not in glossary.concepts:
                continue
            path.append(target)
            on_path.add(target)
            stack.append((target, iter(getattr(glossary.concepts[target], kind))))


# -- sources ---------------------------------------------------------------------------


def citation_findings(glossary: Glossary) -> Iterator[Finding]:
    """A note that cites a source id the list of sources does not have, and a
    source (other than an article the glossary was drawn from) that no note cites."""
    cited: set[str] = set()
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
                cited.add(source_id)
                if source_id not in glossary.sources:
                    yield Finding(
                        origin,
                        Severity.ERROR,
                        f"{concept.id}: a note cites [{source_id}], which is not in sources.toml",
                    )

    for source_id, source in sorted(glossary.sources.items()):
        if source_id not in cited and source.kind != "article":
            yield Finding(
                source.where,
                Severity.WARNING,
                f"source {source_id!r} is cited by no note; cite it or remove it",
            )


# -- export formats ----------------------------------------------------------------------


def format_findings(glossary: Glossary) -> Iterator[Finding]:
    """What an export format cannot carry (each format's ``problems()``)."""
    from .formats import FORMATS

    for fmt in FORMATS:
        yield from fmt.problems(glossary)
