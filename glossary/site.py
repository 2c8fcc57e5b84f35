"""The static site ``exports/site/``: one searchable page of every concept.

Files written (no network access is needed to view them; the page works
opened from disk through ``file://`` as well as from any static web host)::

    index.html   the page (rendered from ``site_templates/index.html.j2``)
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
broader / related links       :attr:`Concept.broader`, :attr:`Concept.related`
                              (``href="#ID"``, named by the target's ``<h2>`` text)
narrower links                the concepts whose ``broader`` names this one
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
from Babel (the code itself for a locale Babel does not know). Jinja2 escapes
every text.

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

>>> from glossary.model import Concept, LangSection, Term
>>> g = Glossary([Concept("kpo", languages={"pl": LangSection(
...     "pl", [Term("outsourcing procesów wiedzy")], "definicja")})])
>>> search_data(g)["concepts"][0]["terms"]
[['outsourcing procesow wiedzy', 'pl', 'outsourcing procesów wiedzy', 'preferred']]
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale, UnknownLocaleError
from markupsafe import Markup

from .model import SOURCE_LANGUAGE, Concept, Glossary, PartOfSpeech, TermType, normalize

__all__ = ["write_site", "page_html", "search_data", "search_key", "script_json",
           "bcp47", "language_names", "TITLE", "TEMPLATES", "STATIC_FILES"]

#: The page's title and ``<h1>``.
TITLE = "BPO/KPO glossary"
#: Where the page template, the style sheet and the script are.
TEMPLATES = Path(__file__).with_name("site_templates")
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
    """
    key = normalize(text)
    if key.isascii():
        return key
    return "".join(ch for ch in key if not unicodedata.category(ch).startswith("M"))


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


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _heading(concept: Concept, languages: list[str]) -> tuple[str, str | None]:
    """The concept's label and the language it is in (``None`` for the id)."""
    for code in [SOURCE_LANGUAGE] + languages:
        text = concept.preferred(code)
        if text:
            return text, code
    return concept.id, None


def search_data(glossary: Glossary) -> dict[str, Any]:
    """What the page's script searches: the folded key of every term, per concept."""
    languages = glossary.languages
    return {
        "languages": languages,
        "concepts": [
            {"id": concept.id,
             "terms": [[search_key(term.text), code, term.text, term.status.value]
                       for code in languages if code in concept.languages
                       for term in concept.languages[code].terms]}
            for concept in glossary
        ],
    }


def _view(glossary: Glossary) -> dict[str, Any]:
    """Everything the template shows, as plain data in output order."""
    languages = glossary.languages
    labels = {c.id: _heading(c, languages) for c in glossary}
    narrower: dict[str, list[str]] = {}
    for concept in glossary:
        for target in concept.broader:
            narrower.setdefault(target, []).append(concept.id)

    def links(ids: list[str]) -> list[dict[str, Any]]:
        out = []
        for target in ids:
            text, code = labels.get(target, (target, None))
            out.append({"id": target, "exists": target in glossary.concepts,
                        "text": text, "lang": bcp47(code) if code else None})
        return out

    langs = []
    for code in languages:
        own, english = language_names(code)
        langs.append({"code": code, "tag": bcp47(code), "own": own, "english": english})

    concepts = []
    for concept in glossary:
        text, code = labels[concept.id]
        columns = []
        for lang in langs:
            section = concept.languages.get(lang["code"])
            if section is None:
                columns.append({**lang, "section": None})
                continue
            terms = [{"text": t.text, "status": t.status.value, "note": t.note,
                      "type": "" if t.type is TermType.FULL_FORM else t.type.value,
                      "grammar": ", ".join(v for v in (
                          "" if t.part_of_speech is PartOfSpeech.NOUN else t.part_of_speech.value,
                          t.gender.value if t.gender else "") if v)}
                     for t in section.terms]
            columns.append({**lang, "section": {
                "terms": terms, "definition": section.definition, "notes": section.notes}})
        relations = [(kind, links(ids)) for kind, ids in (
            ("Broader", concept.broader), ("Narrower", narrower.get(concept.id, [])),
            ("Related", concept.related)) if ids]
        concepts.append({"id": concept.id, "heading": text,
                         "heading_lang": bcp47(code) if code else None,
                         "subject_field": concept.subject_field, "notes": concept.notes,
                         "relations": relations, "columns": columns})
    return {"languages": langs, "concepts": concepts}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)


def page_html(glossary: Glossary) -> str:
    """The text of ``index.html``.

    >>> from glossary.model import Concept, LangSection, Term
    >>> g = Glossary([Concept("x", languages={"en": LangSection("en", [Term("a < b")], "d")})])
    >>> html = page_html(g)
    >>> '<article class="concept" id="x"' in html, "a &lt; b" in html
    (True, True)
    """
    view = _view(glossary)
    template = _environment().get_template("index.html.j2")
    return template.render(
        title=TITLE, source_language=bcp47(SOURCE_LANGUAGE), languages=view["languages"],
        concepts=view["concepts"],
        data=Markup(script_json(search_data(glossary))))


def write_site(glossary: Glossary, out: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``index.html``, ``style.css`` and ``site.js`` into the folder ``out``.

    Returns the counts ``{"concepts": ..., "languages": ..., "files": ...}``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = {"index.html": page_html(glossary).encode("utf-8")}
    for name in STATIC_FILES:
        files[name] = (TEMPLATES / name).read_bytes()
    for name, data in files.items():
        (out / name).write_bytes(data)
    return {"concepts": len(glossary), "languages": len(glossary.languages),
            "files": len(files)}
