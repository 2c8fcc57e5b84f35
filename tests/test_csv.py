"""The spreadsheet export: RFC 4180, UTF-8 with BOM, formula escaping, round trip."""

from __future__ import annotations

import csv
import importlib.util
import io
import subprocess

import pytest
from conftest import require, require_tool
from format_contract import FormatContract
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.formats.csvfile import (
    FORMULA_START,
    SEPARATOR,
    csv_text,
    read_csv,
    spreadsheet_escape,
    write_csv,
)
from glossary.model import (
    Concept,
    Glossary,
    GlossaryError,
    LangSection,
    Status,
    Term,
    TermType,
)

BOM = "\ufeff".encode("utf-8")
PER_LANGUAGE = ["term", "definition", "admitted", "deprecated"]


def rows_of(path):
    """The file parsed by Python's csv module alone (header, then data rows)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def expected_cell(text: str) -> str:
    """What a cell must hold for ``text``: a quote in front when it could start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r", "'") else text


def texts(section: LangSection | None, status: Status) -> list[str]:
    return [t.text for t in section.terms_with(status)] if section else []


def make(concepts: list[tuple[str, str, dict[str, tuple[str, list[Term]]]]]) -> Glossary:
    """A glossary from (id, subject field, {lang: (definition, terms)})."""
    return Glossary(
        Concept(
            cid,
            subject,
            languages={
                lang: LangSection(lang, terms, definition)
                for lang, (definition, terms) in sections.items()
            },
        )
        for cid, subject, sections in concepts
    )


def same_content(a: Glossary, b: Glossary) -> None:
    """Everything the CSV carries is equal in ``a`` and ``b``."""
    assert [c.id for c in a] == [c.id for c in b]
    assert a.languages == b.languages
    for concept in a:
        other = b.get(concept.id)
        assert other.subject_field == concept.subject_field, concept.id
        assert sorted(other.languages) == sorted(concept.languages), concept.id
        for lang, section in concept.languages.items():
            back = other.languages[lang]
            assert back.definition == section.definition, (concept.id, lang)
            for status in Status:
                assert texts(back, status) == texts(section, status), (concept.id, lang, status)


