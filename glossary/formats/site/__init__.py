"""The static site ``exports/site/``: one searchable page of every concept.

Files written (no network access is needed to view them; the page works
opened from disk through ``file://`` as well as from any static web host)::

    index.html   the page (rendered from ``site_templates/index.html.j2``; the
                 language columns and the relation links in it are made in
                 Python, by :class:`_Column` and :func:`_view`)
    style.css    the style sheet (copied from ``site_templates/``)
    site.js      the search and the language picker (copied from ``site_templates/``)

Mapping from the model, for each concept (``for concept in glossary``):

============================  ===================================================
on the page                   model field
============================  ===================================================
``<article id="ID">``         :attr:`Concept.id` (the permalink ``index.html#ID``)
``<h2>``                      the preferred term of the source language (else of
                              the first language that has one, else the id)
subject field                 :attr:`Concept.subject_field`
relation links, by kind       "Is a kind of" :attr:`Concept.broader` (generic),
                              "Is a part of" :attr:`Concept.part_of` (partitive),
                              "Related" :attr:`Concept.related` (associative)
                              (``href="#ID"``, named by the target's ``<h2>`` text)
"Kinds" / "Parts" links       the concepts whose ``broader`` / ``part_of`` names this one
sources section               :attr:`Glossary.sources`: ``[id]``, title, kind, origin
concept notes                 :attr:`Concept.notes`
one column per language       ``glossary.languages`` (source first); a concept
                              without that language says it is not translated yet
terms                         :attr:`LangSection.terms` in stored order, the
                              preferred one(s) above the definition, the others
                              below it; each with its status,
                              :attr:`Term.type` (unless ``fullForm``),
                              :attr:`Term.part_of_speech` (unless ``noun``),
                              :attr:`Term.gender` and :attr:`Term.note` (shown
                              as text); a deprecated term is struck through (``<s>``)
definition, notes             :attr:`LangSection.definition`, :attr:`LangSection.notes`
============================  ===================================================

Every text of a language carries ``lang`` with the BCP 47 form of its code
(``pt_BR`` -> ``pt-BR``); the page chrome is English, and language names come
from Babel (the code itself for a locale Babel does not know). Every text is
escaped (markupsafe's ``escape``): by Jinja2's autoescaping in the template,
and where ``site.py`` writes the HTML itself.

In the browser, ``site.js`` shows the search box and a checkbox per language
(which columns to show; the choice is kept in ``localStorage``); a link to a
concept that the search hides clears the search. ``index.html?q=TEXT`` opens
with a search. Without JavaScript the page shows every concept.

The search data is JSON inside ``<script type="application/json"
id="site-data">``: per concept, ``[key, language, term, status]`` for every
term, where ``key`` is :func:`search_key` of the term. The browser folds the
query the same way (``normalize`` in ``site.js``) and shows the concepts with a
key containing it: an exact key first, then a key starting with it, then a
word starting with it, then anywhere. ``<``, ``>`` and ``&`` inside the JSON
are written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so no term can close the
script element.

The output is the same bytes for the same glossary: data in glossary order,
JSON with sorted keys, no dates.

The page and its search data are made one concept at a time, in time linear
in the size of the glossary: the template reads its data by key (no
attribute lookup to fail first), calls no macro and gets the language
columns as HTML, and the search data normalizes each distinct word of the
terms once (:func:`_search_key_function`, the same keys as :func:`search_key`).

>>> from glossary.model import Concept, LangSection, Term
>>> g = Glossary([Concept("kpo", languages={"pl": LangSection(
...     "pl", [Term("outsourcing procesów wiedzy")], "definicja")})])
>>> search_data(g)["concepts"][0]["terms"]
[['outsourcing procesow wiedzy', 'pl', 'outsourcing procesów wiedzy', 'preferred']]
"""

from __future__ import annotations

import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from ..._fs import atomic_writer
from ...model import (
    SOURCE_LANGUAGE,
    Concept,
    Finding,
    Gender,
    Glossary,
    LangSection,
    PartOfSpeech,
    Status,
    TermType,
    normalize,
)

__all__ = [
    "write_site",
    "page_html",
    "search_data",
    "search_key",
    "script_json",
    "bcp47",
    "language_names",
    "TITLE",
    "TEMPLATES",
    "STATIC_FILES",
]

#: The page's title and ``<h1>``.
TITLE = "BPO/KPO glossary"
#: Where the page template, the style sheet and the script are.
TEMPLATES = Path(__file__).parent / "templates"
#: Files copied as they are next to ``index.html``.
STATIC_FILES = ("style.css", "site.js")


