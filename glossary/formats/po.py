"""Read and write the glossary as gettext PO catalogs (with ``polib``).

The mapping
===========

One catalog per language, ``locales/<lang>/LC_MESSAGES/glossary.po``. The
English catalog is the source: its ``msgstr`` repeats its ``msgid``, and the
template ``locales/glossary.pot`` is generated from it (``glossary extract``).

Each concept gives up to three entries, in this order, keyed by ``msgctxt``:

==========================  ====================================  =========================
``msgctxt``                 ``msgid`` (English)                   ``msgstr`` (this language)
==========================  ====================================  =========================
``<id>.term``               the English preferred term            the preferred term
``<id>.abbr``               the English abbreviation (if any)     the abbreviation, admitted
``<id>.definition``         the English definition                the definition
==========================  ====================================  =========================

Extracted comments (``#.``) come from the template and are generated from the
English catalog: the English definition next to the term, the subject field,
the broader and related concepts. Nobody edits them; ``glossary update``
refreshes them, as ``msgmerge`` does.

Per-language facts live in translator comments (``# ``), which GNU
``msgmerge`` and ``msgcat`` keep and which belong to one catalog. One fact per
line, ``key: value``:

``pos: noun``           part of speech (noun, verb, adjective, adverb, other)
``gender: masculine``   grammatical gender (masculine, feminine, neuter, other)
``type: acronym``       term type (fullForm, acronym, abbreviation, shortForm,
                        variant, phrase)
``status: admitted``    status (preferred, admitted, deprecated)
``note: …``             a note on the term
``forms: A, B, …``      inflected forms of the term that a text may contain
                        (``glossary lint`` matches them), comma-separated
``admitted: TEXT``      a further term of the concept, admitted
``deprecated: TEXT``    a further term of the concept, deprecated
``preferred: TEXT``     a further term of the concept, preferred (where the
                        entry's own text is not the preferred term)

The keys are a closed set (these, and the source catalog's below). Tools
that save a catalog may wrap long comment lines: polib at 78 columns with the
``# `` (76 of text), Babel at 76 of text, both at spaces, and polib also after
the hyphen of a compound (``Backoffice-`` | ``Tätigkeiten``). So a comment
line that starts with none of the keys continues the fact before it when that
fact is prose (``note:``, ``concept-note:``) and the line before it is full:
at most 76 columns, and too long to take the next line's first word (or one
overlong word). It is joined with a space; after a hyphen that follows two
letters, and before a letter, without one, since that is where polib breaks
compounds, unless the next word is a conjunction (``und``, ``i``, ``и``,
``and``…), which follows a suspended hyphen (``finanz- und``). Any other
comment line (``TODO: check with legal``) is not data: it is kept as a
comment (``glossary update`` keeps every translator comment) and reported as
a warning. A ``broader:`` or ``related:`` list of ids, which such a tool
breaks after a comma, continues on the next line when the line before ends
with a comma and the next holds only ids (``a_id, b_id``). No other fact (a term, a subject field)
is ever continued, so nothing is ever glued to a term: a line of one longer
than 76 columns, which such a tool would break, is a warning.

``pos``, ``gender``, ``type``, ``status``, ``note`` and ``forms`` describe the entry's own
term (on ``.term`` preferred full form by default, on ``.abbr`` admitted acronym
by default) until an ``admitted:``, ``deprecated:`` or ``preferred:`` line
starts a further term; after that they describe that further term. On a ``.definition`` entry
each ``note:`` line is a note of the concept in this language.

The source catalog also holds the language-independent facts of a concept,
on its ``.term`` entry: ``subject: …``, ``broader: id, id`` (generic: *is a kind
of*), ``part-of: id, id`` (partitive: *is a part of*), ``related: id, id`` (associative)
and ``concept-note: …`` (one per note).

Fuzzy and untranslated entries are not part of the glossary (as with
``msgfmt``). Obsolete entries (``#~``) are ignored. An entry with plural forms
(``msgid_plural``, ``msgstr[N]``) is an error: a term or a definition is one
text, and ``msgfmt`` would compile the forms that the glossary has no place for. No fact lives in a ``#,``
flag, since GNU tools drop flags they do not know.

Catalogs are written by ``polib`` without line wrapping (the form ``msgcat
--no-wrap`` writes), so reading and writing a catalog gives back the same
bytes.

Reading is at least as strict as ``msgfmt --check``, and strict where
``polib`` is lenient: an unterminated string, an escape sequence ``polib``
would not decode, a ``msgid`` without ``msgstr``, a ``msgctxt`` without
``msgid``, a comment between an entry's keywords, a previous message (``#|``)
out of its order, ``#~`` on some lines of an entry only, ``msgstr[N]``
without ``msgid_plural`` or out of order, text outside any entry (a line of
only a no-break space or U+2028 too: GNU gettext skips ASCII white space
only), a duplicate entry (obsolete ones too), a ``Plural-Forms`` that is not
a rule or that plural entries do not follow, a translation that does not
begin and end with a newline where its ``msgid`` does, a format-string flag,
NUL bytes, bytes that are not UTF-8, a non-UTF-8 ``charset`` and a path that
is not a regular file (a directory, a named pipe) all raise
:class:`GlossaryError` with the file and line. A UTF-8 byte order mark and
CRLF line endings are accepted (``msgfmt`` refuses both).
"""

from __future__ import annotations

import datetime
import enum
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import polib

from ..model import (
    SOURCE_LANGUAGE,
    Concept,
    Finding,
    Gender,
    Glossary,
    GlossaryError,
    LangSection,
    Origin,
    PartOfSpeech,
    Severity,
    Status,
    Term,
    TermType,
)

__all__ = [
    "read_po",
    "catalog_to_glossary",
    "write_po",
    "po_text",
    "pot_text",
    "parse_catalog",
    "parse_file",
    "parse_text",
    "read_text",
    "ParsedCatalog",
    "EntryLines",
    "header_comment",
    "standard_header",
    "entries",
    "template_entries",
    "entry_line",
    "catalog_language",
    "revision_date",
    "is_po_date",
    "FIXED_REVISION_DATE",
    "UNITS",
    "PROJECT",
    "COMMENT_KEYS",
]

PROJECT = "bpo-kpo-glossary"
#: The translatable units of a concept, in catalog order.
UNITS = ("term", "abbr", "definition")

