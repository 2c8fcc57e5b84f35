"""The template is generated from the English catalog, and checked for staleness."""

from __future__ import annotations

from conftest import LOCALES

from glossary.layout import catalog_path, template_path


def test_committed_template_is_current(cli):
    result = cli("extract", "--check", "--locales", str(LOCALES))
    assert result.code == 0, result.err


def test_editing_an_english_msgid_makes_the_check_fail(locales, cli):
    path = catalog_path(locales, "en")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'msgid "offshore outsourcing"\nmsgstr "offshore outsourcing"',
            'msgid "off-shore outsourcing"\nmsgstr "off-shore outsourcing"',
        ),
        encoding="utf-8",
    )
    result = cli("extract", "--check", "--locales", str(locales))
    assert result.code == 1
    assert "out of date" in result.err and '+msgid "off-shore outsourcing"' in result.err
    assert cli("extract", "--locales", str(locales)).code == 0
    assert cli("extract", "--check", "--locales", str(locales)).code == 0


def test_template_is_deterministic_and_dated_only_by_source_date_epoch(locales, cli, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    cli("extract", "--locales", str(locales))
    first = template_path(locales).read_bytes()
    cli("extract", "--locales", str(locales))
    assert template_path(locales).read_bytes() == first
    assert b"POT-Creation-Date" not in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cli("extract", "--locales", str(locales))
    assert b"POT-Creation-Date: 2023-11-14 22:13+0000" in template_path(locales).read_bytes()


def test_template_has_no_translations_and_carries_the_english_context():
    text = template_path(LOCALES).read_text(encoding="utf-8")
    assert 'msgstr ""\n' in text and "\n# pos:" not in text  # no translator comments
    assert "#. Definition: " in text and "#. Subject field: " in text


def test_extract_refuses_a_broken_english_catalog(locales, cli):
    path = catalog_path(locales, "en")
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "x\n', encoding="utf-8")
    before = template_path(locales).read_bytes()
    result = cli("extract", "--locales", str(locales))
    assert result.code == 1 and f"{path}:" in result.err
    assert template_path(locales).read_bytes() == before


def test_check_reports_a_template_that_is_not_utf8_at_its_line(locales, cli):
    path = template_path(locales)
    data = path.read_bytes()
    at = data.index(b'msgctxt "')
    path.write_bytes(data[:at] + b"# \xff\xfe\n" + data[at:])
    result = cli("extract", "--check", "--locales", str(locales))
    line = data[:at].count(b"\n") + 1
    assert result.code == 1, result.err
    assert f"{path}:{line}: error: not valid UTF-8" in result.err
    assert "Traceback" not in result.err


def test_check_refuses_a_template_that_is_a_named_pipe(locales):
    import os
    import subprocess
    import sys

    path = template_path(locales)
    path.unlink()
    os.mkfifo(path)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "glossary", "extract", "--check", "--locales", str(locales)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("extract --check waited for ever on a named pipe") from None
    assert result.returncode == 1
    assert f"{path}:0: error: is not a regular file" in result.stderr


def test_check_reports_a_syntax_error_of_the_template_at_its_line(locales, cli):
    path = template_path(locales)
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("msgctxt "))
    lines[at] = 'msgctxt "unterminated'
    path.write_text("\n".join(lines), encoding="utf-8")
    result = cli("extract", "--check", "--locales", str(locales))
    assert result.code == 1 and f"{path}:{at + 1}: error: unterminated string" in result.err


def test_a_stale_template_is_reported_at_its_first_changed_line(locales, cli):
    path = template_path(locales)
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("msgid ") and i > 10)
    lines[at] = lines[at][:-1] + ' (edited by hand)"'
    path.write_text("\n".join(lines), encoding="utf-8")
    result = cli("extract", "--check", "--locales", str(locales))
    assert result.code == 1
    assert f"{path}:{at + 1}: error: out of date with the English catalog" in result.err