def search_key(text: str) -> str:
    """The folded form of a term that the page's search compares with the query.

    It is :func:`glossary.model.normalize`, with every mark that remains also
    removed (Unicode category ``M``, the browser's ``\\p{M}``), so that the
    page's JavaScript, which can only test categories, folds a query to
    exactly the same key.

    >>> search_key("Outsourcing-Procesów  Wiedzy")
    'outsourcing procesow wiedzy'
    >>> search_key("Łódź") == search_key("LODZ") == "lodz"
    True
    >>> search_key("Straße")
    'strasse'
    >>> search_key("नमस्ते") == "नमसत"  # normalize keeps the vowel sign (no combining class)
    True
    """
    return _without_marks(normalize(text))


# The characters _without_marks has found not to be marks: a key made of them
# only is returned as it is, without looking at each character again.
_NOT_MARKS: set[str] = set()


def _without_marks(key: str) -> str:
    """``key`` without its characters of Unicode category ``M``."""
    if key.isascii():
        return key
    unseen = set(key).difference(_NOT_MARKS)
    if not unseen:
        return key
    marks = {ch for ch in unseen if unicodedata.category(ch).startswith("M")}
    _NOT_MARKS.update(unseen - marks)
    if not marks:
        return key
    return "".join(ch for ch in key if ch not in marks)


def _search_key_function() -> Callable[[str], str]:
    """:func:`search_key`, for a glossary's worth of terms: each word folded once.

    :func:`glossary.model.normalize` works on each character alone (folding,
    decomposing, dropping combining marks, case folding; the reordering of
    the decomposition only moves combining marks, which it drops), then turns
    each run of spaces and dashes into one space and strips both ends. So the
    key of a text is its words between spaces, each normalized, the empty ones
    left out, joined by spaces, then without marks; a word that many terms
    share is normalized once.

    >>> key = _search_key_function()
    >>> texts = ["Łódź  -Straße", " \\u0301a - b\\u00a0", "क ा ख", "ΣΊΣΥΦΟΣ İ", "x"]
    >>> [key(t) for t in texts] == [search_key(t) for t in texts]
    True
    """
    words: dict[str, str] = {}

    def key(text: str) -> str:
        if text.isascii():
            return normalize(text)  # ASCII, no mark left to remove
        folded = []
        for word in text.split(" "):
            fold = words.get(word)
            if fold is None:
                fold = words[word] = normalize(word)
            if fold:
                folded.append(fold)
        return _without_marks(" ".join(folded))

    return key


def bcp47(code: str) -> str:
    """The ``lang`` attribute value of a gettext language code.

    >>> bcp47("pt_BR"), bcp47("sr_Latn"), bcp47("bg")
    ('pt-BR', 'sr-Latn', 'bg')
    """
    return code.replace("_", "-").replace("@", "-")


def language_names(code: str) -> tuple[str, str]:
    """The name of a language in itself and in English; the code when unknown.

    >>> language_names("bg")
    ('Български', 'Bulgarian')
    >>> language_names("xx")
    ('xx', 'xx')
    """
    try:
        locale = Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return code, code
    own = locale.get_display_name() or code
    english = locale.get_display_name("en") or code
    return own[:1].upper() + own[1:], english


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = _JSON.encode(data)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _heading(concept: Concept, languages: list[str]) -> tuple[str, str | None]:
    """The concept's label and the language it is in (``None`` for the id)."""
    for code in [SOURCE_LANGUAGE] + languages:
        text = concept.preferred(code)
        if text:
            return text, code
    return concept.id, None


_STATUS_VALUE = {status: status.value for status in Status}


def _search_entries(glossary: Glossary, languages: list[str]) -> Iterator[dict[str, Any]]:
    """The search data of each concept, one at a time, in glossary order."""
    key = _search_key_function()
    for concept in glossary:
        terms: list[list[str]] = []
        for code in languages:
            section = concept.languages.get(code)
            if section is not None:
                terms += [
                    [key(term.text), code, term.text, _STATUS_VALUE[term.status]]
                    for term in section.terms
                ]
        yield {"id": concept.id, "terms": terms}


def search_data(glossary: Glossary) -> dict[str, Any]:
    """What the page's script searches: the folded key of every term, per concept."""
    languages = glossary.languages
    return {"languages": languages, "concepts": list(_search_entries(glossary, languages))}


def _search_json(glossary: Glossary) -> Iterator[str]:
    """``script_json(search_data(glossary))`` in pieces, made one concept at a time.

    >>> from glossary.model import Concept, LangSection, Term
    >>> g = Glossary([Concept(i, languages={"en": LangSection("en", [Term("<&>")])})
    ...               for i in ("b", "a")])
    >>> "".join(_search_json(g)) == script_json(search_data(g))
    True
    """
    languages = glossary.languages
    yield '{"concepts":['
    separator = ""
    for entry in _search_entries(glossary, languages):
        yield separator + script_json(entry)
        separator = ","
    yield f'],"languages":{script_json(languages)}}}'


