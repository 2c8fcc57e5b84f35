"""The data model: a :class:`Glossary` of :class:`Concept` entries.

This module imports no file format. Readers (``glossary.po`` and friends)
build these objects; writers turn them into files.

One concept is one entry. Per language it has a :class:`LangSection`: the
terms (exactly one of them preferred), a definition and notes.

>>> g = Glossary()
>>> c = g.add(Concept("kpo", subject_field="outsourcing models"))
>>> c.languages["en"] = LangSection(
...     "en",
...     [Term("knowledge process outsourcing"), Term("KPO", Status.ADMITTED, TermType.ACRONYM)],
...     definition="outsourcing of knowledge-intensive work")
>>> g.get("kpo").preferred("en")
'knowledge process outsourcing'
>>> [m.concept.id for m in g.lookup("kpo")]
['kpo']
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "Status",
    "TermType",
    "PartOfSpeech",
    "Gender",
    "Severity",
    "Origin",
    "Term",
    "LangSection",
    "Concept",
    "Glossary",
    "Match",
    "Finding",
    "GlossaryError",
    "Source",
    "citations",
    "group_matches",
    "normalize",
    "is_valid_id",
    "check_section",
    "SOURCE_LANGUAGE",
]

#: The language of the source catalog; every other catalog translates it.
SOURCE_LANGUAGE = "en"


class Status(str, enum.Enum):
    """Administrative status of a term (ISO 12620 / TBX-Basic)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"


class TermType(str, enum.Enum):
    """Term type; the values are TBX-Basic's ``termType`` picklist."""

    FULL_FORM = "fullForm"
    ACRONYM = "acronym"
    ABBREVIATION = "abbreviation"
    SHORT_FORM = "shortForm"
    VARIANT = "variant"
    PHRASE = "phrase"


class PartOfSpeech(str, enum.Enum):
    """Part of speech; the values are TBX-Basic's ``partOfSpeech`` picklist."""

    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    OTHER = "other"


class Gender(str, enum.Enum):
    """Grammatical gender; TBX-Basic's ``grammaticalGender`` picklist."""

    MASCULINE = "masculine"
    FEMININE = "feminine"
    NEUTER = "neuter"
    OTHER = "other"


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Origin(NamedTuple):
    """Where a fact was read: a file and a 1-based line number."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(slots=True)
class Term:
    """One designation of a concept in one language.

    >>> Term("KPO", Status.ADMITTED, TermType.ACRONYM)
    Term('KPO', admitted, acronym)
    """

    text: str
    status: Status = Status.PREFERRED
    type: TermType = TermType.FULL_FORM
    part_of_speech: PartOfSpeech = PartOfSpeech.NOUN
    gender: Gender | None = None
    note: str = ""
    origin: Origin | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        return f"Term({self.text!r}, {self.status.value}, {self.type.value})"

    def sort_key(self) -> tuple:
        return (list(Status).index(self.status), self.text)

    @classmethod
    def from_dict(cls, data: dict) -> Term:
        """The term of :meth:`to_dict`'s plain data."""
        return cls(
            data["text"],
            Status(data["status"]),
            TermType(data["type"]),
            PartOfSpeech(data["part_of_speech"]),
            Gender(data["gender"]) if data["gender"] else None,
            data["note"],
        )

    def to_dict(self) -> dict:
        """Plain data (JSON-ready)."""
        return {
            "text": self.text,
            "status": self.status.value,
            "type": self.type.value,
            "part_of_speech": self.part_of_speech.value,
            "gender": self.gender.value if self.gender else None,
            "note": self.note,
        }


@dataclass(slots=True)
class LangSection:
    """What a concept has in one language: terms, a definition, notes."""

    lang: str
    terms: list[Term] = field(default_factory=list)
    definition: str = ""
    notes: list[str] = field(default_factory=list)
    origin: Origin | None = field(default=None, compare=False)

    @property
    def preferred(self) -> Term | None:
        """The first preferred term, or ``None``."""
        return next((t for t in self.terms if t.status is Status.PREFERRED), None)

    @property
    def abbreviation(self) -> Term | None:
        """The abbreviation that stands beside the preferred term: the first
        admitted acronym or abbreviation (terms are kept in canonical order)."""
        return next(
            (
                t
                for t in self.terms
                if t.status is Status.ADMITTED
                and t.type in (TermType.ACRONYM, TermType.ABBREVIATION)
            ),
            None,
        )

    def terms_with(self, status: Status) -> list[Term]:
        return [t for t in self.terms if t.status is status]


