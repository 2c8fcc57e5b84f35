"""Machine-translation glossaries (DeepL, Google, Amazon) and the LLM constraints files."""

from __future__ import annotations

import csv
import importlib.util
import io
import json

import pytest
from conftest import require
from format_contract import FormatContract
from test_check import assert_reported

from glossary.formats import FORMATS, _mt, amazon, constraints, deepl, google
from glossary.layout import catalog_path
from glossary.model import Concept, Glossary, GlossaryError, LangSection, Status, Term, TermType

MT_FORMATS = {"deepl": deepl, "google": google, "amazon": amazon, "constraints": constraints}


def deepl_reader():
    require(
        importlib.util.find_spec("deepl") is not None,
        "DeepL's client library is not installed (pip install deepl)",
    )
    import deepl as client

    return client.util.convert_tsv_to_dict


@pytest.fixture(scope="module")
def written(shipped, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports") / "mt"
    counts = {}
    for name, module in MT_FORMATS.items():
        target = out / ("amazon/terminology.csv" if name == "amazon" else name)
        counts[name] = module.write(shipped, target)
    return out, counts


def directed_pairs(glossary):
    languages = glossary.languages
    return [(s, t) for s in languages for t in languages if s != t]


def by_term(glossary, lang):
    """Every preferred or admitted term of ``lang`` -> its concept."""
    found = {}
    for concept in glossary:
        section = concept.languages.get(lang)
        for term in section.terms if section else ():
            if term.status is not Status.DEPRECATED:
                found[term.text] = concept
    return found


def test_every_format_is_built_by_glossary_build():
    modules = {fmt.module for fmt in FORMATS}
    assert set(MT_FORMATS) <= modules
    targets = {fmt.module: fmt.target for fmt in FORMATS}
    assert all(targets[name].startswith("mt/") for name in MT_FORMATS)


def test_one_file_per_directed_pair(shipped, written):
    out, _ = written
    pairs = directed_pairs(shipped)
    assert len(pairs) == len(shipped.languages) * (len(shipped.languages) - 1)
    names = sorted(f"{s}-{t}" for s, t in pairs)
    assert sorted(p.stem for p in (out / "deepl").iterdir()) == names
    assert sorted(p.stem for p in (out / "google").glob("*.tsv")) == names
    assert sorted(p.stem for p in (out / "constraints").iterdir()) == names


def test_deepl_files_load_with_deepls_own_reader_and_checks(shipped, written):
    convert_tsv_to_dict = deepl_reader()
    out, counts = written
    total = 0
    for src, tgt in directed_pairs(shipped):
        data = (out / "deepl" / f"{src}-{tgt}.tsv").read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), "a BOM would become part of the first term"
        text = data.decode("utf-8")
        entries = convert_tsv_to_dict(text)  # raises on a duplicate source or a bad character
        assert len(entries) == len(text.splitlines())
        total += len(entries)
        for source, target in entries.items():
            assert source == source.strip() and target == target.strip()
            assert len(source.encode()) <= 1024 and len(target.encode()) <= 1024
        # every preferred and admitted source term of a translated concept is a source
        sources = by_term(shipped, src)
        expected = {
            text: concept.preferred(tgt)
            for text, concept in sources.items()
            if concept.preferred(tgt) is not None
        }
        assert entries == expected
    assert counts["deepl"]["entries"] == total


def test_no_deprecated_term_is_a_target_or_a_source(shipped, written):
    out, _ = written
    for src, tgt in directed_pairs(shipped):
        sources = by_term(shipped, src)
        for folder in ("deepl", "google"):
            for line in (
                (out / folder / f"{src}-{tgt}.tsv").read_text(encoding="utf-8").split("\n")[:-1]
            ):
                source, target = line.split("\t")
                concept = sources[source]  # never a deprecated source term
                section = concept.languages[tgt]
                assert target == section.preferred.text
                assert target not in [t.text for t in section.terms_with(Status.DEPRECATED)]
    languages = shipped.languages
    for path in (out / "google" / "equivalent.csv", out / "amazon" / "terminology.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        preferred = {
            lang: {c.preferred(lang) for c in shipped if c.preferred(lang)} for lang in languages
        }
        for row in rows[1:]:
            for lang, cell in zip(languages, row, strict=True):
                assert not cell or cell in preferred[lang], (path.name, lang, cell)


def test_google_files_are_headerless_pairs_and_one_equivalent_term_set_per_concept(
    shipped, written
):
    out, _ = written
    for src, tgt in directed_pairs(shipped):
        path = out / "google" / f"{src}-{tgt}.tsv"
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))
        assert all(len(row) == 2 for row in rows)
        # no header: the first row is a pair of the glossary's terms
        first = by_term(shipped, src)[rows[0][0]]
        assert rows[0][1] == first.preferred(tgt)
    header, rows = google.read_equivalent(out / "google" / "equivalent.csv")
    assert header == [_mt.engine_code(lang) for lang in shipped.languages]
    assert [row[0] for row in rows] == [c.preferred("en") for c in shipped]
    assert all(len(row) == len(header) for row in rows)