# -- the HTML that site.py writes itself: the language columns and the relation
# links. Every text in it goes through markupsafe's escape, as in the template,
# and is put in with f-strings or joins: "str" + Markup would escape the str.

_PREFERRED = Status.PREFERRED
_TEXT_ELEMENT = {Status.PREFERRED: "strong", Status.DEPRECATED: "s"}  # else "span"
_TYPE_HTML = {t: f' <span class="tag type">{escape(t.value)}</span>' for t in TermType}
_TYPE_HTML[TermType.FULL_FORM] = ""
# The characters escape() replaces: a text without any is its own escaped form.
_HTML_SPECIAL = re.compile("[&<>'\"]")


def _grammar_html(part_of_speech: PartOfSpeech, gender: Gender | None) -> str:
    """The grammar of a term: its part of speech (unless noun) and its gender."""
    grammar = ", ".join(
        v
        for v in (
            "" if part_of_speech is PartOfSpeech.NOUN else part_of_speech.value,
            gender.value if gender else "",
        )
        if v
    )
    return f' <span class="grammar">{escape(grammar)}</span>' if grammar else ""


_GRAMMAR_HTML = {(p, g): _grammar_html(p, g) for p in PartOfSpeech for g in (None, *Gender)}


class _Column:
    """The ``<section>`` of one language (and a newline), as it is in each concept.

    What is the same in every concept (the heading, the ``lang`` attributes,
    the markup around a term of each status) is made once. The preferred
    term(s) come above the definition, the others below it.

    >>> column = _Column("pt_BR", "Português")
    >>> print(column.html(None), end="")
    <section class="lang" data-lang="pt_BR">
    <h3><span lang="pt-BR">Português</span> <span class="code">pt_BR</span></h3>
    <p class="untranslated">Not translated yet.</p>
    </section>
    >>> from glossary.model import Term
    >>> print(column.html(LangSection("pt_BR", [Term("a & b", Status.DEPRECATED)])), end="")
    <section class="lang" data-lang="pt_BR">
    <h3><span lang="pt-BR">Português</span> <span class="code">pt_BR</span></h3>
    <ul class="terms others"><li class="term deprecated">
    <s class="text" lang="pt-BR">a &amp; b</s> <span class="tag">deprecated</span>
    </li>
    </ul></section>
    """

    def __init__(self, code: str, own: str) -> None:
        tag = escape(bcp47(code))
        self.head = (
            f'<section class="lang" data-lang="{escape(code)}">\n<h3><span lang="{tag}">'
            f'{escape(own)}</span> <span class="code">{escape(code)}</span></h3>\n'
        )
        self.untranslated = (
            f'{self.head}<p class="untranslated">Not translated yet.</p>\n</section>\n'
        )
        # status -> the <li> up to the term's text, and from after it up to its type
        self.term: dict[Status, tuple[str, str]] = {}
        for status in Status:
            element = _TEXT_ELEMENT.get(status, "span")
            self.term[status] = (
                f'<li class="term {escape(status.value)}">\n<{element} class="text" lang="{tag}">',
                f'</{element}> <span class="tag">{escape(status.value)}</span>',
            )
        self.note = f'<span class="note" lang="{tag}">'
        self.definition = f'<p class="definition" lang="{tag}">'
        self.notes = f'<ul class="notes" lang="{tag}">\n'

    def html(self, section: LangSection | None) -> str:
        """The ``<section>`` of ``section`` (``None``: not translated yet), escaped."""
        if section is None:
            return self.untranslated
        preferred: list[str] = []
        others: list[str] = []
        for term in section.terms:
            text = term.text
            if _HTML_SPECIAL.search(text):
                text = escape(text)
            before, after = self.term[term.status]
            item = (
                f"{before}{text}{after}{_TYPE_HTML[term.type]}"
                f"{_GRAMMAR_HTML[term.part_of_speech, term.gender]}\n"
            )
            if term.note:
                item += f"{self.note}{escape(term.note)}</span>\n"
            (preferred if term.status is _PREFERRED else others).append(item + "</li>\n")
        html = [self.head]
        if preferred:
            html += ['<ul class="terms">', *preferred, "</ul>"]
        if section.definition:
            html += [self.definition, escape(section.definition), "</p>\n"]
        if others:
            html += ['<ul class="terms others">', *others, "</ul>"]
        if section.notes:
            html += [
                self.notes,
                *[f"<li>{escape(note)}</li>\n" for note in section.notes],
                "</ul>\n",
            ]
        html.append("</section>\n")
        return "".join(html)