@pytest.fixture(scope="module")
def shipped_csv(shipped, tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "exports" / "glossary.csv"
    counts = write_csv(shipped, path)
    return path, counts


def test_header_is_derived_from_the_languages(shipped, shipped_csv):
    path, _ = shipped_csv
    header = rows_of(path)[0]
    assert header[:2] == ["concept_id", "subject_field"]
    assert header[2:] == [f"{lang}_{part}" for lang in shipped.languages for part in PER_LANGUAGE]
    assert header[2] == "en_term"


def test_one_row_per_concept_with_every_preferred_term_and_definition(shipped, shipped_csv):
    path, counts = shipped_csv
    header, *rows = rows_of(path)
    assert [row[0] for row in rows] == [c.id for c in shipped]
    assert counts["concepts"] == len(shipped)
    assert all(len(row) == len(header) for row in rows)
    for row, concept in zip(rows, shipped, strict=False):
        cells = dict(zip(header, row, strict=False))
        assert cells["subject_field"] == expected_cell(concept.subject_field)
        for lang in shipped.languages:
            section = concept.languages.get(lang)
            if section is None:
                assert not any(cells[f"{lang}_{p}"] for p in PER_LANGUAGE)
                continue
            assert cells[f"{lang}_term"] == expected_cell(concept.preferred(lang)), (
                concept.id,
                lang,
            )
            assert cells[f"{lang}_definition"] == expected_cell(section.definition)
            for status in (Status.ADMITTED, Status.DEPRECATED):
                assert cells[f"{lang}_{status.value}"] == expected_cell(
                    SEPARATOR.join(texts(section, status))
                )


def test_counts_every_term_written(shipped, shipped_csv):
    _, counts = shipped_csv
    assert counts["languages"] == len(shipped.languages)
    assert counts["terms"] == sum(len(c.terms()) for c in shipped)


def test_rfc4180_crlf_and_utf8_with_one_bom(shipped, shipped_csv):
    path, _ = shipped_csv
    data = path.read_bytes()
    assert data.startswith(BOM) and not data[len(BOM) :].startswith(BOM)
    data[len(BOM) :].decode("utf-8")  # strict
    # definitions and terms hold no line breaks, so every one is a record end
    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") == len(shipped) + 1
    assert data.count(b"\n") == data.count(b"\r") == data.count(b"\r\n")


def test_round_trip_gives_back_what_the_csv_carries(shipped, shipped_csv, tmp_path):
    path, _ = shipped_csv
    back = read_csv(path)
    same_content(shipped, back)
    # and writing what was read gives the same bytes
    write_csv(back, tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == path.read_bytes()


def test_reads_a_file_without_bom(shipped_csv, shipped, tmp_path):
    path, _ = shipped_csv
    stripped = tmp_path / "nobom.csv"
    stripped.write_bytes(path.read_bytes()[len(BOM) :])
    same_content(shipped, read_csv(stripped))


FORMULAS = [
    "=1+1",
    "+SUM(A1:A2)",
    "-2+3",
    "@cmd",
    '=HYPERLINK("http://x","y")',
    "\tTAB",
    "\rCR",
    "'already quoted",
    "''two quotes",
]


@pytest.fixture
def formula_glossary() -> Glossary:
    return make(
        [
            (
                f"c{i}",
                formula,
                {
                    "en": (
                        formula,
                        [
                            Term(formula),
                            Term(formula + " admitted", Status.ADMITTED),
                            Term(formula + " old", Status.DEPRECATED),
                        ],
                    ),
                    "bg": (formula, [Term(formula)]),
                },
            )
            for i, formula in enumerate(FORMULAS)
        ]
    )


def test_formula_cells_are_escaped_and_read_back_unchanged(formula_glossary, tmp_path):
    path = tmp_path / "glossary.csv"
    write_csv(formula_glossary, path)
    header, *rows = rows_of(path)
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for cell in row:
            assert cell[:1] not in FORMULA_START, cell
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
        assert all(cell.startswith("'") for cell in row[1:] if cell), row
    same_content(formula_glossary, read_csv(path))


def test_escape_mirrors_translate_toolkit():
    require(
        importlib.util.find_spec("translate") is not None,
        "translate-toolkit is not installed (pip install translate-toolkit)",
    )
    from translate.storage.csvl10n import csvunit

    unit = csvunit()
    samples = FORMULAS + ["BPO", "", "a=b", " =x", "-", "+", "@", "=", "дейност", "'"]
    for sample in samples:
        theirs = unit.add_spreadsheet_escape(sample)
        if theirs != sample:  # everything translate-toolkit escapes, escaped the same way
            assert spreadsheet_escape(sample) == theirs, sample
    for char in csvunit.spreadsheetescapes:
        assert char in FORMULA_START


AWKWARD = [
    'the "quoted" term',
    "comma, inside",
    "semi;colon",
    "back\\slash \\n not a newline",
    "аутсорсинг на бизнес процеси",
    "مصادر خارجية",
    "מיקור חוץ",
    "e\u0301 combining (not NFC)",
    "Outsourcing „wissensintensiver“ Prozesse",
    'trailing quote"',
    '"',
    "emoji 🙂",
    "  padded  ",
]
LINE_BREAKS = [
    "first line\nsecond line",
    "crlf\r\ninside",
    "lone\rcarriage return",
    "ends with a break\n",
]


def test_awkward_text_round_trips(tmp_path):
    g = make(
        [
            (
                f"c{i:02}",
                text,
                {
                    "en": (
                        text,
                        [Term(text), Term(text + " KPO", Status.ADMITTED, TermType.ACRONYM)],
                    ),
                    "he": (text, [Term(text + " ע")]),
                },
            )
            for i, text in enumerate(AWKWARD)
        ]
        + [
            (f"d{i}", "lines", {"en": (text, [Term(f"term {i}")])})
            for i, text in enumerate(LINE_BREAKS)
        ]
    )
    path = tmp_path / "glossary.csv"
    write_csv(g, path)
    same_content(g, read_csv(path))
    header, *rows = rows_of(path)
    assert len(rows) == len(g)
    definition = header.index("en_definition")
    assert [row[definition] for row in rows[len(AWKWARD) :]] == LINE_BREAKS
    # a field with a line break is quoted, so line breaks outside quotes end records
    raw = path.read_bytes().decode("utf-8-sig")
    assert raw.count('"first line\nsecond line"') == 1


@settings(max_examples=60, deadline=None)
@given(
    definition=st.text(st.characters(blacklist_categories=("Cs",))),
    term=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="|"), min_size=1),
)
def test_any_text_round_trips(definition, term, tmp_path_factory):
    g = make([("c", definition, {"en": (definition, [Term(term), Term(term, Status.ADMITTED)])})])
    path = tmp_path_factory.mktemp("any") / "g.csv"
    write_csv(g, path)
    same_content(g, read_csv(path))
    for row in rows_of(path):
        assert all(cell[:1] not in FORMULA_START for cell in row)