_TERM_KEYS = {"pos", "gender", "type", "status", "note", "forms"}
_NEW_TERM_KEYS = {
    "admitted": Status.ADMITTED,
    "deprecated": Status.DEPRECATED,
    "preferred": Status.PREFERRED,
}
#: The relations of a concept: model attribute, template label, translator-comment key.
_RELATIONS = (
    ("broader", "Broader", "broader"),
    ("part_of", "Part of", "part-of"),
    ("related", "Related", "related"),
)
_CONCEPT_KEYS = {"subject", "concept-note"} | {key for _, _, key in _RELATIONS}
_ENUMS: dict[str, type[enum.Enum]] = {
    "pos": PartOfSpeech,
    "gender": Gender,
    "type": TermType,
    "status": Status,
}
_COMMENT = re.compile(r"([a-z-]+):\s?(.*)\Z", re.S)
_KEYS = _TERM_KEYS | set(_NEW_TERM_KEYS) | _CONCEPT_KEYS
#: The keys of the translator-comment facts: a closed set (see the module docstring).
COMMENT_KEYS = frozenset(_KEYS)
#: Facts whose value is long text (prose, a list of forms), which a tool that wraps
#: comments may break over lines.
_PROSE_KEYS = {"note", "concept-note", "forms"}
#: Facts whose value is a list of concept ids, which such a tool breaks after a comma.
_ID_LIST_KEYS = {"broader", "part-of", "related"}
_IDS = re.compile(r"[a-z0-9_]+(?:, [a-z0-9_]+)*,?\Z")
#: The text width (after ``# ``) at which polib (78 with ``# ``) and Babel (76) wrap comments.
WRAP_WIDTH = 76
# where polib's textwrap breaks a compound: after a hyphen that follows two letters
_HYPHEN_BREAK = re.compile(r"[^\W\d_]{2}-\Z")
_LETTERS_NEXT = re.compile(r"[^\W\d_]-?[^\W\d_]")
#: Words that follow a suspended hyphen ("finanz- und"), in the glossary's languages.
_CONJUNCTIONS = frozenset(
    {"und", "oder", "bzw", "sowie", "als", "bis", "i", "lub", "albo", "oraz", "czy", "ani"}
    | {"и", "или", "and", "or", "nor"}
)


# -- reading: bytes -> polib, in one pass -------------------------------------------

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(.*)\Z")
_ESCAPES = set('\\"ntrvbf')


_VALID_STRING = re.compile(r'"(?:[^"\\]|\\[\\"ntrvbf])*"\s*\Z')


def _string_error(rest: str) -> tuple[str, int] | None:
    """Check one quoted PO string: return (message, column) of its first error."""
    if _VALID_STRING.match(rest):
        return None
    if not rest.startswith('"'):
        return ("expected a quoted string", 0)
    i = 1
    while i < len(rest):
        ch = rest[i]
        if ch == "\\":
            if i + 1 >= len(rest):
                return ("unterminated string (it ends with a backslash)", i)
            if rest[i + 1] not in _ESCAPES:
                return (
                    f"invalid escape sequence '\\{rest[i + 1]}' (use \\\\, \\\", \\n or \\t)",
                    i,
                )
            i += 2
            continue
        if ch == '"':
            if rest[i + 1 :].strip():
                return ('text after the closing quote (an unescaped " inside the string?)', i + 1)
            return None
        i += 1
    return ("unterminated string (no closing quote on this line)", len(rest))


def _value(rest: str) -> str:
    """The text of a valid quoted string (``polib.unescape`` decodes its escapes)."""
    text = rest.rstrip()[1:-1]
    return polib.unescape(text) if "\\" in text else text


#: What GNU gettext skips as white space between tokens (not NBSP, not U+2028).
_BLANK = " \t\r\f\v"
_PREVIOUS = {"msgctxt": "prev_ctxt", "msgid": "prev_id", "msgid_plural": "prev_plural"}
#: The polib attribute that a keyword (or a '#|' keyword, by its state) sets.
_ATTRIBUTE = {
    "msgctxt": "msgctxt",
    "msgid": "msgid",
    "msgid_plural": "msgid_plural",
    "msgstr": "msgstr",
    "prev_ctxt": "previous_msgctxt",
    "prev_id": "previous_msgid",
    "prev_plural": "previous_msgid_plural",
}
_CONTINUING = ("msgid_plural", "msgstr", "msgstr[]")
_HEADER_FIELD = re.compile(r'"([A-Za-z][A-Za-z0-9-]*):')


class EntryLines(NamedTuple):
    """Where the parts of one entry are in its file."""

    msgid: int  #: the line of its ``msgid``
    msgstr: int  #: the line of its ``msgstr`` (or ``msgstr[0]``)
    comments: tuple[int, ...]  #: the line of each translator comment, in order


class ParsedCatalog(NamedTuple):
    """A PO file as :func:`parse_file` read it: the ``polib`` object and line numbers.

    ``po``'s entries carry the line where each begins (``linenum``, as
    ``polib`` sets it); :attr:`entry_lines` gives the other lines of an entry,
    keyed by that line.
    """

    path: str
    po: polib.POFile
    header_line: int  #: the line of the header's ``msgid ""`` (1 when there is none)
    field_lines: dict[str, int]  #: a header field ("Plural-Forms") -> the line of its string
    entry_lines: dict[int, EntryLines]

    def line_of(self, entry: polib.POEntry) -> int:
        """The line where ``entry`` begins."""
        return entry.linenum or 1

    def field_line(self, name: str) -> int:
        """The line of the header field ``name``, or of the header when it has none."""
        return self.field_lines.get(name, self.header_line)

    def msgid_line(self, entry: polib.POEntry) -> int:
        lines = self.entry_lines.get(entry.linenum)
        return lines.msgid if lines else self.line_of(entry)

    def msgstr_line(self, entry: polib.POEntry) -> int:
        lines = self.entry_lines.get(entry.linenum)
        return lines.msgstr if lines else self.line_of(entry)

    def comment_lines(self, entry: polib.POEntry) -> list[tuple[int, str]]:
        """``entry``'s translator comment lines, each with its line number."""
        if not entry.tcomment:
            return []
        lines = self.entry_lines.get(entry.linenum)
        numbers = lines.comments if lines else ()
        texts = entry.tcomment.split("\n")
        if len(numbers) != len(texts):  # built in memory, not read: the entry's line
            numbers = (self.line_of(entry),) * len(texts)
        return list(zip(numbers, texts, strict=True))