def _view(glossary: Glossary) -> dict[str, Any]:
    """Everything the template shows, as plain data in output order.

    The template reads it by key (``c["id"]``). ``concepts`` is made one
    concept at a time as the page is written; in each, ``columns`` (the
    ``<section>`` of each language, see :class:`_Column`) and the links of
    ``relations`` are HTML already (:class:`Markup`, every text escaped).
    """
    languages = glossary.languages
    labels = {c.id: _heading(c, languages) for c in glossary}
    narrower: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}
    for concept in glossary:
        for target in concept.broader:
            narrower.setdefault(target, []).append(concept.id)
        for target in concept.part_of:
            parts.setdefault(target, []).append(concept.id)

    anchors: dict[str, str] = {}  # the link to each concept named, made once

    def link(target: str) -> str:
        html = anchors.get(target)
        if html is None:
            if target in glossary.concepts:
                text, code = labels[target]
                lang = f' lang="{escape(bcp47(code))}"' if code else ""
                html = f'<a href="#{escape(target)}"{lang}>{escape(text)}</a>'
            else:
                html = f'<span class="missing">{escape(target)}</span>'
            anchors[target] = html
        return html

    langs = []
    for code in languages:
        own, english = language_names(code)
        langs.append({"code": code, "tag": bcp47(code), "own": own, "english": english})
    columns = [
        (code, _Column(code, lang["own"])) for code, lang in zip(languages, langs, strict=False)
    ]

    def concept_view(concept: Concept) -> dict[str, Any]:
        text, code = labels[concept.id]
        relations = [
            (kind, Markup(", ".join([link(target) for target in ids])))
            for kind, ids in (
                ("Is a kind of", concept.broader),
                ("Kinds", narrower.get(concept.id, [])),
                ("Is a part of", concept.part_of),
                ("Parts", parts.get(concept.id, [])),
                ("Related", concept.related),
            )
            if ids
        ]
        return {
            "id": concept.id,
            "heading": text,
            "heading_lang": bcp47(code) if code else None,
            "subject_field": concept.subject_field,
            "notes": concept.notes,
            "relations": relations,
            "columns": Markup(
                "".join([column.html(concept.languages.get(code)) for code, column in columns])
            ),
        }

    return {
        "languages": langs,
        "count": len(glossary),
        "concepts": (concept_view(concept) for concept in glossary),
        "sources": [glossary.sources[key] for key in sorted(glossary.sources)],
    }


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def page_html(glossary: Glossary) -> str:
    """The text of ``index.html``.

    >>> from glossary.model import Concept, LangSection, Term
    >>> g = Glossary([Concept("x", languages={"en": LangSection("en", [Term("a < b")], "d")})])
    >>> html = page_html(g)
    >>> '<article class="concept" id="x"' in html, "a &lt; b" in html
    (True, True)
    """
    return "".join(_page(glossary))


def _page(glossary: Glossary) -> Iterator[str]:
    """The text of ``index.html`` in pieces, made as they are asked for."""
    view = _view(glossary)
    template = _environment().get_template("index.html.j2")
    pieces = template.generate(
        title=TITLE,
        source_language=bcp47(SOURCE_LANGUAGE),
        languages=view["languages"],
        count=view["count"],
        concepts=view["concepts"],
        sources=view["sources"],
        data=map(Markup, _search_json(glossary)),
    )
    # Each piece is copied to a plain str as it comes, so that the Markup the
    # template yields it in is freed at once: hundreds of thousands of them
    # alive would set the garbage collector walking through every object in
    # memory, the whole glossary, again and again.
    return map(str, pieces)


def write_site(glossary: Glossary, out: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``index.html``, ``style.css`` and ``site.js`` into the folder ``out``.

    The page is written as it is made, into a temporary file that replaces
    ``index.html`` only when complete. Returns the counts
    ``{"concepts": ..., "languages": ..., "files": ...}``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with atomic_writer(out / "index.html", durable=False) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=False)
        text.writelines(_page(glossary))
        text.flush()
        text.detach()  # the binary file stays open for atomic_writer to finish
    for name in STATIC_FILES:
        (out / name).write_bytes((TEMPLATES / name).read_bytes())
    return {
        "concepts": len(glossary),
        "languages": len(glossary.languages),
        "files": 1 + len(STATIC_FILES),
    }


def problems(glossary: Glossary) -> Iterator[Finding]:
    """Nothing in a checked glossary that this format cannot carry."""
    return iter(())


write = write_site
