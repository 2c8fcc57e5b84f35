"""Bad and odd input, case by case, through ``check``, ``build``, ``lookup`` and ``update``.

``CASES`` below is the matrix: one row per case. Each case is made from one
small fixture in ``tests/data/matrix/`` on a private copy of the shipped
catalogs:

* ``<case>.po`` is a whole catalog that takes the place of the Polish one;
* ``<case>.toml`` says how to change the copy: ``lang`` (the catalog changed),
  ``[[edit]]`` find/replace pairs (``count = 0``: every occurrence; ``@FILL@``
  in a replacement stands for ``fill`` repeated to ``fill_to`` characters),
  ``append`` (text added at the end), ``every_catalog`` (edit every catalog,
  not only ``lang``), ``transform`` (``bom``, ``crlf``, ``msgcat``: GNU msgcat
  with its default wrapping, ``rewrap78``: polib with its default wrap width,
  ``reverse``: the entries in reverse order) or ``make`` (``directory``,
  ``fifo``, ``unreadable``, ``dangling_symlink``, ``symlink_outside``,
  ``copy_folder``: a copy of the catalog in the locale folder ``folder``).

The columns: the exit code of each command; where the finding is (the locale
folder and the line: a number, ``header`` for the header entry,
``entry:<msgctxt>`` for the first line of that entry, ``text:<snippet>`` for
the first line holding the snippet, 0 for the file as a whole); a fragment of
its message; and, for valid input, what the result must equal:

``tidy``      the same glossary (``load``) and the same build output, byte
              for byte, as the shipped catalogs;
``text``      the changed concepts come out of every export (TBX, CSV, .mo,
              OmegaT, site) exactly as loaded, escaped where the format needs
              it, and ``lookup`` finds every changed term;
``left_out``  a warning at the line given (``check --strict`` fails); the
              build leaves the entry out of the ``.mo``, as ``msgfmt`` does.

For bad input each command must exit with the code given, print
``path:line: error: …`` (no traceback), and change nothing: the locales tree
and the previous build output are hashed before and after, and no temporary
folder is left. ``check`` runs in a subprocess (a real exit code, a real
stderr, and a time limit: a catalog that is a named pipe once made it wait
for ever); the other commands run in-process. ``update`` may succeed on a
catalog whose content (not syntax) is wrong, as ``msgmerge`` does; then it
must keep exactly what the catalogs said (the same glossary and findings).
"""

from __future__ import annotations

import csv
import gettext
import hashlib
import html.parser
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from typing import NamedTuple

import polib
import pytest
import tomllib
from conftest import LOCALES, ROOT, require_tool, run_cli

from glossary.catalogs import load_catalogs
from glossary.cli import COMMANDS
from glossary.layout import catalog_path

DATA = Path(__file__).parent / "data" / "matrix"
LOOKUP = "data mining"  # a term of the shipped glossary; lookup loads every catalog


class Case(NamedTuple):
    id: str
    fixture: str
    check: int
    build: int
    lookup: int
    update: int | None  # None: update does not apply
    file: str  # the locale folder of the finding
    line: int | str | None
    message: str | None
    valid: str | None = None  # None for bad input; tidy, text or left_out