@dataclass(slots=True)
class Concept:
    """One concept, with its language-independent facts and its languages.

    ``id`` is snake_case ASCII and a valid XML ID (it becomes the TBX
    ``conceptEntry/@id``). ``broader`` and ``related`` hold ids of other
    concepts.
    """

    id: str
    subject_field: str = ""
    broader: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    languages: dict[str, LangSection] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False)

    def preferred(self, lang: str) -> str | None:
        """The preferred term in ``lang``, or ``None``."""
        section = self.languages.get(lang)
        term = section.preferred if section else None
        return term.text if term else None

    def definition(self, lang: str) -> str | None:
        section = self.languages.get(lang)
        return section.definition if section else None

    def terms(self, lang: str | None = None) -> list[Term]:
        """All terms, of one language or of all (by language code)."""
        langs = [lang] if lang else sorted(self.languages)
        return [t for code in langs if code in self.languages for t in self.languages[code].terms]

    def to_dict(self, languages: Iterable[str] | None = None) -> dict:
        """Plain data (JSON-ready), optionally for some languages only."""
        codes = [c for c in (languages or sorted(self.languages)) if c in self.languages]
        return {
            "id": self.id,
            "subject_field": self.subject_field,
            "broader": list(self.broader),
            "related": list(self.related),
            "notes": list(self.notes),
            "languages": {
                code: {
                    "preferred": self.preferred(code),
                    "definition": self.languages[code].definition,
                    "notes": list(self.languages[code].notes),
                    "terms": [t.to_dict() for t in self.languages[code].terms],
                }
                for code in codes
            },
        }

    def describe(self, languages: Iterable[str] | None = None) -> str:
        """The concept as readable text, in ``languages`` (default: all).

        >>> c = Concept("kpo", "outsourcing models", languages={"en": LangSection(
        ...     "en", [Term("knowledge process outsourcing"),
        ...            Term("KPO", Status.ADMITTED, TermType.ACRONYM)], "outsourcing of …")})
        >>> print(c)
        kpo  [outsourcing models]
        en: knowledge process outsourcing
            outsourcing of …
            admitted acronym: KPO
        """
        lines = [self.id + (f"  [{self.subject_field}]" if self.subject_field else "")]
        for code in languages if languages is not None else sorted(self.languages):
            section = self.languages.get(code)
            if section is None:
                lines.append(f"{code}: (not translated)")
                continue
            preferred = section.preferred
            lines.append(f"{code}: {preferred.text if preferred else '(no preferred term)'}")
            if section.definition:
                lines.append(f"    {section.definition}")
            for term in section.terms:
                if term is not preferred:
                    kind = "" if term.type is TermType.FULL_FORM else f" {term.type.value}"
                    lines.append(f"    {term.status.value}{kind}: {term.text}")
        for kind in ("broader", "related"):
            ids = getattr(self, kind)
            if ids:
                lines.append(f"{kind}: {', '.join(ids)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()


@dataclass(slots=True)
class Source:
    """A source that notes cite as ``[id]``: an article, a standard, a dictionary…

    >>> Source("art-003", "The basic elements that differentiate BPO from KPO", "en").citation
    '[art-003]'
    """

    id: str
    title: str
    language: str = ""
    kind: str = ""
    origin: str = ""
    file: str = ""
    where: Origin | None = field(default=None, compare=False)

    @property
    def citation(self) -> str:
        return f"[{self.id}]"

    def to_dict(self) -> dict:
        """Plain data (JSON-ready)."""
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "kind": self.kind,
            "origin": self.origin,
            "file": self.file,
        }


#: A citation of a source in a note: ``[art-003]``, ``[iso-704]``.
CITATION = re.compile(r"\[([a-z0-9][a-z0-9.-]*[a-z0-9])\]")


def citations(text: str) -> list[str]:
    """The source ids that ``text`` cites.

    >>> citations("According to article [art-004], growth is expected [iate].")
    ['art-004', 'iate']
    """
    return CITATION.findall(text)


class Finding(NamedTuple):
    """A problem found in the data, printed as ``path:line: severity: message``."""

    origin: Origin | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.severity.value}: {self.message}"