def test_amazon_terminology_has_the_language_codes_first_and_a_row_per_complete_concept(
    shipped, written
):
    out, counts = written
    data = (out / "amazon" / "terminology.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and len(data) <= 10_485_760
    header, rows = amazon.read(out / "amazon" / "terminology.csv")
    assert header == [_mt.engine_code(lang) for lang in shipped.languages]
    complete = [c for c in shipped if all(c.preferred(lang) for lang in shipped.languages)]
    assert rows == [[c.preferred(lang) for lang in shipped.languages] for c in complete]
    assert counts["amazon"]["rows"] == len(complete)
    for column in zip(*rows, strict=True):
        assert len(set(column)) == len(column), "a source term twice in a MULTI terminology"


def test_constraints_say_what_to_use_what_else_is_fine_and_what_to_avoid_and_why(shipped, written):
    out, _ = written
    avoided = 0
    for src, tgt in directed_pairs(shipped):
        doc = json.loads((out / "constraints" / f"{src}-{tgt}.json").read_text(encoding="utf-8"))
        assert (doc["source_language"], doc["target_language"]) == (src, tgt)
        ids = [entry["id"] for entry in doc["concepts"]]
        assert ids == [c.id for c in shipped if c.preferred(src) and c.preferred(tgt)]
        for entry in doc["concepts"]:
            concept = shipped.get(entry["id"])
            source, target = concept.languages[src], concept.languages[tgt]
            assert entry["source"]["preferred"] == source.preferred.text
            assert entry["source"]["admitted"] == [
                t.text for t in source.terms_with(Status.ADMITTED)
            ]
            assert entry["target"]["preferred"] == target.preferred.text
            assert entry["target"]["admitted"] == [
                t.text for t in target.terms_with(Status.ADMITTED)
            ]
            assert entry["target"]["avoid"] == [
                {"term": t.text, "reason": t.note} for t in target.terms_with(Status.DEPRECATED)
            ]
            assert all(item["reason"] for item in entry["target"]["avoid"])
            assert entry["target"]["definition"] == target.definition
            avoided += len(entry["target"]["avoid"])
    assert avoided > 0, "the shipped glossary has deprecated terms in every language"


def small(languages=("en", "de", "pt_BR")) -> Glossary:
    return Glossary(
        [
            Concept(
                "kpo",
                languages={
                    lang: LangSection(
                        lang,
                        [
                            Term(f"knowledge process outsourcing {lang}"),
                            Term("KPO", Status.ADMITTED, TermType.ACRONYM),
                        ],
                    )
                    for lang in languages
                },
            )
        ]
    )


def test_any_added_locale_gets_its_pairs_with_a_language_tag_in_headers(tmp_path):
    g = small()
    deepl.write(g, tmp_path / "deepl")
    assert sorted(p.name for p in (tmp_path / "deepl").iterdir()) == [
        "de-en.tsv",
        "de-pt_BR.tsv",
        "en-de.tsv",
        "en-pt_BR.tsv",
        "pt_BR-de.tsv",
        "pt_BR-en.tsv",
    ]
    assert amazon.terminology_text(g).split("\n")[0] == "en,de,pt-BR"
    assert google.equivalent_text(g).split("\n")[0] == "en,de,pt-BR"


@pytest.mark.parametrize("name", ["deepl", "google"])
def test_a_source_term_of_two_concepts_is_refused_and_nothing_is_written(name, tmp_path):
    g = small(("en", "de"))
    other = Concept(
        "kpo2", languages={"en": LangSection("en", [Term("other"), Term("KPO", Status.ADMITTED)])}
    )
    other.languages["de"] = LangSection("de", [Term("anderes")])
    g.add(other)
    with pytest.raises(GlossaryError, match="'KPO' in 'en' is also a term of kpo"):
        MT_FORMATS[name].write(g, tmp_path / name)
    assert not (tmp_path / name).exists() or not any((tmp_path / name).iterdir())


def test_deepl_refuses_a_term_it_cannot_carry():
    g = small(("en", "de"))
    g.get("kpo").languages["de"].terms.append(Term("x" * 1025, Status.ADMITTED))
    g.get("kpo").languages["en"].terms.append(Term("a\u2028b", Status.ADMITTED))
    messages = [f.message for f in deepl.problems(g)]
    assert any("1025 UTF-8 bytes" in m for m in messages)
    assert any("control character" in m for m in messages)


def test_deepl_reader_refuses_what_deepl_refuses(tmp_path):
    convert_tsv_to_dict = deepl_reader()
    path = tmp_path / "en-de.tsv"
    path.write_text("KPO\tKPO\nKPO\tWissen\n", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicates source term"):
        convert_tsv_to_dict(path.read_text(encoding="utf-8"))
    with pytest.raises(GlossaryError, match=r"en-de\.tsv:2: error: duplicate source term"):
        deepl.read(path)


def test_check_refuses_a_duplicate_source_synonym_with_path_and_line(locales, cli, shipped):
    # an admitted English term of one concept, added to another concept's entry
    taken = next(t for c in shipped for t in c.languages["en"].terms_with(Status.ADMITTED))
    owner = next(c for c in shipped if taken in c.languages["en"].terms)
    other = next(c for c in shipped if c.id != owner.id)
    path = catalog_path(locales, "en")
    text = path.read_text(encoding="utf-8")
    anchor = f'msgctxt "{other.id}.term"'
    assert text.count(anchor) == 1
    text = text.replace(anchor, f"# admitted: {taken.text}\n{anchor}")
    path.write_text(text, encoding="utf-8")
    # the owner has the same comment line: find the added one
    lines = text.split("\n")
    line = next(
        n
        for n, content in enumerate(lines, 1)
        if content == f"# admitted: {taken.text}" and lines[n] == anchor
    )
    result = cli("check", "--locales", str(locales))
    assert_reported(result, path, line, f"term {taken.text!r} in 'en' is also a term of {owner.id}")
    # each format that refuses it says so once: the finding is not repeated
    wanted = f"{path}:{line}: error: {other.id}: term {taken.text!r}"
    assert sum(1 for row in result.err.splitlines() if row.startswith(wanted)) == 1
    build = cli("build", "--locales", str(locales), "--out", str(locales.parent / "out"))
    assert build.code == 1 and f"{path}:{line}:" in build.err
    assert not (locales.parent / "out").exists()


def test_a_format_that_check_does_not_import_indeed_refuses_nothing(shipped):
    odd = small(("en", "de"))
    odd.get("kpo").languages["de"].terms.append(Term("a\tb \uffff " + "x" * 2000, Status.ADMITTED))
    odd.get("kpo").languages["de"].definition = "line\nbreak \x00"
    for fmt in FORMATS:
        if fmt.carries_any_text:
            module = fmt.load()
            assert list(module.problems(shipped)) == [] and list(module.problems(odd)) == []


def _tsv(text: str) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in text.splitlines())


def _csv(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


class TestDeeplContract(FormatContract):
    name = "mt/deepl/"

    def read_back(self, path):
        return {p.name: deepl.read(p) for p in sorted(path.iterdir())}

    def expected(self, glossary):
        return {name: _tsv(text) for name, text in sorted(deepl.texts(glossary).items())}


class TestGoogleContract(FormatContract):
    name = "mt/google/"

    def read_back(self, path):
        return google.read_equivalent(path / "equivalent.csv")

    def expected(self, glossary):
        return _csv(google.equivalent_text(glossary))


class TestAmazonContract(FormatContract):
    name = "mt/amazon/terminology.csv"

    def read_back(self, path):
        return amazon.read(path)

    def expected(self, glossary):
        return _csv(amazon.terminology_text(glossary))


class TestConstraintsContract(FormatContract):
    name = "mt/constraints/"

    def read_back(self, path):
        return {p.name: constraints.read(p) for p in sorted(path.iterdir())}

    def expected(self, glossary):
        return {
            constraints.file_name(src, tgt): constraints.document(glossary, src, tgt)
            for src in glossary.languages
            for tgt in glossary.languages
            if src != tgt
        }


def test_a_constraints_file_has_its_languages_on_the_first_line_then_one_concept_a_line(
    shipped, written
):
    out, _ = written
    for src, tgt in _mt.pairs(shipped):
        lines = (out / "constraints" / constraints.file_name(src, tgt)).read_text("utf-8")
        first, *rows, last = lines.split("\n")[:-1]
        assert json.loads(first + "]}") == {
            "source_language": src,
            "target_language": tgt,
            "concepts": [],
        }
        assert [json.loads(row.rstrip(",")) for row in rows] == constraints.document(
            shipped, src, tgt
        )["concepts"]
        assert last == "]}"


def test_a_pair_without_a_concept_is_an_empty_list(tmp_path):
    glossary = small(("en", "de"))
    glossary.get("kpo").languages["de"].terms.clear()
    constraints.write(glossary, tmp_path)
    assert constraints.read(tmp_path / "en-de.json") == {
        "source_language": "en",
        "target_language": "de",
        "concepts": [],
    }
