"""Looking a term up: the Python API and `glossary lookup` / `glossary list`."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest
from conftest import LOCALES, ROOT

from glossary import Concept, Glossary, LangSection, Status, Term, TermType


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _one_term(shipped, lang, status, acronym=False):
    for concept in shipped:
        for term in concept.languages[lang].terms:
            if term.status is status and (term.type is TermType.ACRONYM) == acronym:
                matches = shipped.lookup(term.text)
                if len({m.concept.id for m in matches}) == 1:
                    return concept, term
    return None, None


def pytest_generate_tests(metafunc):
    if "lang" in metafunc.fixturenames:
        from glossary.layout import find_catalogs

        metafunc.parametrize("lang", sorted(find_catalogs(LOCALES)))


@pytest.mark.parametrize(
    "status,acronym",
    [
        (Status.PREFERRED, False),
        (Status.ADMITTED, False),
        (Status.ADMITTED, True),
        (Status.DEPRECATED, False),
    ],
    ids=["preferred", "admitted", "abbreviation", "deprecated"],
)
def test_lookup_by_every_kind_of_term_in_every_language(shipped, lang, status, acronym):
    concept, term = _one_term(shipped, lang, status, acronym)
    if term is None:
        pytest.skip(f"no unambiguous {status.value} {'acronym' if acronym else 'term'} in {lang}")
    [match] = [m for m in shipped.lookup(term.text) if m.lang == lang]
    assert match.concept is concept and match.term == term and match.status is status
    if status is Status.DEPRECATED:
        assert match.use_instead == concept.preferred(lang)
    else:
        assert match.use_instead is None


def test_each_language_has_deprecated_and_admitted_terms(shipped, lang):
    statuses = {t.status for c in shipped for t in c.languages[lang].terms}
    assert statuses == set(Status)


def test_lookup_ignores_case_diacritics_spaces_hyphens_and_normal_form(shipped, lang):
    checked = 0
    for concept in shipped:
        text = concept.preferred(lang)
        variants = [
            text.upper(),
            _strip_accents(text),
            f"  {text}  ".replace(" ", "  "),
            unicodedata.normalize("NFD", text),
            text.replace("-", " "),
        ]
        for variant in variants:
            assert concept.id in {m.concept.id for m in shipped.lookup(variant, lang=lang)}, variant
        checked += 1
    assert checked == len(shipped)


def test_diacritics_free_typing_finds_the_polish_term(shipped):
    [match] = shipped.lookup("outsourcing procesow wiedzy")
    assert (match.concept.id, match.lang, match.term.text) == (
        "knowledge_process_outsourcing",
        "pl",
        "outsourcing procesów wiedzy",
    )


def test_lang_restricts_the_search(shipped):
    everywhere = shipped.lookup("KPO")
    assert {m.lang for m in everywhere} == set(shipped.languages)
    assert {m.lang for m in shipped.lookup("KPO", lang="pl")} == {"pl"}


def test_an_ambiguous_text_returns_every_concept():
    g = Glossary()
    for cid, full in [
        ("chartered_accountant", "chartered accountant"),
        ("certificate_authority", "certificate authority"),
    ]:
        g.add(Concept(cid)).languages["en"] = LangSection(
            "en", [Term(full), Term("CA", Status.ADMITTED, TermType.ACRONYM)], "x"
        )
    assert sorted(m.concept.id for m in g.lookup("ca")) == [
        "certificate_authority",
        "chartered_accountant",
    ]


def test_no_match_raises_lookup_error_naming_the_text_with_suggestions(shipped):
    with pytest.raises(LookupError) as info:
        shipped.lookup("knowlege proces outsorcing")
    assert "knowlege proces outsorcing" in str(info.value)
    assert "knowledge process outsourcing" in info.value.suggestions


def test_get_never_raises(shipped):
    assert shipped.get("nope") is None
    assert shipped.get("nope", "fallback") == "fallback"
    assert shipped.get("knowledge_process_outsourcing").id == "knowledge_process_outsourcing"


def test_printing_a_concept_is_readable(shipped):
    text = str(shipped.get("business_process_outsourcing"))
    for lang in shipped.languages:
        assert f"\n{lang}: {shipped.get('business_process_outsourcing').preferred(lang)}\n" in text


def test_load_is_lazy_and_happens_once():
    code = (
        "import sys, glossary\n"
        "before = {m for m in sys.modules if m.startswith('glossary.')}\n"
        "first = glossary.load()\n"
        "print(sorted(before), first is glossary.load())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", "True"]  # nothing read before load(), once after


# -- command line ----------------------------------------------------------------


def test_cli_lookup_warns_about_a_deprecated_term(cli, shipped):
    concept, term = _one_term(shipped, "pl", Status.DEPRECATED)
    result = cli("lookup", term.text, "--locales", str(LOCALES))
    assert result.code == 0
    assert (
        f"warning: deprecated in pl: {term.text} \u2014 use {concept.preferred('pl')}" in result.err
    )
    assert concept.id in result.out


def test_cli_lookup_to_shows_only_the_chosen_languages(cli, shipped):
    result = cli("lookup", "BPO", "--to", "bg", "--locales", str(LOCALES))
    concept = shipped.get("business_process_outsourcing")
    assert f"bg: {concept.preferred('bg')}" in result.out
    assert "\nen: " not in result.out and "\npl: " not in result.out


def test_cli_lookup_json_parses_back(cli, shipped):
    result = cli("lookup", "KPO", "--lang", "de", "--json", "--locales", str(LOCALES))
    document = json.loads(result.out)
    assert document["query"] == "KPO"
    [match] = document["matches"]
    assert match["matched"] == [
        {"lang": "de", **shipped.lookup("KPO", "de")[0].term.to_dict(), "use_instead": None}
    ]
    concept = match["concept"]
    assert concept["id"] == "knowledge_process_outsourcing"
    assert set(concept["languages"]) == set(shipped.languages)
    assert concept["languages"]["de"]["definition"] == shipped.get(
        "knowledge_process_outsourcing"
    ).definition("de")


def test_cli_lookup_no_match_exits_1_with_suggestions(cli):
    result = cli("lookup", "ofshore outsorcing", "--locales", str(LOCALES))
    assert result.code == 1 and result.out == ""
    assert "no term 'ofshore outsorcing' found" in result.err
    assert "did you mean: " in result.err and "offshore outsourcing" in result.err


def test_cli_lookup_unknown_language_is_an_error(cli):
    result = cli("lookup", "KPO", "--to", "xx", "--locales", str(LOCALES))
    assert result.code == 1 and "unknown language xx" in result.err


def test_cli_list_prints_every_concept_with_preferred_terms(cli, shipped):
    result = cli("list", "--locales", str(LOCALES))
    rows = [line.split("\t") for line in result.out.splitlines()]
    assert [r[0] for r in rows] == [c.id for c in shipped]
    assert all(len(r) == 1 + len(shipped.languages) for r in rows)
    only_pl = cli("list", "--lang", "pl", "--locales", str(LOCALES)).out.splitlines()
    assert only_pl[0] == f"{rows[0][0]}\t{shipped.get(rows[0][0]).preferred('pl')}"


def test_lookup_imports_no_heavy_module():
    code = (
        "import sys, io, contextlib\n"
        "from glossary.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['lookup', 'KPO']) == 0\n"
        "heavy = [m for m in ('datasets', 'pyarrow', 'lxml', 'pandas', 'jinja2', 'translate',\n"
        "                     'deepl', 'glossary.terms', 'glossary.formats._mt',\n"
        "                     'glossary.formats.deepl', 'glossary.formats.google',\n"
        "                     'glossary.formats.amazon', 'glossary.formats.constraints')\n"
        "         if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_gettext_recipe_with_the_compiled_catalogs(tmp_path, shipped):
    """The README's recipe: the standard gettext module reads the built .mo files."""
    import gettext

    from glossary.formats.mo import write_locale_tree

    write_locale_tree(shipped, tmp_path)
    concept = shipped.get("offshore_outsourcing")
    for lang in shipped.languages:
        t = gettext.translation("glossary", str(tmp_path), languages=[lang])
        assert t.pgettext(
            "offshore_outsourcing.term", concept.preferred("en")
        ) == concept.preferred(lang)
        assert t.pgettext(
            "offshore_outsourcing.definition", concept.definition("en")
        ) == concept.definition(lang)