def test_a_missing_language_is_empty_and_stays_missing(tmp_path):
    g = make(
        [
            ("a", "", {"en": ("def", [Term("a")]), "pl": ("def", [Term("a pl")])}),
            ("b", "", {"en": ("def", [Term("b")])}),
        ]
    )
    path = tmp_path / "g.csv"
    write_csv(g, path)
    row_b = rows_of(path)[2]
    assert row_b[-4:] == ["", "", "", ""]
    back = read_csv(path)
    assert "pl" not in back.get("b").languages
    same_content(g, back)


def test_other_readers_accept_the_file(shipped_csv, tmp_path):
    path, _ = shipped_csv
    g = make(
        [
            (f"c{i}", "", {"en": (text, [Term(f"t{i}")])})
            for i, text in enumerate(AWKWARD + FORMULAS)
        ]
    )
    awkward = tmp_path / "awkward.csv"
    write_csv(g, awkward)
    for file in (path, awkward):
        rows = rows_of(file)  # Python's csv module, strict dialect
        with open(file, encoding="utf-8-sig", newline="") as handle:
            assert list(csv.reader(handle, strict=True)) == rows
    require(
        importlib.util.find_spec("translate") is not None,
        "translate-toolkit is not installed (pip install translate-toolkit)",
    )
    from translate.storage import csvl10n

    for file in (path, awkward):
        store = csvl10n.csvfile(io.BytesIO(file.read_bytes()))
        assert len(store.units) >= len(rows_of(file)) - 1


@pytest.mark.parametrize("text", ["a|b", "a | b", ""])
def test_a_variant_that_cannot_be_separated_is_refused(text, tmp_path):
    g = make([("ambiguous_one", "", {"en": ("def", [Term("ok"), Term(text, Status.DEPRECATED)])})])
    path = tmp_path / "g.csv"
    with pytest.raises(GlossaryError, match="ambiguous_one"):
        write_csv(g, path)
    assert not path.exists()


def test_a_preferred_term_may_contain_the_separator(tmp_path):
    g = make([("c", "", {"en": ("def", [Term("either | or"), Term("x", Status.ADMITTED)])})])
    write_csv(g, tmp_path / "g.csv")
    same_content(g, read_csv(tmp_path / "g.csv"))