def _check_path(path: Path) -> None:
    """Refuse a path that is not a regular file (a FIFO would block the read for ever)."""
    where = str(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise GlossaryError(
            [Finding(Origin(where, 0), Severity.ERROR, f"cannot read: {exc.strerror or exc}")]
        ) from None
    if stat.S_ISDIR(mode):
        raise GlossaryError(
            [Finding(Origin(where, 0), Severity.ERROR, "is a directory, not a PO file")]
        )
    if not stat.S_ISREG(mode):
        raise GlossaryError(
            [
                Finding(
                    Origin(where, 0),
                    Severity.ERROR,
                    "is not a regular file (a named pipe, socket or device), not a PO file",
                )
            ]
        )


_CHARSET = re.compile(rb"charset=([^\s;\\\"]+)")


def _decoded(raw: bytes, number: int, where: str, declared: bytes | None) -> str:
    """One line of a catalog as text; GlossaryError at a NUL byte or bytes that are not UTF-8."""
    if b"\0" in raw:
        raise GlossaryError(
            [Finding(Origin(where, number), Severity.ERROR, "NUL byte in the file")]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = (
            f"; the header says charset={declared.decode('ascii', 'replace')}: "
            "convert the file with msgconv --to-code=UTF-8"
            if declared and declared.lower() not in (b"utf-8", b"utf8")
            else ""
        )
        raise GlossaryError(
            [
                Finding(
                    Origin(where, number),
                    Severity.ERROR,
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); catalogs must be UTF-8{hint}",
                )
            ]
        ) from None


def _file_lines(path: Path, *, keep_ends: bool = False) -> Iterator[tuple[int, str]]:
    """The lines of a PO file, numbered from 1, decoded one at a time.

    Lines end at a line feed only (``str.splitlines`` would also end one at
    U+2028 and others, which may sit inside a string); a UTF-8 byte order mark
    is dropped, and so is a CR before the line feed unless ``keep_ends``
    (``msgfmt`` refuses both, GNU gettext's other tools accept them).
    """
    _check_path(path)
    where = str(path)
    declared: bytes | None = None
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if declared is None and b"charset=" in raw:
                    found = _CHARSET.search(raw)
                    declared = found.group(1) if found else None
                if not keep_ends:
                    raw = raw.rstrip(b"\n")
                    raw = raw[:-1] if raw.endswith(b"\r") else raw
                yield number, _decoded(raw, number, where, declared)
    except OSError as exc:
        raise GlossaryError(
            [Finding(Origin(where, 0), Severity.ERROR, f"cannot read: {exc.strerror or exc}")]
        ) from None


def _text_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of PO text, numbered from 1 (split at line feeds only)."""
    text = text[1:] if text.startswith("\ufeff") else text
    for number, line in enumerate(text.split("\n"), 1):
        yield number, line[:-1] if line.endswith("\r") else line


def read_text(path: str | os.PathLike[str]) -> str:
    """A PO file's text as it is (without a byte order mark), read as strictly as
    a catalog: a regular file, UTF-8, no NUL byte; :class:`GlossaryError` with
    the file and line."""
    return "".join(line for _, line in _file_lines(Path(path), keep_ends=True))


class _Parser:
    """The one reader of PO files: checks the syntax by the grammar of GNU
    gettext's reader and builds the ``polib`` objects, with every line number,
    in one pass over the lines.

    An entry is, in this order: its comments; the previous message
    (``#| msgctxt``, ``#| msgid``, ``#| msgid_plural``); ``msgctxt``;
    ``msgid``; then ``msgstr``, or ``msgid_plural`` and ``msgstr[0]``,
    ``msgstr[1]``… Each keyword is followed by strings. Every line of an
    obsolete entry starts with ``#~`` (its previous message with ``#~|``), and
    no line of a live entry does. Comments go before the entry: one between
    its keywords is an error, as with ``msgfmt``. The objects are the ones
    ``polib.pofile`` makes of a valid file: the same fields, the header's
    translator comments as the file's ``header``, its ``msgstr`` as
    ``metadata``, the previous message of an obsolete entry left out.
    """

    def __init__(self, where: str) -> None:
        self.where = where
        self.findings: list[Finding] = []
        self.po = polib.POFile(wrapwidth=0)
        self.header_comments: list[str] = []
        self.field_lines: dict[str, int] = {}
        self.entry_lines: dict[int, EntryLines] = {}
        self.first_msgid: tuple[int, bool] | None = None  # its line; whether it is msgid ""
        self.blank = True  # no line but white space yet
        # the entry being built, its translator comment lines, its msgstr line
        self.entry: polib.POEntry | None = None
        self.comments: list[int] = []
        self.msgid_line = self.msgstr_line = 0
        self.complete = False  # the entry has its msgstr: what follows starts another
        self.target = ""  # the attribute a continuing string extends
        self.plural = 0  # the msgstr[N] a continuing string extends

    def error(self, line: int, message: str) -> None:
        self.findings.append(Finding(Origin(self.where, line), Severity.ERROR, message))

    # building ------------------------------------------------------------------

    def _finish(self) -> None:
        entry = self.entry
        if entry is not None and self.msgstr_line:
            self.po.append(entry)
            self.entry_lines[entry.linenum] = EntryLines(
                self.msgid_line, self.msgstr_line, tuple(self.comments)
            )
        self.entry, self.comments, self.complete = None, [], False
        self.msgid_line = self.msgstr_line = 0

    def _current(self, number: int) -> polib.POEntry:
        """The entry a line belongs to: a new one after a complete entry."""
        if self.entry is None or self.complete:
            self._finish()
            self.entry = polib.POEntry(linenum=number)
        return self.entry

    def comment(self, number: int, body: str) -> None:
        """A comment line (``body`` starts with ``#``)."""
        if not body:
            return  # '#~' alone
        mark = body[:2]
        text = body[2:]
        if mark in ("#.", "#:", "#,"):
            if not text.strip():
                return  # polib skips an empty one
            text = text[1:] if text.startswith(" ") else text
            entry = self._current(number)
            if mark == "#.":
                entry.comment = f"{entry.comment}\n{text}" if entry.comment else text
            elif mark == "#,":
                entry.flags += [flag.strip() for flag in text.split(",")]
            else:
                for occurrence in text.split():
                    name, _, line = occurrence.rpartition(":")
                    entry.occurrences.append(
                        (name, line) if name and line.isdigit() else (occurrence, "")
                    )
            return
        text = body.lstrip("#")
        text = text[1:] if text.startswith(" ") else text
        if self.entry is None and not self.po and self.first_msgid is None:
            self.header_comments.append(text)  # before the first entry: the file's header
            return
        entry = self._current(number)
        entry.tcomment = f"{entry.tcomment}\n{text}" if entry.tcomment else text
        self.comments.append(number)

    def keyword(self, number: int, state: str, rest: str, marked: bool, index: int) -> None:
        """A keyword (``state``: the grammar's state after it; ``index``: N of
        ``msgstr[N]``) with its first string."""
        if state.startswith("prev_") and marked:
            self.target = ""  # polib leaves out an obsolete entry's previous message
            return
        # msgctxt, msgid or a previous message may begin an entry; the rest continue it
        entry = self._current(number) if state not in _CONTINUING else self.entry
        assert entry is not None  # the grammar put a msgid before
        if state == "msgstr[]":
            self.plural = index
            entry.msgstr_plural[self.plural] = _value(rest)
            self.target = "msgstr[]"
        else:
            self.target = _ATTRIBUTE[state]
            setattr(entry, self.target, _value(rest))
        if state in ("msgstr", "msgstr[]"):
            if not self.msgstr_line:
                self.msgstr_line = number
            self.complete = True
        if state in ("msgctxt", "msgid"):
            entry.obsolete = int(marked)
        if state == "msgid":
            self.msgid_line = number
        if state == "msgid" and self.first_msgid is None and not marked:
            self.first_msgid = (number, rest.startswith('""'))
        self._header_field(number, state, rest)

    def string(self, number: int, rest: str) -> None:
        """A string continuing the keyword before."""
        entry = self.entry
        if entry is None or not self.target:
            return
        if self.target == "msgstr[]":
            entry.msgstr_plural[self.plural] += _value(rest)
        else:
            setattr(entry, self.target, getattr(entry, self.target) + _value(rest))
        self._header_field(number, self.target, rest)

    def _header_field(self, number: int, state: str, rest: str) -> None:
        entry = self.entry
        if state == "msgstr" and entry is not None and entry.msgid == "" and not entry.obsolete:
            m = _HEADER_FIELD.match(rest)
            if m:
                self.field_lines.setdefault(m.group(1), number)

    def result(self) -> ParsedCatalog:
        self._finish()
        po = self.po
        po.header = "\n".join(self.header_comments)
        header = po.find("")
        if header is not None:
            po.remove(header)
            po.metadata_is_fuzzy = header.flags
            key = None
            for line in header.msgstr.splitlines():
                name, colon, value = line.partition(":")
                if colon:
                    key = name
                    po.metadata[key] = value.strip()
                elif key is not None:
                    po.metadata[key] += "\n" + line.strip()
        header_line = self.first_msgid[0] if self.first_msgid else 1
        return ParsedCatalog(self.where, po, header_line, self.field_lines, self.entry_lines)

    # the grammar -----------------------------------------------------------------

    def parse(self, lines: Iterable[tuple[int, str]]) -> ParsedCatalog:
        """Read ``lines``; raise :class:`GlossaryError` with every syntax error."""
        error = self.error
        # start: between entries; prev_ctxt/prev_id/prev_plural: after a '#|' keyword;
        # msgctxt/msgid/msgid_plural/msgstr/msgstr[]: after that keyword
        state = "start"
        entry_line = 0  # the first line of the current entry
        keyword_line = 0  # the line of the last keyword
        obsolete = False  # whether the current entry is obsolete
        plural_index = -1

        def unfinished() -> str | None:
            """What is missing when the entry being read is cut off here."""
            if state in ("prev_ctxt",):
                return "'#| msgctxt' without '#| msgid' after it"
            if state in ("prev_id", "prev_plural"):
                return "a previous message ('#| msgid') without the entry it belongs to"
            if state == "msgctxt":
                return "msgctxt without msgid"
            if state in ("msgid", "msgid_plural"):
                return "msgid without msgstr"
            return None

        for number, raw in lines:
            line = raw.strip(_BLANK)
            if not line:
                continue
            self.blank = False
            marked = False  # the line starts with '#~'
            previous = False  # the line starts with '#|' or '#~|'
            body = line
            if line.startswith("#"):
                if line.startswith("#~"):
                    marked, body = True, line[2:]
                    if body.startswith("|"):
                        previous, body = True, body[1:]
                elif line.startswith("#|"):
                    previous, body = True, line[2:]
                body = body.strip(_BLANK)
                if not previous and (not marked or not body or body.startswith("#")):
                    # a comment: before an entry, or after the last string of one
                    if state not in ("start", "msgstr", "msgstr[]"):
                        error(
                            number,
                            "a comment inside an entry (before its msgstr): comments go "
                            f"before the entry's first keyword (line {entry_line})",
                        )
                        continue
                    state = "start"
                    if not self.findings:
                        self.comment(number, body if marked else line)
                    continue
            m = _KEYWORD.match(body)
            if m is None and not body.startswith('"'):
                if previous or marked:
                    error(number, f"not a keyword or a string after '#~' or '#|': {body[:40]!r}")
                else:
                    error(number, f"text outside any entry: {line[:40]!r}")
                continue
            keyword = m.group(1) if m else None
            rest = m.group(2) if m else body
            if keyword is not None and keyword.startswith("msgstr["):
                index = int(keyword[7:-1])
                keyword = "msgstr[]"
            new_entry = state in ("start", "msgstr", "msgstr[]") and (
                keyword is not None and (previous or keyword in ("msgctxt", "msgid"))
            )
            if new_entry:
                entry_line, obsolete = number, marked
            elif (keyword is not None or state != "start") and marked != obsolete:
                error(
                    number,
                    "inconsistent use of '#~': "
                    + (
                        "this line is obsolete, but its entry is not"
                        if marked
                        else "this line is not obsolete, but its entry is"
                    ),
                )
                continue
            if keyword is None:  # a string continuing the keyword before
                if state == "start":
                    error(number, "text outside any entry")
                elif previous != state.startswith("prev_"):
                    error(
                        number,
                        "a '#|' string that continues no '#|' keyword"
                        if previous
                        else "a string after a previous message ('#|') must start with '#|' too",
                    )
                problem = _string_error(rest)
                if problem:
                    error(number, problem[0])
                elif not self.findings:
                    self.string(number, rest)
                continue
            if previous:
                allowed = {
                    "msgctxt": ("start", "msgstr", "msgstr[]"),
                    "msgid": ("start", "msgstr", "msgstr[]", "prev_ctxt"),
                    "msgid_plural": ("prev_id",),
                }.get(keyword, ())
                if state not in allowed:
                    if keyword not in _PREVIOUS:
                        error(number, f"'#| {keyword}': a previous message has no {keyword}")
                    elif state == "prev_ctxt":
                        error(keyword_line, "'#| msgctxt' without '#| msgid' after it")
                    elif keyword == "msgid_plural":
                        error(number, "'#| msgid_plural' without '#| msgid' before it")
                    else:
                        error(
                            number,
                            f"'#| {keyword}' inside an entry: the previous message "
                            "goes before msgctxt and msgid",
                        )
                    state, keyword_line = "start", number
                    continue
                state, keyword_line = _PREVIOUS[keyword], number
            else:
                fault: tuple[int, str] | None = None
                if keyword == "msgctxt":
                    if state == "prev_ctxt":
                        fault = (keyword_line, "'#| msgctxt' without '#| msgid' after it")
                    elif state == "msgctxt":
                        fault = (keyword_line, "msgctxt without msgid")
                    elif state in ("msgid", "msgid_plural"):
                        fault = (entry_line, "msgid without msgstr")
                elif keyword == "msgid":
                    if state == "prev_ctxt":
                        fault = (keyword_line, "'#| msgctxt' without '#| msgid' after it")
                    elif state in ("msgid", "msgid_plural"):
                        fault = (entry_line, "msgid without msgstr")
                elif keyword == "msgid_plural":
                    if state != "msgid":
                        fault = (number, "msgid_plural without msgid before it")
                elif keyword == "msgstr":
                    if state == "msgid_plural":
                        fault = (
                            number,
                            "msgstr after msgid_plural: the translations are "
                            "msgstr[0], msgstr[1], …",
                        )
                    elif state in ("msgstr", "msgstr[]"):
                        fault = (number, "a second msgstr in one entry")
                    elif state != "msgid":
                        fault = (number, "msgstr without msgid")
                else:  # msgstr[N]
                    if state == "msgid":
                        fault = (number, f"msgstr[{index}] without msgid_plural")
                    elif state == "msgstr":
                        fault = (number, f"msgstr[{index}] after msgstr")
                    elif state not in ("msgid_plural", "msgstr[]"):
                        fault = (number, "msgstr without msgid")
                    elif index != plural_index + 1:
                        expected = 0 if state == "msgid_plural" else plural_index + 1
                        fault = (number, f"msgstr[{index}] where msgstr[{expected}] is expected")
                    plural_index = index
                if fault is not None:
                    error(*fault)
                    if keyword in ("msgctxt", "msgid") and state not in ("msgctxt",):
                        entry_line, obsolete = number, marked
                if keyword == "msgid_plural":
                    plural_index = -1
                if keyword == "msgctxt" and state in ("start", "msgstr", "msgstr[]"):
                    entry_line = number
                state, keyword_line = keyword, number
            problem_string = _string_error(rest)
            if problem_string:
                error(number, problem_string[0])
            elif not self.findings:
                self.keyword(number, state, rest, marked, index if keyword == "msgstr[]" else 0)
        missing = unfinished()
        if missing:
            error(
                entry_line if state not in ("prev_ctxt", "msgctxt") else keyword_line,
                f"the file ends inside an entry ({missing}: truncated?)",
            )
        if self.findings:
            raise GlossaryError(self.findings)
        return self.result()


def parse_file(path: str | os.PathLike[str]) -> ParsedCatalog:
    """Read any PO file strictly (GNU gettext's grammar), without the glossary's
    own rules for a catalog: the one reader of :func:`parse_catalog` and of the
    translations ``glossary lint`` checks. :class:`GlossaryError` lists every
    syntax error, each with the file and line."""
    return _Parser(str(path)).parse(_file_lines(Path(path)))


def parse_text(text: str, where: str = "<text>", *, catalog: bool = True) -> ParsedCatalog:
    """:func:`parse_catalog` (or, with ``catalog=False``, :func:`parse_file`) of PO text."""
    parser = _Parser(where)
    parsed = parser.parse(_text_lines(text))
    return _catalog_checks(parsed, parser) if catalog else parsed


def parse_catalog(path: str | os.PathLike[str]) -> ParsedCatalog:
    """Read one PO or POT file of the glossary strictly.

    Besides the syntax (:func:`parse_file`): the header entry comes first and
    says UTF-8, ``msgfmt --check`` passes, and no entry or context is there
    twice. Raises :class:`GlossaryError` with every error found, each with
    the file and line.
    """
    parser = _Parser(str(path))
    parsed = parser.parse(_file_lines(Path(path)))
    return _catalog_checks(parsed, parser)


def _catalog_checks(parsed: ParsedCatalog, parser: _Parser) -> ParsedCatalog:
    where, catalog, header_line = parsed.path, parsed.po, parsed.header_line

    def fail(line: int, message: str) -> GlossaryError:
        return GlossaryError([Finding(Origin(where, line), Severity.ERROR, message)])

    if parser.blank:
        raise fail(1, "empty file: a catalog needs at least its header")
    if parser.first_msgid is None or not parser.first_msgid[1]:
        raise fail(header_line, 'the catalog has no header entry (msgid "") first')
    charset = re.search(r"charset=([^\s;]+)", catalog.metadata.get("Content-Type", ""))
    if not charset or charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        found = charset.group(1) if charset else "none"
        raise fail(
            header_line,
            f"charset must be UTF-8 (the header says {found}); "
            "convert the file with msgconv --to-code=UTF-8",
        )
    duplicates = _gnu_checks(parsed)
    seen: dict[tuple[str | None, str], int] = {}
    contexts: dict[str, int] = {}
    for entry in catalog:  # in file order; obsolete entries too, as msgfmt does
        line = entry_line(entry)
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            duplicates.append(
                Finding(
                    Origin(where, line),
                    Severity.ERROR,
                    f"duplicate entry {entry.msgctxt or ''!r}/{entry.msgid!r} "
                    f"(first at line {seen[key]})",
                )
            )
        elif not entry.obsolete and entry.msgctxt is not None and entry.msgctxt in contexts:
            duplicates.append(
                Finding(
                    Origin(where, line),
                    Severity.ERROR,
                    f"duplicate context {entry.msgctxt!r} "
                    f"(first at line {contexts[entry.msgctxt]})",
                )
            )
        seen.setdefault(key, line)
        if entry.msgctxt is not None and not entry.obsolete:
            contexts.setdefault(entry.msgctxt, line)
    if duplicates:
        raise GlossaryError(duplicates)
    return parsed


def entry_line(entry: polib.POEntry) -> int:
    """The line where ``entry`` begins in the file it was read from."""
    return entry.linenum or 1


_FORMAT_FLAG = re.compile(r"[a-z0-9+-]+-format\Z")
_PLURAL_SAMPLE = range(1001)  # the n for which a plural rule must give a form below nplurals


def _gnu_checks(parsed: ParsedCatalog) -> list[Finding]:
    """What ``msgfmt --check`` refuses in a catalog that parses: a Plural-Forms
    that is not a rule, plural forms that do not match it, translations that
    do not begin and end with a newline where the English text does, and
    (stricter) format-string flags, which no glossary entry needs."""
    from ..plurals import PluralRuleError, parse_plural_forms

    findings: list[Finding] = []
    catalog = parsed.po

    def error(line: int, message: str) -> None:
        findings.append(Finding(Origin(parsed.path, line), Severity.ERROR, message))

    value = catalog.metadata.get("Plural-Forms")
    rule = None
    if value is not None:
        pf_line = parsed.field_line("Plural-Forms")
        try:
            rule = parse_plural_forms(value)
            bad = next(
                (n for n in _PLURAL_SAMPLE if not 0 <= rule.evaluate(n) < rule.nplurals), None
            )
        except PluralRuleError as exc:
            error(pf_line, f"Plural-Forms {value!r} is not a valid rule: {exc}")
        else:
            if bad is not None:
                error(
                    pf_line,
                    f"Plural-Forms {value!r}: at n={bad} the rule gives form "
                    f"{rule.evaluate(bad)}, but nplurals={rule.nplurals}",
                )
                rule = None
    for entry in catalog:
        if entry.obsolete:
            continue
        line = entry_line(entry)
        formats = [f for f in entry.flags if _FORMAT_FLAG.match(f) and not f.startswith("no-")]
        if formats:
            error(
                line,
                f"flag {formats[0]!r}: a glossary entry is not a format string "
                "(msgfmt would check it as one); remove the flag",
            )
        if entry.msgid_plural:
            if value is None:
                error(
                    line,
                    "plural forms (msgid_plural), but the header has no Plural-Forms",
                )
            elif rule is not None and len(entry.msgstr_plural) != rule.nplurals:
                error(
                    line,
                    f"{len(entry.msgstr_plural)} plural form(s), but the header's "
                    f"Plural-Forms has nplurals={rule.nplurals}",
                )
        if entry.fuzzy or entry.msgid == "":
            continue
        english = [("msgid", entry.msgid)]
        if entry.msgid_plural:
            english.append(("msgid_plural", entry.msgid_plural))
            translations = [
                (f"msgstr[{k}]", v) for k, v in sorted(entry.msgstr_plural.items()) if v
            ]
        else:
            translations = [("msgstr", entry.msgstr)] if entry.msgstr else []
        if not translations:
            continue
        for other, text in english[1:] + translations:
            for end, test in (("begin", str.startswith), ("end", str.endswith)):
                if test(entry.msgid, "\n") != test(text, "\n"):
                    error(
                        line,
                        f"'msgid' and '{other}' do not both {end} with a newline (\\n)",
                    )
    return findings


# -- reading: polib -> model -----------------------------------------------------


def split_context(msgctxt: str | None) -> tuple[str, str] | None:
    """``"kpo.term"`` -> ``("kpo", "term")``; None when it is not ours.

    >>> split_context("knowledge_process_outsourcing.definition")
    ('knowledge_process_outsourcing', 'definition')
    """
    if not msgctxt or "." not in msgctxt:
        return None
    concept_id, unit = msgctxt.rsplit(".", 1)
    return (concept_id, unit) if unit in UNITS else None


def _was_wrapped(previous: str, line: str) -> bool:
    """Whether ``previous`` reads as a line that a tool wrapping comments at
    :data:`WRAP_WIDTH` broke before ``line``: it is full (the first word of
    ``line`` would not have fitted), or it is one word too long to break."""
    if len(previous) > WRAP_WIDTH:
        return " " not in previous
    return len(previous) + 1 + len(line.split(None, 1)[0]) > WRAP_WIDTH


def _join(fact: str, previous: str, line: str) -> str:
    """``fact`` continued by ``line``: with a space, or without one after a
    compound's hyphen (where polib breaks; see the module docstring)."""
    word = line.split(None, 1)[0].strip(".,;:").lower()
    if _HYPHEN_BREAK.search(previous) and _LETTERS_NEXT.match(line) and word not in _CONJUNCTIONS:
        return fact + line
    return f"{fact} {line}"


def _valid(key: str, value: str) -> bool:
    """Whether ``value`` is a possible value of ``key`` (the picklist keys)."""
    enum_type = _ENUMS.get(key)
    if enum_type is None:
        return True
    try:
        enum_type(value.strip())
    except ValueError:
        return False
    return True


class _EntryReader:
    """Turns the entries of one catalog into language sections."""

    def __init__(self, parsed: ParsedCatalog, lang: str, is_source: bool) -> None:
        self.parsed, self.path, self.lang, self.is_source = parsed, parsed.path, lang, is_source
        self.findings: list[Finding] = []
        #: the terms of .abbr entries: each is its section's abbreviation
        self.abbreviations: list[Term] = []

    def error(self, line: int, message: str) -> None:
        self.findings.append(Finding(Origin(self.path, line), Severity.ERROR, message))

    def warning(self, line: int, message: str) -> None:
        self.findings.append(Finding(Origin(self.path, line), Severity.WARNING, message))

    def comments(self, entry: polib.POEntry) -> list[tuple[int, str]]:
        """The entry's translator comments, one ``key: value`` fact each, with lines.

        A prose fact broken over lines by a tool that wraps comments is joined
        back (see the module docstring); any other line that is not a fact is
        reported as a warning and left out.
        """
        facts: list[tuple[int, str]] = []
        previous = ""  # the line before, as written
        kind = ""  # what the fact of that line is: "prose", "ids" or ""
        for number, text in self.parsed.comment_lines(entry):
            line = text.strip()
            m = _COMMENT.match(line)
            key, value = (m.group(1), m.group(2)) if m else (None, "")
            wrapped = bool(line) and (
                (kind == "prose" and _was_wrapped(previous, line))
                or (kind == "ids" and previous.endswith(",") and bool(_IDS.match(line)))
            )
            if key in _KEYS and not (wrapped and not _valid(key, value)):
                facts.append((number, line))
                kind = "prose" if key in _PROSE_KEYS else "ids" if key in _ID_LIST_KEYS else ""
                if not kind and len(line) > WRAP_WIDTH:
                    self.warning(
                        number,
                        f"this '{key}:' line is longer than {WRAP_WIDTH} columns: a tool that "
                        "wraps comments (polib, Babel) would break it, and only notes and "
                        "lists of concept ids are joined back; shorten it",
                    )
            elif wrapped:
                start, fact = facts[-1]
                facts[-1] = (start, _join(fact, previous, line))
            elif line:
                self.warning(
                    number,
                    f"translator comment {line[:40]!r} is not a fact of the PO mapping "
                    f"(no line starts with a key such as 'note:'); it is kept as a comment "
                    "and not read (see the PO mapping in CONTRIBUTING.md)",
                )
                kind = ""
            previous = line
        return facts

    def text(self, entry: polib.POEntry) -> str:
        """The usable translation: none when fuzzy; the source text in the source catalog."""
        if self.is_source:
            return entry.msgstr or entry.msgid
        return "" if entry.fuzzy else entry.msgstr

    def read_terms(
        self, entry: polib.POEntry, unit: str, concept: Concept, section: LangSection
    ) -> None:
        own: Term | None = None
        line = entry_line(entry)
        if self.text(entry):
            if unit == "term":
                own = Term(
                    self.text(entry),
                    Status.PREFERRED,
                    TermType.FULL_FORM,
                    origin=Origin(self.path, line),
                )
            else:
                own = Term(
                    self.text(entry),
                    Status.ADMITTED,
                    TermType.ACRONYM,
                    origin=Origin(self.path, line),
                )
                self.abbreviations.append(own)
            section.terms.append(own)
        current = own
        noted: set[int] = set()
        for number, text in self.comments(entry):
            m = _COMMENT.match(text.strip())
            if not m:
                self.error(
                    number,
                    f"translator comment {text.strip()[:40]!r} is not 'key: value' "
                    "(see the PO mapping in CONTRIBUTING.md)",
                )
                continue
            key, value = m.group(1), m.group(2)
            if key in _CONCEPT_KEYS:
                if not self.is_source or unit != "term":
                    self.error(
                        number,
                        f"'{key}:' belongs on the .term entry of the source "
                        f"catalog ({SOURCE_LANGUAGE})",
                    )
                elif key == "subject":
                    concept.subject_field = value
                elif key == "concept-note":
                    concept.notes.append(value)
                else:
                    ids = [v.strip() for v in value.split(",") if v.strip()]
                    getattr(concept, key.replace("-", "_")).extend(ids)
            elif key in _NEW_TERM_KEYS:
                current = Term(
                    value, _NEW_TERM_KEYS[key], TermType.FULL_FORM, origin=Origin(self.path, number)
                )
                section.terms.append(current)
            elif key in _TERM_KEYS:
                if current is None:
                    if entry.msgstr:
                        continue  # describes a fuzzy term, which is not used
                    self.error(
                        number,
                        f"'{key}:' describes no term (the entry is untranslated "
                        "and no 'admitted:'/'deprecated:' line comes before it)",
                    )
                    continue
                if key == "forms":
                    current.forms += tuple(f.strip() for f in value.split(",") if f.strip())
                    continue
                if key == "note":
                    if id(current) in noted:
                        self.error(
                            number, f"a second note for term {current.text!r}; put it on one line"
                        )
                    noted.add(id(current))
                    current.note = value
                    continue
                enum_type = _ENUMS[key]
                try:
                    member: enum.Enum = enum_type(value.strip())
                except ValueError:
                    allowed = ", ".join(m.value for m in enum_type)
                    self.error(number, f"unknown {key} {value.strip()!r} (one of: {allowed})")
                    continue
                attr = {"pos": "part_of_speech"}.get(key, key)
                setattr(current, attr, member)
            else:
                self.error(
                    number,
                    f"unknown key {key!r} in translator comment "
                    "(see the PO mapping in CONTRIBUTING.md)",
                )

    def read_definition(self, entry: polib.POEntry, section: LangSection) -> None:
        if self.text(entry):
            section.definition = self.text(entry)
        for number, text in self.comments(entry):
            m = _COMMENT.match(text.strip())
            if m and m.group(1) == "note":
                section.notes.append(m.group(2))
            else:
                self.error(number, "on a .definition entry only 'note: …' lines are allowed")


def catalog_language(catalog: polib.POFile) -> str:
    return catalog.metadata.get("Language", "").strip()


def read_po(
    path: str | os.PathLike[str], lang: str | None = None, *, is_source: bool | None = None
) -> tuple[Glossary, list[Finding]]:
    """Read one catalog into a glossary of one language.

    Returns the glossary and the findings about the entries' comments (bad
    keys or values). Syntax errors raise :class:`GlossaryError`. ``lang``
    defaults to the header's ``Language``. In a catalog that is not the source,
    concepts carry only their language section; :func:`glossary.catalogs.load`
    joins them with the source catalog's concepts.
    """
    return catalog_to_glossary(parse_catalog(path), lang, is_source=is_source)


def catalog_to_glossary(
    parsed: ParsedCatalog,
    lang: str | None = None,
    *,
    is_source: bool | None = None,
) -> tuple[Glossary, list[Finding]]:
    """The model of an already parsed catalog (see :func:`read_po`)."""
    catalog = parsed.po
    lang = lang or catalog_language(catalog)
    if is_source is None:
        is_source = lang == SOURCE_LANGUAGE
    where = parsed.path
    reader = _EntryReader(parsed, lang, is_source)
    glossary = Glossary()
    glossary.metadata[lang] = dict(catalog.metadata)
    for entry in catalog:
        if entry.obsolete:
            continue
        line = entry_line(entry)
        parts = split_context(entry.msgctxt)
        if parts is None:
            reader.error(
                line,
                f"msgctxt {entry.msgctxt!r} is not '<concept id>.<unit>' with a "
                f"unit of {', '.join(UNITS)}",
            )
            continue
        if entry.msgid_plural:  # msgfmt compiles it; the glossary has no place for it
            reader.error(
                line,
                f"{entry.msgctxt!r} has plural forms (msgid_plural, msgstr[N]): a glossary "
                f"entry holds one text; write it in msgstr (msgstr[0] is "
                f"{entry.msgstr_plural.get(0, '')!r})",
            )
            continue
        concept_id, unit = parts
        concept = glossary.get(concept_id)
        if concept is None:
            concept = glossary.add(Concept(concept_id))
        section = concept.languages.get(lang)
        if section is None:
            section = concept.languages[lang] = LangSection(lang)
        if unit == "term":
            concept.origin = Origin(where, line)
            section.origin = section.origin or Origin(where, line)
        if unit == "definition":
            reader.read_definition(entry, section)
            section.origin = section.origin or Origin(where, line)
        else:
            reader.read_terms(entry, unit, concept, section)
        if is_source and entry.msgstr and entry.msgstr != entry.msgid:
            reader.error(
                line,
                "in the source catalog msgstr must repeat msgid "
                f"({entry.msgstr!r} != {entry.msgid!r})",
            )
    abbreviations = {id(term) for term in reader.abbreviations}
    for concept in glossary.concepts.values():
        section = concept.languages[lang]
        # the .abbr entry's own term is the section's abbreviation
        section.sort_terms(next((t for t in section.terms if id(t) in abbreviations), None))
        if not section.terms and not section.definition and not section.notes:
            del concept.languages[lang]  # untranslated: no section in this language
        else:
            section.origin = section.origin or concept.origin
    return glossary, reader.findings


# -- catalog-level checks ----------------------------------------------------------


#: The ``PO-Revision-Date`` of a catalog that has no valid one, when
#: ``SOURCE_DATE_EPOCH`` is not set: a fixed date, so that the same catalogs
#: give the same bytes, and a value every PO reader accepts (Babel up to 2.18
#: fails on an empty one).
FIXED_REVISION_DATE = "1970-01-01 00:00+0000"
# the form GNU gettext, Poedit and Babel write and Babel parses
_PO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2} \d{2}:\d{2})([+-]\d{4})?\Z")


def _epoch_date() -> str | None:
    """The date of ``SOURCE_DATE_EPOCH`` in the PO header form, or None when unset."""
    from . import source_date

    return source_date("%Y-%m-%d %H:%M+0000")


def is_po_date(value: str | None) -> bool:
    """Whether ``value`` is a header date that every PO reader parses.

    >>> is_po_date("2026-01-31 09:30+0100"), is_po_date(""), is_po_date("YEAR-MO-DA HO:MI+ZONE")
    (True, False, False)
    """
    match = _PO_DATE.match((value or "").strip())
    if not match:
        return False
    try:
        datetime.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M")
    except ValueError:
        return False
    return True


def revision_date(existing: str | None = None) -> str:
    """The ``PO-Revision-Date`` to write for a catalog whose header has ``existing``.

    A valid date of the catalog is kept (a PO editor's record of the last
    revision is data, and keeping it keeps the catalog's bytes); an empty or
    malformed one is replaced by the date of ``SOURCE_DATE_EPOCH`` when it is
    set, else by :data:`FIXED_REVISION_DATE`.

    >>> revision_date("2026-01-31 09:30+0100")
    '2026-01-31 09:30+0100'
    >>> import os; os.environ.pop("SOURCE_DATE_EPOCH", None) and None
    >>> revision_date("")
    '1970-01-01 00:00+0000'
    """
    if is_po_date(existing):
        return (existing or "").strip()
    return _epoch_date() or FIXED_REVISION_DATE


def standard_header(lang: str | None, existing: dict[str, str] | None = None) -> dict[str, str]:
    """The header of a catalog (``lang``) or of the template (``lang=None``).

    Keeps any field of ``existing``; fills in what is missing; ``Language``,
    ``MIME-Version``, ``Content-Type`` and ``Content-Transfer-Encoding`` are
    always set. ``Plural-Forms`` and ``Language-Team`` come from Babel's CLDR
    data. No date is left empty (Babel up to 2.18 cannot read an empty one):
    ``PO-Revision-Date`` is :func:`revision_date`; the template has a
    ``POT-Creation-Date`` only when ``SOURCE_DATE_EPOCH`` is set.

    >>> from glossary.checks import plural_forms_agree
    >>> plural_forms_agree(standard_header("pl")["Plural-Forms"], "pl")
    True
    >>> is_po_date(standard_header("pl", {"PO-Revision-Date": ""})["PO-Revision-Date"])
    True
    """
    header = dict(existing or {})
    header.setdefault("Project-Id-Version", PROJECT)
    if lang is None:
        epoch = _epoch_date()
        if epoch:
            header["POT-Creation-Date"] = epoch
    else:
        from ..layout import language_name, plural_forms

        header["PO-Revision-Date"] = revision_date(header.get("PO-Revision-Date"))
        header.setdefault("Last-Translator", "")
        header.setdefault("Language-Team", language_name(lang))
        header.setdefault("Plural-Forms", plural_forms(lang))
    header["Language"] = lang or ""
    header["MIME-Version"] = "1.0"
    header["Content-Type"] = "text/plain; charset=UTF-8"
    header["Content-Transfer-Encoding"] = "8bit"
    return header


# -- writing ---------------------------------------------------------------------


def _extracted(glossary: Glossary, concept: Concept, unit: str) -> str:
    """The ``#.`` comment of a unit, from the source language."""
    source = concept.languages.get(SOURCE_LANGUAGE)
    if source is None:
        return ""

    def names(ids: list[str]) -> str:
        out = []
        for cid in ids:
            other = glossary.get(cid)
            out.append((other.preferred(SOURCE_LANGUAGE) if other else None) or cid)
        return "; ".join(out)

    term = source.preferred.text if source.preferred else concept.id
    if unit == "term":
        lines = [f"Definition: {source.definition}"]
        if concept.subject_field:
            lines.append(f"Subject field: {concept.subject_field}")
        for attribute, label, _ in _RELATIONS:
            if getattr(concept, attribute):
                lines.append(f"{label}: {names(getattr(concept, attribute))}")
        return "\n".join(lines)
    if unit == "abbr":
        return f"Abbreviation of: {term}"
    return f"Definition of: {term}"


def _term_comment(term: Term, own_default: tuple[Status, TermType] | None) -> list[str]:
    """The comment lines that describe a term; ``own_default`` for the entry's own term."""
    lines = []
    if own_default is None:
        lines.append(f"{term.status.value}: {term.text}")
        if term.type is not TermType.FULL_FORM:
            lines.append(f"type: {term.type.value}")
    else:
        if term.status is not own_default[0]:
            lines.append(f"status: {term.status.value}")
        if term.type is not own_default[1]:
            lines.append(f"type: {term.type.value}")
    lines.append(f"pos: {term.part_of_speech.value}")
    if term.gender:
        lines.append(f"gender: {term.gender.value}")
    if term.note:
        lines.append(f"note: {term.note}")
    if term.forms:
        lines.append(f"forms: {', '.join(term.forms)}")
    return lines


_OWN_DEFAULT = {
    "term": (Status.PREFERRED, TermType.FULL_FORM),
    "abbr": (Status.ADMITTED, TermType.ACRONYM),
}


def entries(glossary: Glossary, lang: str | None, comments: bool = True) -> Iterator[polib.POEntry]:
    """The entries of one catalog (``lang``) or of the template (``None``).

    ``comments=False`` leaves the comments out (for a compiled catalog)."""
    for concept in glossary:
        section = concept.languages.get(lang) if lang else None
        if SOURCE_LANGUAGE not in concept.languages:
            if section is None and lang is not None:
                continue
            raise GlossaryError(
                f"{concept.id}: no {SOURCE_LANGUAGE!r} section, so no "
                "source text for its catalog entries"
            )
        source = concept.languages[SOURCE_LANGUAGE]
        units = [("term", source.preferred.text if source.preferred else "")]
        if source.abbreviation:
            units.append(("abbr", source.abbreviation.text))
        units.append(("definition", source.definition))
        # which of this language's terms fills which entry; the rest go on .term
        own = {
            "term": section.preferred if section else None,
            "abbr": section.abbreviation if section and len(units) == 3 else None,
        }
        extras = [
            t
            for t in (section.terms if section else [])
            if t is not own["term"] and t is not own["abbr"]
        ]
        for unit, msgid in units:
            entry = polib.POEntry(msgctxt=f"{concept.id}.{unit}", msgid=msgid, msgstr="")
            if unit == "definition":
                entry.msgstr = section.definition if section is not None else ""
            elif (own_term := own[unit]) is not None:
                entry.msgstr = own_term.text
            if not comments:
                yield entry
                continue
            entry.comment = _extracted(glossary, concept, unit)
            lines: list[str] = []
            if unit == "definition":
                if section is not None:
                    lines = [f"note: {note}" for note in section.notes]
            else:
                if unit == "term" and lang == SOURCE_LANGUAGE:
                    lines += _concept_comment(concept)
                if (own_term := own[unit]) is not None:
                    lines += _term_comment(own_term, _OWN_DEFAULT[unit])
                if unit == "term":
                    for term in extras:
                        lines += _term_comment(term, None)
            entry.tcomment = "\n".join(lines)
            yield entry


def template_entries(glossary: Glossary) -> list[polib.POEntry]:
    """The entries of the template (no comments): what every catalog must have."""
    return list(entries(glossary, None, comments=False))


def _concept_comment(concept: Concept) -> list[str]:
    lines = []
    if concept.subject_field:
        lines.append(f"subject: {concept.subject_field}")
    for attribute, _, key in _RELATIONS:
        if getattr(concept, attribute):
            lines.append(f"{key}: {', '.join(getattr(concept, attribute))}")
    lines += [f"concept-note: {note}" for note in concept.notes]
    return lines


def header_comment(lang: str | None) -> str:
    if lang is None:
        return (
            f"{PROJECT}: the template, generated from the English catalog by "
            "'glossary extract'.\nDo not edit; start a new language with "
            "'glossary init-locale LANG'.\nData licence: CC BY 4.0."
        )
    from ..layout import language_name

    try:
        name = language_name(lang)
    except ValueError:
        name = lang
    return (
        f"{PROJECT}: the {name} catalog.\nThe PO mapping (which comment holds what) "
        "is described in CONTRIBUTING.md.\nData licence: CC BY 4.0."
    )


def _render(header: dict[str, str], entries: Iterable[polib.POEntry], lang: str | None) -> str:
    catalog = polib.POFile(wrapwidth=0)
    catalog.header = header_comment(lang)
    catalog.metadata = header
    for entry in entries:
        catalog.append(entry)
    text = str(catalog)
    return text if text.endswith("\n") else text + "\n"


def po_text(glossary: Glossary, lang: str) -> str:
    """The catalog of ``lang`` as text: canonical, unwrapped, UTF-8 ready."""
    header = standard_header(lang, glossary.metadata.get(lang))
    return _render(header, entries(glossary, lang), lang)


def pot_text(glossary: Glossary) -> str:
    """The template: every unit of the source language, untranslated.

    >>> "Language: \\\\n" in pot_text(Glossary())
    True
    """
    header = standard_header(None, {"Project-Id-Version": PROJECT})
    return _render(header, entries(glossary, None), None)


def write_po(glossary: Glossary, lang: str, path: str | os.PathLike[str]) -> None:
    """Write the catalog of ``lang`` to ``path`` (atomically)."""
    from .._fs import atomic_write_text

    atomic_write_text(Path(path), po_text(glossary, lang))