class GlossaryError(Exception):
    """Bad input a user can cause. ``str()`` gives ``path:line: message`` lines."""

    def __init__(self, findings: Iterable[Finding] | str) -> None:
        if isinstance(findings, str):
            findings = [Finding(None, Severity.ERROR, findings)]
        self.findings = list(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


class Match(NamedTuple):
    """One answer of :meth:`Glossary.lookup`."""

    concept: Concept
    term: Term
    lang: str

    @property
    def status(self) -> Status:
        return self.term.status

    @property
    def use_instead(self) -> str | None:
        """For a deprecated term, the preferred term of its language."""
        if self.term.status is not Status.DEPRECATED:
            return None
        return self.concept.preferred(self.lang)


def group_matches(matches: Iterable[Match]) -> list[tuple[Concept, list[Match]]]:
    """The matches of a lookup by concept, in the order each concept first appears.

    >>> kpo = Concept("kpo", languages={"en": LangSection("en", [Term("KPO")]),
    ...                                  "pl": LangSection("pl", [Term("KPO")])})
    >>> [(c.id, [m.lang for m in found]) for c, found in group_matches(
    ...     [Match(kpo, kpo.languages["en"].terms[0], "en"),
    ...      Match(kpo, kpo.languages["pl"].terms[0], "pl")])]
    [('kpo', ['en', 'pl'])]
    """
    groups: dict[str, tuple[Concept, list[Match]]] = {}
    for match in matches:
        groups.setdefault(match.concept.id, (match.concept, []))[1].append(match)
    return list(groups.values())


_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")


def is_valid_id(concept_id: str) -> bool:
    """True for snake_case ASCII ids, which are also valid XML IDs.

    >>> is_valid_id("knowledge_process_outsourcing"), is_valid_id("1st"), is_valid_id("a-b")
    (True, False, False)
    """
    return bool(_ID.match(concept_id))


# Letters that Unicode does not decompose but a user types without the stroke.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)
_DASHES = re.compile(r"[\s\-\u2010-\u2015\u2212_/]+")


def normalize(text: str) -> str:
    """Fold a term for matching: case, diacritics, Unicode form, spaces, hyphens.

    >>> normalize("  Outsourcing  procesów-wiedzy ")
    'outsourcing procesow wiedzy'
    >>> normalize("Łódź") == normalize("lodz")
    True
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _DASHES.sub(" ", text.casefold()).strip()


class Glossary:
    """A set of concepts, keyed by id, in any number of languages.

    ``metadata`` keeps per-language catalog metadata that a reader found and
    a writer should keep (for PO: header fields such as ``Last-Translator``).
    """

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self.concepts: dict[str, Concept] = {}
        self.metadata: dict[str, dict[str, str]] = {}
        #: the sources that notes cite, by id (see :class:`Source`)
        self.sources: dict[str, Source] = {}
        self._index: dict[str, list[Match]] | None = None
        self._exact: dict[str, str] = {}  # a term's text as stored -> its index key
        for concept in concepts:
            self.add(concept)

    def add(self, concept: Concept) -> Concept:
        self.concepts[concept.id] = concept
        self._index = None
        return concept

    def invalidate(self) -> None:
        """Forget the lookup index (call after changing concepts in place)."""
        self._index = None

    def __iter__(self) -> Iterator[Concept]:
        return (self.concepts[k] for k in sorted(self.concepts))

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and self.concepts == other.concepts

    def __repr__(self) -> str:
        return f"<Glossary: {len(self)} concepts in {', '.join(self.languages) or 'no language'}>"

    @property
    def languages(self) -> list[str]:
        """Every language code used, the source language first, then sorted.

        Computed from every concept on each access: keep it in a variable
        rather than asking for it inside a loop over the concepts.
        """
        codes = {code for c in self.concepts.values() for code in c.languages}
        codes |= set(self.metadata)
        return sorted(codes, key=lambda code: (code != SOURCE_LANGUAGE, code))

    def get(self, concept_id: str, default: Concept | None = None) -> Concept | None:
        """The concept with this id, or ``default``; never raises.

        >>> Glossary().get("nope") is None
        True
        """
        return self.concepts.get(concept_id, default)

    # -- lookup -------------------------------------------------------------

    def _build_index(self) -> dict[str, list[Match]]:
        index: dict[str, list[Match]] = {}
        exact: dict[str, str] = {}
        self._exact = exact
        languages = self.languages
        for concept in self:
            for code in languages:
                if code not in concept.languages:
                    continue
                for term in concept.languages[code].terms:
                    key = normalize(term.text)
                    index.setdefault(key, []).append(Match(concept, term, code))
                    exact[term.text] = key
        return index

    def lookup(self, text: str, lang: str | None = None) -> list[Match]:
        """Every concept that has ``text`` as a term, in any language.

        Matching ignores case, diacritics, Unicode normalisation form, extra
        spaces and hyphen/space variants. ``lang`` restricts the languages
        searched. Several matches come back for an ambiguous text. Nothing
        found raises :class:`LookupError` naming ``text``, with suggestions in
        its ``suggestions`` attribute.
        """
        index = self._index
        if index is None:
            index = self._index = self._build_index()
        key = self._exact.get(text)
        if key is None:
            key = normalize(text)
        exact = text if text in self._exact else unicodedata.normalize("NFC", text.strip())
        best: dict[tuple[str, str], Match] = {}
        for m in index.get(key, ()):
            if lang is not None and m.lang != lang:
                continue
            # one match per concept and language: the exactly typed term, else the best status
            rank = (m.term.text != exact, m.term.sort_key())
            held = best.get((m.concept.id, m.lang))
            if held is None or rank < (held.term.text != exact, held.term.sort_key()):
                best[(m.concept.id, m.lang)] = m
        if best:
            return list(best.values())
        error = LookupError(
            f"no term {text!r} in the glossary" + (f" for language {lang!r}" if lang else "")
        )
        error.suggestions = self.suggest(text, lang)  # type: ignore[attr-defined]
        if error.suggestions:  # type: ignore[attr-defined]
            error.args = (error.args[0] + "; did you mean: " + ", ".join(error.suggestions) + "?",)  # type: ignore[attr-defined]
        raise error

    def suggest(self, text: str, lang: str | None = None, n: int = 5) -> list[str]:
        """The terms closest to ``text``, best first (``rapidfuzz``, else ``difflib``).

        >>> g = Glossary([Concept("x", languages={"en": LangSection("en", [Term("offshore")])})])
        >>> g.suggest("ofshore")
        ['offshore']
        """
        index = self._index if self._index is not None else self._build_index()
        shown: dict[str, str] = {}
        for key, matches in index.items():
            for m in matches:
                if lang is None or m.lang == lang:
                    shown.setdefault(key, m.term.text)
        query = normalize(text)
        try:
            from rapidfuzz import fuzz, process
        except ImportError:
            close = difflib.get_close_matches(query, list(shown), n=n, cutoff=0.6)
        else:
            close = [
                key
                for key, score, _ in process.extract(
                    query, list(shown), scorer=fuzz.ratio, limit=n, score_cutoff=60
                )
            ]
        return [shown[k] for k in close]

    # -- validation -----------------------------------------------------------

    def check(self, sections: bool = True) -> Iterator[Finding]:
        """Yield every problem of the model itself (not of a file format).

        ``sections=False`` leaves out what :func:`check_section` finds in each
        language section on its own (for a caller that checked them already).
        """
        languages = self.languages
        for concept in self:
            yield from _check_concept(self, concept, languages, sections)
        for cycle in broader_cycles(self):
            first = self.concepts[cycle[0]]
            yield Finding(
                first.origin,
                Severity.ERROR,
                f"{first.id}: the broader relations form a cycle "
                f"({' -> '.join(cycle + [cycle[0]])}); a concept cannot be "
                "broader than itself",
            )


def broader_cycles(glossary: Glossary) -> list[list[str]]:
    """One cycle of ``broader`` relations per group of concepts caught in one
    (a strongly connected component), starting at its smallest id.

    >>> g = Glossary([Concept("a", broader=["b"]), Concept("b", broader=["c"]),
    ...               Concept("c", broader=["a"]), Concept("d", broader=["a"])])
    >>> broader_cycles(g)
    [['a', 'b', 'c']]
    """
    edges = {
        c.id: [t for t in dict.fromkeys(c.broader) if t in glossary.concepts and t != c.id]
        for c in glossary
    }
    # Tarjan's algorithm, without recursion
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if i < len(edges[node]):
                work.append((node, i + 1))
                target = edges[node][i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
    cycles = []
    for component in components:
        members = set(component)
        start = min(component)
        # the shortest way from start back to itself inside its component
        came: dict[str, str] = {}
        queue = [start]
        for node in queue:
            for target in edges[node]:
                if target in members and target not in came:
                    came[target] = node
                    queue.append(target)
            if start in came:
                break
        path = [came[start]]
        while path[-1] != start:
            path.append(came[path[-1]])
        cycles.append(list(reversed(path)))
    return sorted(cycles)


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


def _check_concept(
    glossary: Glossary, concept: Concept, languages: list[str], sections: bool = True
) -> Iterator[Finding]:
    def err(message: str, origin: Origin | None = None) -> Finding:
        return Finding(origin or concept.origin, Severity.ERROR, message)

    if not is_valid_id(concept.id):
        yield err(f"concept id {concept.id!r} is not snake_case ASCII (a valid XML ID)")
    for label, text in [("subject field", concept.subject_field)] + [
        ("concept note", note) for note in concept.notes
    ]:
        for problem in text_problems(text):
            yield err(f"{concept.id}: {label}: {problem}")
    for kind, targets in (("broader", concept.broader), ("related", concept.related)):
        for target in targets:
            if target not in glossary.concepts:
                yield err(f"{concept.id}: {kind} concept {target!r} does not exist")
            elif target == concept.id:
                yield err(f"{concept.id}: a concept cannot be {kind} to itself")
    for target in concept.related:
        other = glossary.get(target)
        if other is not None and (target in concept.broader or concept.id in other.broader):
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
        elif sections:
            yield from check_section(concept, code, section)


def check_section(concept: Concept, code: str, section: LangSection) -> Iterator[Finding]:
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