# fmt: off
CASES = [
    #    case                          fixture                            check build lookup update  file            line                                  message
    # -- syntax (a tiny catalog in place of the Polish one) -----------------------------------------------------------------------------------------------------------
    Case("unterminated_string",        "unterminated_string.po",          1,    1,    1,     1,      "pl",           18,                                   "unterminated string"),
    Case("bad_escape",                 "bad_escape.po",                   1,    1,    1,     1,      "pl",           18,                                   "invalid escape sequence '\\s'"),
    Case("msgstr_without_msgid",       "msgstr_without_msgid.po",         1,    1,    1,     1,      "pl",           17,                                   "msgstr without msgid"),
    Case("text_outside_entry",         "text_outside_entry.po",           1,    1,    1,     1,      "pl",           20,                                   "text outside any entry"),
    Case("truncated",                  "truncated.po",                    1,    1,    1,     1,      "pl",           16,                                   "the file ends inside an entry"),
    Case("empty_file",                 "empty.po",                        1,    1,    1,     1,      "pl",           1,                                    "empty file"),
    Case("file_is_directory",          "file_is_directory.toml",          1,    1,    1,     1,      "pl",           0,                                    "is a directory, not a PO file"),
    Case("unreadable",                 "unreadable.toml",                 1,    1,    1,     1,      "pl",           0,                                    "cannot read: Permission denied"),
    Case("fifo",                       "fifo.toml",                       1,    1,    1,     1,      "pl",           0,                                    "is not a regular file"),
    Case("dangling_symlink",           "dangling_symlink.toml",           1,    1,    1,     1,      "pl",           0,                                    "cannot read: No such file or directory"),
    Case("comment_inside_entry",       "comment_inside_entry.toml",       1,    1,    1,     1,      "pl",           "text:# note: inside the entry",      "a comment inside an entry"),
    Case("dangling_msgctxt",           "dangling_msgctxt.toml",           1,    1,    1,     1,      "pl",           'text:msgctxt "data_mining.stray"',   "msgctxt without msgid"),
    Case("previous_msgctxt_alone",     "previous_msgctxt_alone.toml",     1,    1,    1,     1,      "pl",           "text:#| msgctxt",                    "'#| msgctxt' without '#| msgid'"),
    Case("nbsp_line",                  "nbsp_line.toml",                  1,    1,    1,     1,      "pl",           "text:\u00a0",                        "text outside any entry"),
    Case("line_separator_line",        "line_separator_line.toml",        1,    1,    1,     1,      "pl",           "text:\u2028",                        "text outside any entry"),
    Case("msgstr_index_without_plural", "msgstr_index_without_plural.toml", 1,  1,    1,     1,      "pl",           "text:msgstr[0]",                     "msgstr[0] without msgid_plural"),
    # -- encoding ---------------------------------------------------------------------------------------------------------------------------------------------------
    Case("invalid_utf8",               "invalid_utf8.po",                 1,    1,    1,     1,      "pl",           22,                                   "not valid UTF-8 (byte 0xea)"),
    Case("charset_latin2",             "charset_latin2.po",               1,    1,    1,     1,      "pl",           22,                                   "the header says charset=ISO-8859-2"),
    Case("nul_byte",                   "nul_byte.po",                     1,    1,    1,     1,      "pl",           22,                                   "NUL byte"),
    Case("bom",                        "bom.toml",                        0,    0,    0,     0,      "pl",           None,                                 None, "tidy"),
    Case("crlf",                       "crlf.toml",                       0,    0,    0,     0,      "pl",           None,                                 None, "tidy"),
    # -- structure --------------------------------------------------------------------------------------------------------------------------------------------------
    Case("duplicate_entry",            "duplicate_entry.toml",            1,    1,    1,     1,      "de",           "entry:data_entry.term#2",            "duplicate entry 'data_entry.term'/'data entry'"),
    Case("unknown_relation",           "unknown_relation.toml",           1,    1,    1,     1,      "en",           "entry:web_hosting.term",             "broader concept 'no_such_concept' does not exist"),
    Case("invalid_xml_id",             "invalid_xml_id.toml",             1,    1,    1,     1,      "en",           "entry:2web_hosting.term",            "not snake_case ASCII (a valid XML ID)"),
    Case("no_preferred_term",          "no_preferred_term.toml",          1,    1,    1,     0,      "pl",           "entry:data_mining.term",             "data_mining: no preferred term in 'pl'"),
    Case("two_preferred_terms",        "two_preferred_terms.toml",        1,    1,    1,     0,      "de",           "entry:knowledge_process_outsourcing.abbr", "2 preferred terms in 'de'"),
    Case("empty_definition",           "empty_definition.toml",           0,    0,    0,     0,      "pl",           "entry:data_mining.term",             "data_mining: no definition in 'pl'", "left_out"),
    Case("fuzzy_entry",                "fuzzy_entry.toml",                0,    0,    0,     0,      "pl",           "entry:data_mining.definition",       "fuzzy entry 'data_mining.definition'", "left_out"),
    Case("obsolete_duplicates_live",   "obsolete_duplicates_live.toml",   1,    1,    1,     1,      "pl",           'text:#~ msgctxt "data_mining.term"', "duplicate entry 'data_mining.term'/'data mining'"),
    Case("plural_entry",               "plural_entry.toml",               1,    1,    1,     0,      "pl",           "entry:data_mining.term",             "'data_mining.term' has plural forms"),
    Case("obsolete_entries",           "obsolete_entries.toml",           0,    0,    0,     0,      "pl",           None,                                 None, "tidy"),
    Case("previous_msgid",             "previous_msgid.toml",             0,    0,    0,     0,      "pl",           None,                                 None, "tidy"),
    Case("msgcat_wrapped",             "msgcat_wrapped.toml",             0,    0,    0,     0,      "pl",           None,                                 None, "tidy"),
    Case("rewrapped_78",               "rewrapped_78.toml",               0,    0,    0,     0,      "pl",           None,                                 None, "tidy"),
    Case("comment_wrapped_at_space",   "comment_wrapped_at_space.toml",   0,    0,    0,     0,      "pl",           None,                                 None, "tidy"),
    Case("reordered",                  "reordered.toml",                  0,    0,    0,     0,      "pl",           None,                                 None, "tidy"),
    # -- headers ----------------------------------------------------------------------------------------------------------------------------------------------------
    Case("missing_language",           "missing_language.toml",           1,    1,    1,     0,      "pl",           "header",                             "header has no Language (expected 'pl')"),
    Case("language_contradicts_folder", "language_contradicts_folder.toml", 1,  1,    1,     0,      "pl",           "header",                             "header Language 'cs' contradicts the folder 'pl'"),
    Case("missing_plural_forms",       "missing_plural_forms.toml",       1,    1,    0,     0,      "bg",           "header",                             "header has no Plural-Forms"),
    Case("wrong_plural_forms",         "wrong_plural_forms.toml",         1,    1,    0,     0,      "pl",           'text:"Plural-Forms:',                "differs from CLDR's rule for 'pl'"),
    # -- text -------------------------------------------------------------------------------------------------------------------------------------------------------
    Case("trailing_space",             "trailing_space.toml",             1,    1,    1,     0,      "de",           "entry:data_entry.term",              "'Datenerfassung ' in 'de': leading or trailing spaces"),
    Case("mixed_script",               "mixed_script.toml",               1,    1,    1,     0,      "bg",           "entry:outsourcing.term",             "word 'aутсорсинг' mixes scripts"),
    Case("xml_special",                "xml_special.toml",                0,    0,    0,     0,      "pl",           None,                                 None, "text"),
    Case("quotes_backslashes",         "quotes_backslashes.toml",         0,    0,    0,     0,      "pl",           None,                                 None, "text"),
    Case("formula_start",              "formula_start.toml",              0,    0,    0,     0,      "pl",           None,                                 None, "text"),
    Case("rtl_combining",              "rtl_combining.toml",              0,    0,    0,     0,      "pl",           None,                                 None, "text"),
    Case("long_definition",            "long_definition.toml",            0,    0,    0,     0,      "pl",           None,                                 None, "text"),
    # -- paths ------------------------------------------------------------------------------------------------------------------------------------------------------
    Case("folder_not_a_locale",        "folder_not_a_locale.toml",        1,    1,    1,     1,      "not-a-locale", 0,                                    "'not-a-locale' is not a locale code"),
    Case("folder_with_dots",           "folder_with_dots.toml",           1,    1,    1,     1,      "x..y",         0,                                    "'x..y' is not a locale code"),
    Case("symlink_outside",            "symlink_outside.toml",            1,    1,    1,     1,      "pl",           0,                                    "outside"),
]
# fmt: on
COMMAND_NAMES = ("check", "build", "lookup", "update")

