"""Check a translation against the glossary: ``glossary lint FILE.po --lang L``.

``FILE.po`` is any gettext catalog translated from English into ``L`` (an
application's user interface, documentation...). For each translated entry
(not fuzzy, not obsolete) whose English text (``msgid``, and
``msgid_plural``) contains an English term of a concept (preferred or
admitted), the translation (``msgstr``, every plural form) is checked against
that concept's terms in ``L``:

* a deprecated ``L`` term of the concept in the translation is an **error**:
  ``FILE:line: error: deprecated term 'X' for 'english term'; use 'Y'``;
* when no preferred or admitted ``L`` term of the concept is found, a
  **warning**: ``FILE:line: warning: 'english term' should be translated as 'Y'``.

The line is the entry's ``msgstr`` line.

Matching
========

Both texts are compared word by word after :func:`glossary.model.normalize`
(case, diacritics, hyphens and spaces do not matter): a term matches where its
words appear one after the other in the text.

* In the English text every word must be equal, except that the last one may
  carry a plural ending (``-s``, ``-es``, ``-y`` -> ``-ies``). When several
  terms overlap (``business process outsourcing`` contains ``business
  process``), the longest wins.
* In the translation, to allow for inflection (Bulgarian, Polish, German), a
  word of the text matches a word of the term when they are equal, or when
  the term's word has at least 4 letters and the two share a beginning from
  which the term's word has at most max(1, min(3, n // 4)) letters left
  (n = its length) and the text's word at most 3: *procesów* matches
  *procesu*, *Geschäftsprozess* matches *Geschäftsprozesse*, *услуга* matches
  *услугите*; *Prozess* does not match *Prozent*, nor *proces* *procedura*.
* Acronyms and abbreviations (``BPO``, ``IT``) match only with the same
  letter case and, in the translation, only as a whole word, so that ``IT``
  is not found in *it*.
* When a deprecated term and a preferred or admitted term match the same
  words, the one with more exactly equal words wins, and on a tie the
  preferred or admitted term: inflection alone never makes an error. This
  holds for the terms of every concept the English text names, so that a
  term deprecated for one concept but preferred for another one named in the
  same text (German *Buchhaltung*: deprecated for *accounting*, preferred for
  *bookkeeping*) is not an error there.

Limits: word order must be the term's; a term inside a compound (*Prozess*
in *Geschäftsprozesskosten*) or a stem change beyond these endings (Polish
*rynek* / *rynku*, *badanie* / *badań*) is not recognised, which gives a
warning, never an error; the English term's part of speech is not known
("process the file" is matched by the noun *process*). Warnings are a
reviewer's prompt, not a verdict; ``--strict`` makes them fail.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import polib

from .formats import po
from .model import (
    SOURCE_LANGUAGE,
    Finding,
    Glossary,
    GlossaryError,
    Origin,
    Severity,
    Status,
    Term,
    TermType,
    normalize,
)

__all__ = ["lint", "LintResult", "read_translation", "resolve_language", "word_matches", "term_in"]

_WORD = re.compile(r"[^\W_]+")
_CASE_SENSITIVE_TYPES = (TermType.ACRONYM, TermType.ABBREVIATION)


def _case_sensitive(term: Term) -> bool:
    return term.type in _CASE_SENSITIVE_TYPES or (term.text.isupper() and len(term.text) > 1)


def _words(text: str, case_sensitive: bool = False) -> list[str]:
    """The words of a text for matching."""
    if case_sensitive:
        return _WORD.findall(text)
    return _WORD.findall(normalize(text))


def word_matches(term_word: str, word: str) -> int | None:
    """How a (normalised) word of the translation matches a word of a term:
    2 when equal, 1 when only the endings differ (see the module docstring),
    ``None`` when it does not match.

    >>> word_matches("procesow", "procesu"), word_matches("prozess", "prozesse")
    (1, 1)
    >>> word_matches("prozess", "prozent") is None, word_matches("na", "nad") is None
    (True, True)
    """
    if term_word == word:
        return 2
    n = len(term_word)
    if n < 4:
        return None
    shared = len(os.path.commonprefix([term_word, word]))
    if n - shared <= max(1, min(3, n // 4)) and len(word) - shared <= 3 and shared >= 3:
        return 1
    return None


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    score: tuple[int, int]  # (words exactly equal, words)
    part: int = 0  # which text (plural form) of the entry

    def overlaps(self, other: _Hit) -> bool:
        return self.part == other.part and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class _EnglishTerm:
    concept_id: str
    term: Term
    pattern: tuple[str, ...]
    sensitive: bool
    first: frozenset[str]  # the forms the first word may take


def _english_terms(glossary: Glossary) -> list[_EnglishTerm]:
    """Every preferred and admitted English term, ready for matching."""
    result = []
    for concept in glossary:
        section = concept.languages.get(SOURCE_LANGUAGE)
        for term in section.terms if section else []:
            if term.status is Status.DEPRECATED:
                continue
            sensitive = _case_sensitive(term)
            pattern = tuple(_words(term.text, sensitive))
            if not pattern:
                continue
            first = {pattern[0]}
            if len(pattern) == 1:
                first |= _plurals(pattern[0], sensitive)
            result.append(_EnglishTerm(concept.id, term, pattern, sensitive, frozenset(first)))
    return result


def _plurals(word: str, sensitive: bool) -> set[str]:
    forms = {word + "s"}
    if not sensitive:
        forms.add(word + "es")
        if word.endswith("y"):
            forms.add(word[:-1] + "ies")
    return forms


def _english_hits(term: _EnglishTerm, words: list[str], raw_words: list[str]) -> list[_Hit]:
    """Where an English term occurs in the English text (plural allowed on its last word)."""
    index = _EnglishIndex([term])
    return [hit for hit, _ in index.hits(words, raw_words)]


class _EnglishIndex:
    """The English terms as a trie of words (an automaton read once over the text).

    Each term is a path of its words, its last word also in its plural forms;
    case-sensitive terms (acronyms) live in a trie of their own, walked over
    the words as written. At each word of the text the trie is followed as far
    as the text allows, so an entry costs its number of words times the
    longest term, however many terms or occurrences it holds.
    """

    def __init__(self, terms: list[_EnglishTerm]) -> None:
        self.tries: tuple[dict, dict] = ({}, {})  # (normalised words, words as written)
        for order, term in enumerate(terms):
            *head, last = term.pattern
            for form in [last, *sorted(_plurals(last, term.sensitive))]:
                node = self.tries[term.sensitive]
                for word in [*head, form]:
                    node = node.setdefault(word, {})
                ends = node.setdefault(None, [])
                if not any(t is term for _, t in ends):
                    ends.append((order, term))

    def hits(self, words: list[str], raw_words: list[str]) -> list[tuple[_Hit, _EnglishTerm]]:
        """Every occurrence of every term, ordered by term, then position."""
        found: list[tuple[int, int, _Hit, _EnglishTerm]] = []
        for trie, text in zip(self.tries, (words, raw_words), strict=True):
            if not trie:
                continue
            for i in range(len(text)):
                node: dict | None = trie
                for j in range(i, len(text)):
                    node = node.get(text[j]) if node is not None else None
                    if node is None:
                        break
                    for order, term in node.get(None, ()):
                        found.append((order, i, _Hit(i, j + 1, (j + 1 - i, j + 1 - i)), term))
        found.sort(key=lambda f: (f[0], f[1]))
        return [(hit, term) for _, _, hit, term in found]


def term_in(term: Term, text: str) -> list[tuple[int, int, tuple[int, int]]]:
    """Where a term of the translation's language occurs in ``text``:
    (first word, last word + 1, score), with inflection allowed.

    >>> from glossary.model import Term
    >>> term_in(Term("outsourcing procesów wiedzy"), "Outsourcingu procesów wiedzy nie ma.")
    [(0, 3, (2, 3))]
    """
    return [(h.start, h.end, h.score) for h in _target_hits(term, text)]


def _stem(word: str) -> str:
    """The beginning that a word of the text must share with ``word`` of a term
    to match it (see :func:`word_matches`): the whole word under 4 letters."""
    n = len(word)
    return word if n < 4 else word[: n - max(1, min(3, n // 4))]


class _TargetText:
    """One translated text, its words indexed by the beginnings the terms need,
    so that a term is tried only where its first word can match."""

    def __init__(self, text: str) -> None:
        self.words = (_words(text), _words(text, True))
        self.index: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})

    def starts(self, first: str, sensitive: bool) -> list[int]:
        """Positions of the words that may match ``first`` (ascending)."""
        key = first if sensitive else _stem(first)
        index = self.index[sensitive]
        if key not in index:
            words = self.words[sensitive]
            if sensitive:
                index[key] = [i for i, w in enumerate(words) if w == key]
            else:
                size = len(key)
                index[key] = [i for i, w in enumerate(words) if w[:size] == key]
        return index[key]


def _target_hits(term: Term, text: str | _TargetText, part: int = 0) -> list[_Hit]:
    target = text if isinstance(text, _TargetText) else _TargetText(text)
    sensitive = _case_sensitive(term)
    pattern = _words(term.text, sensitive)
    words = target.words[sensitive]
    n = len(pattern)
    hits: list[_Hit] = []
    if not n:
        return hits
    for i in target.starts(pattern[0], sensitive):
        if i + n > len(words):
            break
        exact = 0
        for t, w in zip(pattern, words[i : i + n], strict=False):
            quality = 2 if t == w else (None if sensitive else word_matches(t, w))
            if quality is None:
                break
            exact += quality == 2
        else:
            hits.append(_Hit(i, i + n, (exact, n), part))
    return hits


def read_translation(path: str | os.PathLike[str]) -> tuple[polib.POFile, list[str]]:
    """Parse any PO file (syntax checked as strictly as the catalogs, but
    without the glossary's own rules); GlossaryError with file and line."""
    where = str(path)
    text = po._read_text(Path(path))
    lines = text.splitlines()
    findings = po._lex(lines, where)
    if findings:
        raise GlossaryError(findings)
    try:
        catalog = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise GlossaryError(
            [
                Finding(
                    Origin(where, int(m.group(1)) if m else 0),
                    Severity.ERROR,
                    f"PO syntax error: {exc}",
                )
            ]
        ) from None
    return catalog, lines


def resolve_language(glossary: Glossary, lang: str) -> str:
    """The glossary language to check ``lang`` against (``de_DE`` -> ``de``).

    >>> from glossary.model import Glossary
    >>> g = Glossary(); g.metadata.update({"en": {}, "de": {}})
    >>> resolve_language(g, "de-DE")
    'de'
    """
    languages = glossary.languages
    if lang in languages:
        return lang
    candidates = [lang.replace("-", "_")]
    try:
        from .layout import normalize_locale

        candidates.append(normalize_locale(lang))
    except ValueError:
        pass
    candidates += [c.split("_")[0] for c in list(candidates)]
    for code in candidates:
        if code in languages:
            return code
    raise GlossaryError(f"the glossary has no language {lang!r}; it has {', '.join(languages)}")


def _msgstr_line(entry: polib.POEntry, lines: list[str]) -> int:
    start = max((entry.linenum or 1) - 1, 0)
    for number in range(start, len(lines)):
        if lines[number].lstrip().startswith("msgstr"):
            return number + 1
    return entry.linenum or 0


def _concepts_in(
    terms: list[_EnglishTerm] | _EnglishIndex, english: list[str]
) -> list[tuple[str, Term]]:
    """(concept id, English term found) in the English texts, longest match first
    where matches overlap, in text order."""
    index = terms if isinstance(terms, _EnglishIndex) else _EnglishIndex(terms)
    found: list[tuple[int, int, int, str, Term]] = []
    for part, text in enumerate(english):
        words, raw = _words(text), _words(text, True)
        hits = index.hits(words, raw)
        hits.sort(key=lambda h: (-(h[0].end - h[0].start), h[0].start))
        taken = bytearray(max(len(words), len(raw)))  # the words a kept match covers
        for hit, t in hits:
            if any(taken[hit.start : hit.end]):
                continue
            taken[hit.start : hit.end] = b"\1" * (hit.end - hit.start)
            found.append((part, hit.start, len(found), t.concept_id, t.term))
    found.sort(key=lambda f: f[:3])
    result: list[tuple[str, Term]] = []
    seen: set[str] = set()
    for _, _, _, concept_id, term in found:
        if concept_id not in seen:
            seen.add(concept_id)
            result.append((concept_id, term))
    return result


def _check_entry(
    glossary: Glossary,
    terms: list[_EnglishTerm] | _EnglishIndex,
    lang: str,
    english: list[str],
    targets: list[str],
    origin: Origin,
) -> list[Finding]:
    checks = []
    texts = [_TargetText(text) for text in targets]
    # per text and word, the best score of a preferred or admitted term covering it
    best: list[list[tuple[int, int] | None]] = [
        [None] * max(len(t.words[0]), len(t.words[1])) for t in texts
    ]
    for concept_id, en_term in _concepts_in(terms, english):
        section = glossary.get(concept_id).languages.get(lang)
        if section is None or section.preferred is None:
            continue  # the concept is not translated into this language
        good: list[_Hit] = []
        bad: list[tuple[Term, _Hit]] = []
        for term in section.terms:
            for part, text in enumerate(texts):
                for hit in _target_hits(term, text, part):
                    if term.status is Status.DEPRECATED:
                        bad.append((term, hit))
                        continue
                    good.append(hit)
                    covered = best[part]
                    for i in range(hit.start, hit.end):
                        held = covered[i]
                        if held is None or held < hit.score:
                            covered[i] = hit.score
        checks.append((en_term, section, good, bad))
    findings: list[Finding] = []
    for en_term, section, good, bad in checks:
        preferred = section.preferred.text
        reported: set[str] = set()
        for term, hit in bad:
            if term.text in reported:
                continue
            # a preferred or admitted term (of this concept, or of another one
            # the English text names) fits these words at least as well
            covered = best[hit.part][hit.start : hit.end]
            if any(score is not None and score >= hit.score for score in covered):
                continue
            reported.add(term.text)
            findings.append(
                Finding(
                    origin,
                    Severity.ERROR,
                    f"deprecated term '{term.text}' for '{en_term.text}'; use '{preferred}'",
                )
            )
        if not good and not reported:
            others = [t.text for t in section.terms_with(Status.ADMITTED)]
            findings.append(
                Finding(
                    origin,
                    Severity.WARNING,
                    f"'{en_term.text}' should be translated as '{preferred}'"
                    + (f" (or: {', '.join(repr(o) for o in others)})" if others else ""),
                )
            )
    return findings


class LintResult(NamedTuple):
    """What :func:`lint` found: the findings in file order, the number of
    translated entries checked, and the glossary language used."""

    findings: list[Finding]
    checked: int
    lang: str


def lint(path: str | os.PathLike[str], glossary: Glossary, lang: str) -> LintResult:
    """Check the translation in ``path`` (a PO file) against ``glossary`` in ``lang``
    (``de_DE`` is checked against ``de``, see :func:`resolve_language`).

    Raises :class:`GlossaryError` when the file cannot be read or
    parsed, or ``lang`` is not a language of the glossary.
    """
    lang = resolve_language(glossary, lang)
    catalog, lines = read_translation(path)
    terms = _EnglishIndex(_english_terms(glossary))
    findings: list[Finding] = []
    checked = 0
    for entry in catalog:
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        targets = (
            [entry.msgstr]
            if not entry.msgid_plural
            else [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        )
        targets = [t for t in targets if t]
        if not targets:
            continue
        checked += 1
        english = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        origin = Origin(str(path), _msgstr_line(entry, lines))
        findings += _check_entry(glossary, terms, lang, english, targets, origin)
    return LintResult(findings, checked, lang)