def test_read_csv_names_the_bad_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "concept_id,subject_field,en_term,en_definition,en_admitted,en_deprecated\r\n"
        "a,,a,def,,\r\n"
        "b,,b,def\r\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match=r"bad\.csv:3: error: 4 fields"):
        read_csv(path)
    path.write_text("id,term\r\nx,y\r\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.csv:1: error: the header"):
        read_csv(path)
    path.write_text(
        "concept_id,subject_field,en_term,en_definition,en_admitted,bg_deprecated\r\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match=r"bad\.csv:1: error"):
        read_csv(path)
    path.write_text("concept_id,subject_field\r\na,x\r\na,y\r\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.csv:3: error: concept 'a' appears twice"):
        read_csv(path)


# -- spreadsheets that guess the delimiter ----------------------------------------

#: What LibreOffice's text import has ticked when it does not know the delimiter.
GUESSED_SEPARATORS = ",;\t"
SPLITTERS = ["semi;colon without a comma", "tab\tinside", "all three: a, b; c\td", "plain"]


def split_like_a_spreadsheet(text: str, separators: str = GUESSED_SEPARATORS) -> list[list[str]]:
    """Records and fields as a spreadsheet's import reads them with every one of
    ``separators`` ticked: a field that starts with a quote runs to its closing
    quote (a doubled quote is one quote); outside quotes each separator ends a
    field and a line break (CRLF or LF) ends a record."""
    records: list[list[str]] = []
    fields: list[str] = []
    field: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"' and not field:
            end = i + 1
            while True:
                end = text.index('"', end)
                if text[end + 1 : end + 2] == '"':
                    field.append(text[i + 1 : end + 1])
                    i = end + 1
                    end += 2
                    continue
                field.append(text[i + 1 : end])
                i = end + 1
                break
            field = ["".join(field)] if field else [""]
            continue
        if char in separators:
            fields.append("".join(field))
            field = []
        elif char in "\r\n":
            if char == "\r" and text[i + 1 : i + 2] == "\n":
                i += 1
            fields.append("".join(field))
            records.append(fields)
            fields, field = [], []
        else:
            field.append(char)
        i += 1
    if field or fields:
        fields.append("".join(field))
        records.append(fields)
    return records


@pytest.fixture
def splitting_csv(tmp_path):
    g = make(
        [
            (f"c{i}", text, {"en": (text, [Term(f"t{i}"), Term(f"{text} old", Status.DEPRECATED)])})
            for i, text in enumerate(SPLITTERS + AWKWARD)
        ]
    )
    path = tmp_path / "splitting.csv"
    write_csv(g, path)
    return path


def test_every_field_is_quoted(shipped_csv, splitting_csv):
    for path in (shipped_csv[0], splitting_csv):
        text = path.read_bytes().decode("utf-8-sig")
        for line in text.split("\r\n")[:-1]:
            assert line.startswith('"') and line.endswith('"'), line


def test_a_reader_that_guesses_the_delimiter_splits_every_row_into_the_header_columns(
    shipped_csv, splitting_csv
):
    for path in (shipped_csv[0], splitting_csv):
        text = path.read_bytes().decode("utf-8-sig")
        header, *rows = split_like_a_spreadsheet(text)
        assert header == rows_of(path)[0]
        for row in rows:
            assert len(row) == len(header), row
        assert [header, *rows] == rows_of(path)  # and every cell is what was written
        # a reader that sniffs the delimiter among the three finds ours
        assert csv.Sniffer().sniff(text[:8192], delimiters=GUESSED_SEPARATORS).delimiter == ","


def test_pandas_guessing_the_delimiter_reads_every_cell(shipped_csv, splitting_csv):
    pandas = pytest.importorskip("pandas", reason="pandas is not installed")
    for path in (shipped_csv[0], splitting_csv):
        frame = pandas.read_csv(
            path,
            sep=None,
            engine="python",
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
        )
        header, *rows = rows_of(path)
        assert list(frame.columns) == header
        assert frame.values.tolist() == rows


@pytest.mark.parametrize(
    "options",
    [None, "44,34,76,1", "44/59/9,34,76,1"],
    ids=["default filter", "comma, UTF-8", "comma, semicolon and tab ticked, UTF-8"],
)
def test_libreoffice_calc_opens_every_row_in_the_header_columns(
    shipped_csv, splitting_csv, tmp_path, options
):
    soffice = require_tool("soffice", "libreoffice-calc-nogui")
    for path in (shipped_csv[0], splitting_csv):
        out = tmp_path / "out"
        command = [
            soffice,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
        ]
        if options:  # field separators, text delimiter ", character set UTF-8, from line 1
            command.append(f"--infilter=Text - txt - csv (StarCalc):{options}")
        # Calc opens the file, then saves it as CSV, comma-separated and UTF-8
        command += [
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(out),
        ]
        result = subprocess.run(command + [str(path)], capture_output=True, text=True, timeout=300)
        converted = out / path.name
        assert converted.is_file(), result.stdout + result.stderr
        header, *rows = rows_of(path)
        with open(converted, encoding="utf-8", newline="") as handle:
            back = list(csv.reader(handle))
        # Calc pads every row to its widest one, so a split row widens the header too
        assert len(back) == len(rows) + 1
        assert all(len(row) == len(header) for row in back), path
        if options is None:
            # without options headless Calc reads the file as Windows-1252 (it does
            # not look at the BOM), so only the columns can be compared
            assert back[0][1:] == header[1:]
        else:
            assert back == [header, *rows]


def test_a_cell_over_128_kib_reads_back(tmp_path):
    """Python's csv refuses a field over 128 KiB by default: 10 000 synonyms make one."""
    admitted = [Term(f"synonym number {i:05d}", Status.ADMITTED) for i in range(10_000)]
    g = make([("many", "field", {"en": ("many", admitted)})])
    path = tmp_path / "g.csv"
    write_csv(g, path)
    assert max(map(len, path.read_text(encoding="utf-8").split("\n"))) > 128 * 1024
    same_content(g, read_csv(path))
    import csv

    assert csv.field_size_limit() == 128 * 1024  # the limit of other readers is left alone


class TestContract(FormatContract):
    name = "glossary.csv"

    def read_back(self, path):
        return csv_text(read_csv(path))  # what was read, written again

    def expected(self, glossary):
        return csv_text(glossary)