#: Where ``update`` reports another finding than ``check``: (file, line, message).
UPDATE_FINDING = {
    "unknown_relation": ("glossary.pot", 0, "the template is out of date"),
    "invalid_xml_id": ("glossary.pot", 0, "the template is out of date"),
}


# -- making a case -------------------------------------------------------------------------------


def _fill(spec: dict, text: str) -> str:
    if "@FILL@" not in text:
        return text
    fill = (spec["fill"] * (spec["fill_to"] // len(spec["fill"]) + 1))[: spec["fill_to"]].rstrip()
    return text.replace("@FILL@", fill)


def _edit(spec: dict, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for edit in spec.get("edit", []):
        count = edit.get("count", 1)
        assert edit["find"] in text, f"{path}: {edit['find']!r} not found"
        text = text.replace(edit["find"], _fill(spec, edit["replace"]), count or -1)
    if "append" in spec:
        text += "\n" + spec["append"]
    path.write_text(text, encoding="utf-8")


def _transform(kind: str, path: Path) -> None:
    data = path.read_bytes()
    if kind == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + data)
    elif kind == "crlf":
        path.write_bytes(data.replace(b"\n", b"\r\n"))
    elif kind == "msgcat":
        msgcat = require_tool("msgcat", "GNU gettext: apt-get install gettext")
        wrapped = path.with_name("wrapped.po")
        subprocess.run([msgcat, "-o", str(wrapped), str(path)], check=True)
        os.replace(wrapped, path)
        assert path.read_text(encoding="utf-8").count('msgstr ""\n"') > 1  # strings wrapped
    elif kind == "rewrap78":
        catalog = polib.pofile(str(path))  # polib's default wrap width, 78
        catalog.save()
        assert path.read_bytes().count(b"\n") > data.count(b"\n")  # long lines were wrapped
    elif kind == "reverse":
        header, *entries = data.decode("utf-8").rstrip("\n").split("\n\n")
        path.write_text("\n\n".join([header] + entries[::-1]) + "\n", encoding="utf-8")
    else:
        raise AssertionError(f"unknown transform {kind!r}")


def _make(spec: dict, root: Path, path: Path) -> None:
    kind = spec["make"]
    if kind == "directory":
        path.unlink()
        path.mkdir()
        (path / "glossary.po").write_text("", encoding="utf-8")
    elif kind == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif kind == "unreadable":
        path.chmod(0)
    elif kind == "dangling_symlink":
        path.unlink()
        path.symlink_to("glossary-old.po")
    elif kind == "symlink_outside":
        outside = root.parent / "outside" / "glossary.po"
        outside.parent.mkdir()
        shutil.move(path, outside)
        path.symlink_to(outside)
    elif kind == "copy_folder":
        shutil.copytree(root / spec["lang"], root / spec["folder"])
    else:
        raise AssertionError(f"unknown make {kind!r}")


def make_case(case: Case, base: Path) -> Path:
    """A copy of the shipped catalogs under ``base`` with the case applied; its root."""
    root = base / "locales"
    shutil.copytree(LOCALES, root)
    if case.fixture.endswith(".po"):
        shutil.copyfile(DATA / case.fixture, catalog_path(root, "pl"))
        return root
    spec = tomllib.loads((DATA / case.fixture).read_text(encoding="utf-8"))
    langs = (
        sorted(p.name for p in root.iterdir() if p.is_dir())
        if spec.get("every_catalog")
        else [spec["lang"]]
    )
    for lang in langs:
        _edit(spec, catalog_path(root, lang))
    if "transform" in spec:
        _transform(spec["transform"], catalog_path(root, spec["lang"]))
    if "make" in spec:
        _make(spec, root, catalog_path(root, spec["lang"]))
    return root


def expected_line(spec: int | str, path: Path) -> int:
    if isinstance(spec, int):
        return spec
    # lines end at a line feed only, as in GNU gettext (not at U+2028)
    lines = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    if spec == "header":
        return next(n for n, line in enumerate(lines, 1) if line.startswith("msgid"))
    kind, _, needle = spec.partition(":")
    if kind == "text":
        return next(n for n, line in enumerate(lines, 1) if needle in line)
    needle, _, nth = needle.partition("#")
    at = [n for n, line in enumerate(lines) if line == f'msgctxt "{needle}"'][int(nth or 1) - 1]
    while at > 0 and lines[at - 1].startswith("#"):
        at -= 1
    return at + 1


# -- running a command ---------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` with its kind, mode and content hash (never follows links)."""
    found: dict[str, str] = {}
    if not folder.exists() and not folder.is_symlink():
        return found
    for parent, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(parent, name)
            info = path.lstat()
            rel = str(path.relative_to(folder))
            if stat.S_ISLNK(info.st_mode):
                found[rel] = f"link {os.readlink(path)}"
            elif stat.S_ISREG(info.st_mode):
                try:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                except PermissionError:
                    digest = f"unreadable {info.st_size} {info.st_mtime_ns}"
                found[rel] = f"file {oct(info.st_mode)} {digest}"
            else:
                found[rel] = f"{stat.filemode(info.st_mode)}"
    return found


class Result(NamedTuple):
    code: int
    out: str
    err: str


def _in_subprocess(args: list[str]) -> Result:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(
            [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        ),
    )
    try:
        done = subprocess.run(
            [sys.executable, "-m", "glossary", *args],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"glossary {' '.join(args)} did not finish within 30 s")
    return Result(done.returncode, done.stdout, done.stderr)


def _as_nobody(args: list[str]) -> Result:
    """Run the command in a forked child that has given up root (uid/gid 65534).

    As root, mode 000 does not stop a read; a process that is not root is
    refused, which is the case a user meets.
    """
    for name in ("check", "lookup"):  # load every lazily read module and CLDR file as root
        run_cli(name, *(["data mining"] if name == "lookup" else []), "--locales", str(LOCALES))
    if "update" in COMMANDS:
        import glossary.update  # noqa: F401
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        try:
            os.close(read)
            try:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            except OSError as exc:
                payload = [None, "", f"cannot give up root here: {exc}"]
            else:
                result = run_cli(*args)
                payload = [result.code, result.out, result.err]
        except BaseException:
            payload = [99, "", traceback.format_exc()]
        with os.fdopen(write, "w", encoding="utf-8") as handle:
            json.dump(payload, handle)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as handle:
        data = handle.read()
    os.waitpid(pid, 0)
    code, out, err = json.loads(data)
    if code is None:
        pytest.skip(f"running as root, where mode 000 does not stop a read, and {err}")
    return Result(code, out, err)


def run(case: Case, *args: str) -> Result:
    if case.fixture == "unreadable.toml" and os.geteuid() == 0:
        return _as_nobody(list(args))
    if case.fixture == "fifo.toml" or (args[0] == "check" and case.valid is None):
        return _in_subprocess(list(args))
    result = run_cli(*args)
    return Result(result.code, result.out, result.err)


def command_args(command: str, root: Path, out: Path) -> list[str]:
    return {
        "check": ["check", "--locales", str(root)],
        "build": ["build", "--locales", str(root), "--out", str(out)],
        "lookup": ["lookup", "--locales", str(root), LOOKUP],
        "update": ["update", "--locales", str(root)],
    }[command]


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tidy_build(tmp_path_factory) -> Path:
    """The shipped catalogs built once with the real CLI: the previous output of every case."""
    out = tmp_path_factory.mktemp("tidy") / "exports"
    result = run_cli("build", "--locales", str(LOCALES), "--out", str(out))
    assert result.code == 0, result
    return out


@pytest.fixture
def base(tmp_path, request) -> Path:
    """Where a case is made: ``tmp_path``, or for the unreadable case as root a folder that
    the unprivileged child can walk into."""
    case = request.node.callspec.params["case"]
    if case.fixture != "unreadable.toml" or os.geteuid() != 0:
        return tmp_path
    folder = Path(tempfile.mkdtemp(prefix="glossary-matrix-"))
    folder.chmod(0o755)
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    return folder


def _params():
    for case in CASES:
        for command in COMMAND_NAMES:
            expected = getattr(case, command)
            if expected is not None:
                yield pytest.param(case, command, id=f"{case.id}-{command}")


# -- the matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case, command", list(_params()))
def test_matrix(case: Case, command: str, base: Path, tidy_build: Path) -> None:
    if command not in COMMANDS:
        pytest.skip("command not available yet")
    root = make_case(case, base)
    out = base / "exports"
    if case.valid is None:
        shutil.copytree(tidy_build, out, symlinks=True)
    before = {
        "locales": snapshot(root),
        "exports": snapshot(out),
        "beside": sorted(p.name for p in base.iterdir()),
    }
    result = run(case, *command_args(command, root, out))

    assert result.code == getattr(case, command), result
    assert "Traceback" not in result.err, result.err
    if case.valid is None:
        _assert_refused(case, command, root, out, base, before, result)
    else:
        _assert_valid(case, command, root, out, base, before, result, tidy_build)


def _assert_reported(
    case: Case, root: Path, result: Result, severity: str = "error", command: str = "check"
) -> None:
    file, line, message = (
        UPDATE_FINDING.get(case.id, (case.file, case.line, case.message))
        if command == "update"
        else (case.file, case.line, case.message)
    )
    path = root / file if file.endswith(".pot") else catalog_path(root, file)
    wanted = f"{path}:{expected_line(line, path)}: {severity}: "
    hits = [row for row in result.err.splitlines() if row.startswith(wanted) and message in row]
    assert hits, f"expected {wanted}…{message}… in:\n{result.err}"


def _assert_refused(case, command, root, out, base, before, result) -> None:
    assert snapshot(out) == before["exports"], "the previous output changed"
    assert sorted(p.name for p in base.iterdir()) == before["beside"], (
        "something was left beside the output"
    )
    if result.code:
        _assert_reported(case, root, result, command=command)
        assert snapshot(root) == before["locales"], "the catalogs changed"
    else:  # what only `check` judges: update and lookup go on, and lose or fix nothing silently
        assert command in ("update", "lookup")
        assert _loaded(root) == _loaded(_unchanged_copy(case, base)), (
            "update changed what the catalogs say"
        )


def _unchanged_copy(case: Case, base: Path) -> Path:
    again = base / "again"
    again.mkdir()
    return make_case(case, again)


def _loaded(root: Path):
    """The glossary and the findings (without lines, which a rewrite may move)."""
    glossary, findings = load_catalogs(root)
    return glossary, sorted({(f.severity.value, f.message) for f in findings})


def _assert_valid(case, command, root, out, base, before, result, tidy_build) -> None:
    if command != "update":
        assert snapshot(root) == before["locales"], f"{command} changed the catalogs"
    if case.valid == "left_out" and command == "check":
        _assert_reported(case, root, result, "warning")
        assert run_cli("check", "--strict", "--locales", str(root)).code == 1
    if command == "check":
        assert " 0 errors" in result.err
    elif command == "update":
        assert _loaded(root)[0] == _loaded(_unchanged_copy(case, base))[0], (
            "update changed what the catalogs say"
        )
    elif command == "lookup":
        tidy = run_cli("lookup", "--locales", str(LOCALES), LOOKUP)
        if case.valid == "tidy":
            assert result.out == tidy.out
        if case.valid == "text":
            _assert_lookup_finds_changed_terms(root)
    elif command == "build":
        if case.valid == "tidy":
            assert snapshot(out) == snapshot(tidy_build)
        elif case.valid == "left_out":
            _assert_definition_left_out(root, out)
        else:
            _assert_exports_carry(root, out)


# -- valid input: what must come out --------------------------------------------------------------


def _changed(root: Path) -> tuple:
    """The glossary of ``root`` and the (concept, language) sections that differ from the
    shipped ones."""
    import glossary

    shipped = glossary.load(LOCALES)
    mine, findings = load_catalogs(root)
    assert not [f for f in findings if f.severity.value == "error"], findings
    changed = [
        (c.id, lang)
        for c in mine
        for lang in mine.languages
        if c.languages.get(lang) != shipped.get(c.id).languages.get(lang)
    ]
    assert changed, "the case changed nothing"
    return mine, changed


def test_every_fixture_is_in_the_table() -> None:
    assert sorted(p.name for p in DATA.iterdir()) == sorted(case.fixture for case in CASES)


def test_cases_of_valid_input_change_what_they_say(tmp_path) -> None:
    """``tidy`` cases load as the shipped catalogs; ``text`` cases really change text."""
    import glossary

    for case in CASES:
        if case.valid not in ("tidy", "text"):
            continue
        if case.fixture == "msgcat_wrapped.toml" and not shutil.which("msgcat"):
            continue
        root = make_case(case, tmp_path / case.id)
        if case.valid == "tidy":
            loaded, findings = load_catalogs(root)
            assert loaded == glossary.load(LOCALES), case.id
            assert loaded.metadata == glossary.load(LOCALES).metadata, case.id
            assert not findings, (case.id, findings)
        else:
            _changed(root)


def _assert_lookup_finds_changed_terms(root: Path) -> None:
    mine, changed = _changed(root)
    for concept_id, lang in changed:
        for term in mine.get(concept_id).languages[lang].terms:
            result = run_cli(
                "lookup", "--locales", str(root), "--lang", lang, "--json", "--", term.text
            )
            assert result.code == 0, (term, result)
            matches = json.loads(result.out)["matches"]
            assert any(
                m["concept"]["id"] == concept_id
                and any(hit["text"] == term.text for hit in m["matched"])
                for m in matches
            ), (term, matches)


class _Text(html.parser.HTMLParser):
    """The text of an HTML page (character references decoded) and its start tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.chunks.append(data)


def _assert_exports_carry(root: Path, out: Path) -> None:
    from glossary.formats.csvfile import FORMULA_START, read_csv
    from glossary.formats.omegat import file_name
    from glossary.formats.tbx import read_tbx

    mine, changed = _changed(root)
    tbx = read_tbx(out / "glossary.tbx")
    table = read_csv(out / "glossary.csv")
    with open(out / "glossary.csv", encoding="utf-8-sig", newline="") as handle:
        raw_cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in raw_cells if cell[:1] in FORMULA_START], (
        "a CSV cell a spreadsheet would run as a formula"
    )
    page = None
    if (out / "site" / "index.html").is_file():
        page = _Text()
        page.feed((out / "site" / "index.html").read_text(encoding="utf-8"))
        assert page.tags.count("article") == len(mine), "markup from the data got into the page"
        page_text = "\x00".join(page.chunks)
    for concept_id, lang in changed:
        concept = mine.get(concept_id)
        section = concept.languages[lang]
        assert tbx.get(concept_id) == concept
        row = table.get(concept_id).languages[lang]
        assert row.definition == section.definition
        assert [(t.text, t.status) for t in row.terms] == [
            (t.text, t.status) for t in section.terms
        ]
        translation = gettext.translation("glossary", str(out / "locale"), languages=[lang])
        english = concept.languages["en"]
        assert (
            translation.pgettext(f"{concept_id}.term", english.preferred.text)
            == section.preferred.text
        )
        assert (
            translation.pgettext(f"{concept_id}.definition", english.definition)
            == section.definition
        )
        if lang != "en":
            tsv = (out / "omegat" / file_name(lang)).read_text(encoding="utf-8")
            assert f"\t{section.preferred.text}\t{section.definition}" in tsv
        if page is not None:
            for text in [section.definition] + [t.text for t in section.terms]:
                assert text in page_text, f"{text[:80]!r} is not on the page as text"


def _assert_definition_left_out(root: Path, out: Path) -> None:
    import glossary

    mine, _ = load_catalogs(root)
    concept = mine.get("data_mining")
    assert concept.definition("pl") == ""
    shipped = glossary.load(LOCALES).get("data_mining")
    translation = gettext.translation("glossary", str(out / "locale"), languages=["pl"])
    english = shipped.definition("en")
    assert translation.pgettext("data_mining.definition", english) == english  # not translated
    assert translation.pgettext("data_mining.term", shipped.preferred("en")) == shipped.preferred(
        "pl"
    )
