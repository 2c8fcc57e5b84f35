#!/usr/bin/env python3
"""Fuzz the commands with seeded mutations of the shipped catalogs and template.

Each mutant is a private copy of ``locales/`` in which one file (a catalog or
the template, chosen in turn) has one mutation:

* bytes: a deletion, a duplication, a quote, a backslash or an escape
  sequence, a NUL, bytes that are not UTF-8, a byte order mark, a CR,
  truncation, an overlong line;
* tokens: a keyword, a flag, plural forms, an obsolete entry (whole or in
  part), a previous message (``#|``), a comment fact with an odd key or value,
  a header field changed or removed;
* Unicode: combining marks, bidirectional controls, separators (U+2028,
  NBSP…), non-characters, zero-width characters, look-alike letters.

Then ``check``, ``build``, ``lookup`` and ``update`` run on it (and
``extract --check`` when the template is the mutated file) through the entry
point of ``python -m glossary`` (``glossary.cli.main``), in a forked copy of
this process per mutant, which has the package imported once (``--exec``:
each command as ``python -m glossary`` in a new process, slower). Every run
is classified:

``crash``         a traceback, or an exit code other than 0 and 1;
``hang``          no exit within ``--timeout`` seconds;
``no_location``   a failure whose message names no ``path:line``;
``accepted_bad``  exit 0 on a file that ``msgfmt --check`` rejects (``check``,
                  ``build`` and ``update`` for a catalog, ``update`` and
                  ``extract --check`` for the template; a leading byte order
                  mark and CRLF line ends, which the reader accepts on
                  purpose, are removed before ``msgfmt`` sees the file);
``lost``          a translation that ``msgfmt`` compiles and the built ``.mo``
                  does not hold; a term of an accepted catalog that ``lookup``
                  does not find; a translation (any ``msgstr``, live or
                  obsolete) that ``update`` does not keep.

It prints the number of runs of each class, and one line per problem with
what reproduces it (``--seed``, the mutant's number, its file and mutation);
``--keep DIR`` keeps the mutated file of each problem. The exit status is 1
when any class is not zero. Standard library, the package and GNU gettext
(``msgfmt``) only::

    python scripts/fuzz.py --count 1500 --seed 1
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASSES = ("crash", "hang", "no_location", "accepted_bad", "lost")
LOCATED = re.compile(r"^(?:glossary: error: )?(\S[^:\n]*):(\d+): (?:error|warning): ", re.M)

# -- mutations ------------------------------------------------------------------------

BYTES = [
    b'"',
    b"\\",
    b"\\n",
    b"\\t",
    b"\\x41",
    b"\\u00e9",
    b"\\0",
    b"\\101",
    b"\\a",
    b'\\"',
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\r",
    b"\r\n",
    b"\n",
    b"\t",
    b"\x0c",
    b"\x0b",
    b"#",
    b"#~ ",
    b"#| ",
    b"[",
    b"]",
]
KEYWORDS = [
    'msgctxt "fuzz.term"',
    'msgctxt "data_mining.term"',
    'msgctxt ""',
    'msgid "fuzz"',
    'msgid ""',
    'msgid_plural "fuzzes"',
    'msgstr "fuzz"',
    'msgstr ""',
    'msgstr[0] "fuzz"',
    'msgstr[1] "fuzzes"',
    'msgstr[3] "x"',
    'msgstr [0] "x"',
    '"continued"',
    '"\\n"',
    "msgid",
    "msgstr",
    'msgid "a" "b"',
    'msgidx "a"',
]
FLAGS = [
    "#, fuzzy",
    "#, c-format",
    "#, no-c-format",
    "#, fuzzy, python-format",
    "#, python-brace-format",
    "#, range: 0..5",
    "#, no-wrap",
    "#,",
    "#, fuzzy,, fuzzy",
]
PREVIOUS = [
    '#| msgid "an older text"',
    '#| msgctxt "data_mining.term"',
    '#| msgctxt "x.term"\n#| msgid "older"',
    '#| msgid_plural "olders"',
    '#| msgid "older"\n#| msgid_plural "olders"',
    '#~| msgid "older"',
    '#| "continued"',
    '#| msgstr "x"',
    '#| msgid "older"\n#| "continued"',
]
FACT_KEYS = [
    "pos",
    "gender",
    "type",
    "status",
    "note",
    "admitted",
    "deprecated",
    "preferred",
    "subject",
    "broader",
    "related",
    "concept-note",
    "Pos",
    "foo",
    "pos-",
    "x",
    "",
]
FACT_VALUES = [
    "noun",
    "verb",
    "masculine",
    "xyz",
    "acronym",
    "preferred",
    "deprecated",
    "",
    " ",
    "data_mining",
    "outsourcing, offshoring",
    "no_such_concept",
    "a note",
    "Geschäfts-",
    "term\u200bwith zero width",
    "\u202eevil",
    "aутсорсинг",
    "x" * 300,
    "key: value: more",
    "#",
]
HEADER = [
    ("Language", None),
    ("Language", "cs"),
    ("Language", ""),
    ("Plural-Forms", None),
    ("Plural-Forms", "nplurals=1; plural=0;"),
    ("Plural-Forms", "nplurals=2; plural=(n != ;"),
    ("Plural-Forms", "nplurals=3; plural=n%5;"),
    ("Plural-Forms", "nplurals=0; plural=0;"),
    ("Content-Type", "text/plain; charset=ISO-8859-2"),
    ("Content-Type", "text/plain; charset=CHARSET"),
    ("Content-Type", None),
    ("MIME-Version", None),
    ("Content-Transfer-Encoding", "7bit"),
]
UNICODE = [
    "\u0301",  # combining acute
    "\u0327\u0301",  # two marks
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u200f",  # right-to-left mark
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\u0085",  # next line
    "\u00a0",  # no-break space
    "\u3000",  # ideographic space
    "\ufffe",  # non-character
    "\uffff",
    "\ufdd0",
    "\U0001fffe",
    "\u200b",  # zero width space
    "\ufeff",
    "\u00ad",  # soft hyphen
    "\U0001f600",
]
LOOKALIKES = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "а": "a"}


@dataclass
class Mutant:
    number: int
    file: str  # relative to the locales folder
    what: str
    data: bytes
    at: int  # the byte offset of the mutation (for the term lookup checks)


def _entries(lines: list[str]) -> list[tuple[int, int]]:
    """(first line, end line) of each entry after the header, comments included."""
    starts = []
    for i, line in enumerate(lines):
        if line.startswith(("msgctxt ", "#~ msgctxt ")):
            j = i
            while j > 0 and lines[j - 1].startswith("#"):
                j -= 1
            starts.append(j)
    spans = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        while end > start and not lines[end - 1].strip():
            end -= 1
        spans.append((start, end))
    return spans


def _offset(lines: list[str], index: int) -> int:
    return len("\n".join(lines[:index]).encode("utf-8", "surrogateescape"))


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, str, int]:
    """One random mutation of a file: (new bytes, what was done, where)."""
    family = rng.choice(["bytes", "bytes", "tokens", "tokens", "tokens", "unicode"])
    if family == "bytes":
        return _mutate_bytes(rng, data)
    text = data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    spans = _entries(lines)
    if family == "unicode" or not spans:
        return _mutate_unicode(rng, lines)
    return _mutate_tokens(rng, lines, spans)


def _mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str, int]:
    kind = rng.choice(
        ["delete", "duplicate", "insert", "insert", "bom", "crlf", "truncate", "overlong"]
    )
    at = rng.randrange(len(data) + 1)
    if kind == "delete":
        size = rng.choice([1, 1, 2, 5, 20, 200])
        return data[:at] + data[at + size :], f"delete {size} bytes at {at}", at
    if kind == "duplicate":
        size = rng.choice([1, 3, 30, 300])
        return (
            data[:at] + data[at : at + size] * 2 + data[at + size :],
            f"repeat {size} at {at}",
            at,
        )
    if kind == "insert":
        token = rng.choice(BYTES)
        return data[:at] + token + data[at:], f"insert {token!r} at {at}", at
    if kind == "bom":
        at = rng.choice([0, 0, at])
        return data[:at] + b"\xef\xbb\xbf" + data[at:], f"byte order mark at {at}", at
    if kind == "crlf":
        return data.replace(b"\n", b"\r\n"), "CRLF line ends", 0
    if kind == "truncate":
        return data[:at], f"truncate at {at}", at
    line_start = data.rfind(b"\n", 0, at) + 1
    quote = data.find(b'"', line_start)
    if quote < 0:
        return data + b"x" * 70000, "overlong last line", len(data)
    filler = rng.choice([b"x", b"ab ", "ł".encode()]) * rng.choice([5000, 70000])
    return data[: quote + 1] + filler + data[quote + 1 :], f"overlong string at {quote}", quote


def _mutate_unicode(rng: random.Random, lines: list[str]) -> tuple[bytes, str, int]:
    candidates = [i for i, line in enumerate(lines) if '"' in line or line.startswith("# ")]
    i = rng.choice(candidates or [0])
    line = lines[i]
    if rng.random() < 0.3:
        swaps = [k for k, ch in enumerate(line) if ch in LOOKALIKES]
        if swaps:
            k = rng.choice(swaps)
            lines[i] = line[:k] + LOOKALIKES[line[k]] + line[k + 1 :]
            return _join(lines), f"look-alike letter in line {i + 1}", _offset(lines, i)
    char = rng.choice(UNICODE)
    if rng.random() < 0.15:
        lines.insert(i, char)
        return _join(lines), f"line of only U+{ord(char[0]):04X} at {i + 1}", _offset(lines, i)
    quote = line.find('"')
    lo = quote + 1 if quote >= 0 else min(2, len(line))
    hi = max(lo, len(line) - 1 if line.endswith('"') else len(line))
    k = rng.randint(lo, hi)
    lines[i] = line[:k] + char + line[k:]
    return _join(lines), f"U+{ord(char[0]):04X} in line {i + 1}", _offset(lines, i)


def _join(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8", "surrogateescape")


def _mutate_tokens(
    rng: random.Random, lines: list[str], spans: list[tuple[int, int]]
) -> tuple[bytes, str, int]:
    start, end = rng.choice(spans)
    entry = lines[start:end]
    kind = rng.choice(
        ["keyword", "flag", "plural", "obsolete", "previous", "fact", "fact", "header", "move"]
    )
    what = kind
    if kind == "keyword":
        at = rng.randint(start, end)
        token = rng.choice(KEYWORDS)
        lines.insert(at, token)
        what = f"line {token!r} at {at + 1}"
        start = at
    elif kind == "flag":
        first = next(
            k for k, line in enumerate(entry) if not line.startswith("#") or "msgctxt" in line
        )
        at = start + rng.choice([0, first, rng.randint(0, len(entry))])
        flag = rng.choice(FLAGS)
        lines.insert(at, flag)
        what = f"flag {flag!r} at {at + 1}"
    elif kind == "plural":
        forms = rng.choice([1, 2, 3, 3, 4])
        out = []
        for line in entry:
            m = re.match(r"(#~ )?msgstr (.*)\Z", line)
            if m:
                prefix = m.group(1) or ""
                out += [f'{prefix}msgid_plural "plural"'] if rng.random() < 0.9 else []
                out += [f'{prefix}msgstr[{n}] {m.group(2)[:-1]} {n}"' for n in range(forms)]
            else:
                out.append(line)
        lines[start:end] = out
        what = f"entry at {start + 1} in {forms} plural forms"
    elif kind == "obsolete":
        whole = rng.random() < 0.6
        keyed = [k for k, line in enumerate(entry) if not line.startswith("#")]
        chosen = keyed if whole else rng.sample(keyed, 1) if keyed else []
        for k in chosen:
            lines[start + k] = "#~ " + lines[start + k]
        if whole and rng.random() < 0.5:  # to the end of the file, as msgmerge puts them
            moved = lines[start:end]
            del lines[start:end]
            lines += [""] + moved
            start = len(lines) - len(moved)
        what = f"{'entry' if whole else 'one line of the entry'} at {start + 1} made obsolete"
    elif kind == "previous":
        token = rng.choice(PREVIOUS)
        keyed = [k for k, line in enumerate(entry) if not line.startswith("#")]
        at = start + rng.choice([keyed[0] if keyed else 0] * 3 + [rng.randint(0, len(entry))])
        if token.startswith("#|") and rng.random() < 0.2:
            token = "#, fuzzy\n" + token
        lines[at:at] = token.split("\n")
        what = f"previous message {token!r} at {at + 1}"
    elif kind == "fact":
        key, value = rng.choice(FACT_KEYS), rng.choice(FACT_VALUES)
        line = rng.choice(
            [f"# {key}: {value}", f"# {key}: {value}", f"#{key}:{value}", f"# {value}"]
        )
        at = start + rng.randint(0, max(0, len(entry) - 3))
        lines.insert(at, line)
        what = f"comment {line[:40]!r} at {at + 1}"
    elif kind == "header":
        name, value = rng.choice(HEADER)
        header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        for i in range(header_end):
            if lines[i].startswith(f'"{name}:'):
                if value is None:
                    del lines[i]
                else:
                    lines[i] = f'"{name}: {value}\\n"'
                break
        else:
            if value is not None:
                lines.insert(header_end, f'"{name}: {value}\\n"')
        if rng.random() < 0.1:
            lines.insert(0, "#, fuzzy")
        what = f"header {name}: {value}"
        start = 0
    else:  # move or duplicate a whole entry
        block = lines[start:end]
        target = rng.choice(spans)[0]
        if rng.random() < 0.5:
            lines[target:target] = block + [""]
            what = f"entry at {start + 1} duplicated at {target + 1}"
        else:
            del lines[start:end]
            target = min(target, len(lines))
            lines[target:target] = block + [""]
            what = f"entry at {start + 1} moved to {target + 1}"
    return _join(lines), what, _offset(lines, min(start, len(lines)))


def make_mutants(locales: Path, seed: int, count: int) -> list[Mutant]:
    """``count`` mutants, the files in turn (every catalog and the template)."""
    files = sorted(
        str(p.relative_to(locales)) for p in locales.glob("*/LC_MESSAGES/glossary.po")
    ) + ["glossary.pot"]
    originals = {name: (locales / name).read_bytes() for name in files}
    mutants = []
    for number in range(count):
        rng = random.Random(f"{seed}/{number}")
        name = files[number % len(files)]
        data, what, at = mutate(rng, originals[name])
        if data == originals[name]:
            data, what, at = mutate(rng, originals[name])
        mutants.append(Mutant(number, name, what, data, at))
    return mutants


# -- the oracle: GNU msgfmt ---------------------------------------------------------------


def msgfmt(path: Path, out: Path | None = None) -> tuple[bool, str]:
    """Whether ``msgfmt --check`` accepts the file (without its BOM and CRs,
    the two leniencies the reader documents), and what it said."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.replace(b"\r\n", b"\n")
    with tempfile.NamedTemporaryFile(suffix=".po") as handle:
        handle.write(data)
        handle.flush()
        run = subprocess.run(
            ["msgfmt", "--check", "-o", str(out) if out else os.devnull, handle.name],
            capture_output=True,
            timeout=60,
        )
    return run.returncode == 0, run.stderr.decode("utf-8", "replace")


# -- running the commands -------------------------------------------------------------------


@dataclass
class Run:
    command: str
    code: int | None  # None: killed after the timeout
    out: str
    err: str


@dataclass
class Result:
    mutant: Mutant
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (class, command, detail)
    runs: int = 0


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        GLOSSARY_CACHE="off",
        HF_DATASETS_OFFLINE="1",
        HF_HUB_OFFLINE="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run_subprocess(args: list[str], cwd: Path, timeout: float) -> Run:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "glossary", *args],
            cwd=cwd,
            env=_environment(),
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        return Run(args[0], None, "", (exc.stderr or b"").decode("utf-8", "replace"))
    decode = lambda b: b.decode("utf-8", "replace")  # noqa: E731
    return Run(args[0], done.returncode, decode(done.stdout), decode(done.stderr))


def run_in_process(args: list[str], cwd: Path, timeout: float) -> Run:
    """``glossary.cli.main`` in this (forked) process, as ``python -m glossary`` runs it."""
    from glossary.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    signal.alarm(max(1, int(timeout)))
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except _Timeout:
                return Run(args[0], None, out.getvalue(), err.getvalue())
            except BaseException:  # what python -m glossary would print and exit 1 with
                traceback.print_exc()
                code = 1
    finally:
        signal.alarm(0)
        os.chdir(old)
    return Run(args[0], code, out.getvalue(), err.getvalue())


class _Timeout(BaseException):
    pass


def _alarm(signum, frame):
    raise _Timeout


# -- one mutant ---------------------------------------------------------------------------------


def _translations(path: Path) -> list[str]:
    """Every non-empty translation of a catalog, live or obsolete (as polib reads it)."""
    import polib

    found = []
    for entry in polib.pofile(str(path)):
        found += [entry.msgstr, *entry.msgstr_plural.values()]
    return sorted(t for t in found if t)


def _terms_near(path: Path, at: int) -> list[tuple[str, str]]:
    """(concept id, term) of the live, translated, non-fuzzy .term or .abbr entries
    nearest the mutation (in the file as polib reads it)."""
    import polib

    try:
        catalog = polib.pofile(str(path))
    except (OSError, ValueError):
        return []
    data = path.read_bytes()
    line = data[:at].count(b"\n") + 1
    entries = [
        e
        for e in catalog
        if not e.obsolete
        and not e.fuzzy
        and e.msgstr
        and not e.msgid_plural
        and (e.msgctxt or "").endswith((".term", ".abbr"))
    ]
    entries.sort(key=lambda e: abs((e.linenum or 0) - line))
    return [(e.msgctxt.rsplit(".", 1)[0], e.msgstr) for e in entries[:1]]


def _mo_entries(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {str(k): v for k, v in catalog.items() if k != ""}


def examine(mutant: Mutant, locales: Path, timeout: float, run) -> Result:
    result = Result(mutant)
    with tempfile.TemporaryDirectory(prefix="glossary-fuzz-") as tmp:
        work = Path(tmp)
        root = work / "locales"
        shutil.copytree(locales, root)
        target = root / mutant.file
        target.write_bytes(mutant.data)
        gnu_ok, gnu_says = msgfmt(target)
        is_template = mutant.file.endswith(".pot")

        def problem(kind: str, command: str, detail: str) -> None:
            result.problems.append((kind, command, detail.strip()[:600]))

        def classify(r: Run, msgfmt_judges: bool) -> None:
            result.runs += 1
            if r.code is None:
                problem("hang", r.command, f"no exit within {timeout} s")
            elif "Traceback (most recent call last)" in r.err or r.code not in (0, 1):
                problem("crash", r.command, f"exit {r.code}: {r.err[-600:]}")
            elif r.code == 1 and not LOCATED.search(r.err) and not _not_found(r):
                problem("no_location", r.command, r.err[-600:])
            elif r.code == 0 and msgfmt_judges and not gnu_ok:
                problem("accepted_bad", r.command, f"msgfmt: {gnu_says}")

        check = run(["check", "--locales", str(root)], work, timeout)
        classify(check, not is_template)
        out = work / "exports"
        build = run(["build", "--locales", str(root), "--out", str(out)], work, timeout)
        classify(build, not is_template)
        if build.code == 0 and not is_template:
            for catalog in [target]:  # the others are the shipped ones, tested elsewhere
                lang = catalog.parent.parent.name
                compiled = work / f"gnu-{lang}.mo"
                if not msgfmt(catalog, compiled)[0]:
                    continue
                ours = _mo_entries(out / "locale" / lang / "LC_MESSAGES" / "glossary.mo")
                for key, text in _mo_entries(compiled).items():
                    if ours.get(key) != text:
                        problem(
                            "lost",
                            "build",
                            f"{lang}: {key!r} -> {text[:80]!r} compiled by msgfmt, "
                            f"{ours.get(key, '')[:80]!r} in the build's .mo",
                        )
                        break
        terms = [] if is_template else _terms_near(target, mutant.at)
        for concept_id, term in terms:
            lookup = run(["lookup", "--locales", str(root), "--json", "--", term], work, timeout)
            classify(lookup, False)
            if check.code == 0 and lookup.code is not None:
                try:
                    found = [m["concept"]["id"] for m in json.loads(lookup.out)["matches"]]
                except (ValueError, KeyError, TypeError):
                    found = []
                if concept_id not in found:
                    problem("lost", "lookup", f"{term!r} of {concept_id} not found: {lookup.err}")
        if is_template:
            extract = run(["extract", "--check", "--locales", str(root)], work, timeout)
            classify(extract, True)
        before = {} if is_template else {target: _safe_translations(target)}
        update = run(["update", "--locales", str(root)], work, timeout)
        classify(update, True)
        if update.code == 0:
            for path, texts in before.items():
                if texts is None:
                    continue
                after = Counter(_safe_translations(path) or [])
                missing = Counter(texts) - after
                if missing:
                    problem("lost", "update", f"{path.parent.parent.name}: {list(missing)[:3]!r}")
    return result


def _safe_translations(path: Path) -> list[str] | None:
    try:
        return _translations(path)
    except (OSError, ValueError):
        return None


def _not_found(run: Run) -> bool:
    """A lookup that found nothing (exit 1, a message that names the text, no file)."""
    return run.command == "lookup" and run.err.startswith("glossary: no term ")


# -- the campaign --------------------------------------------------------------------------------


def campaign(
    locales: Path, seed: int, count: int, jobs: int, timeout: float, fork: bool
) -> list[Result]:
    mutants = make_mutants(locales, seed, count)
    if not fork:
        from concurrent.futures import ThreadPoolExecutor

        def one(mutant: Mutant) -> Result:
            result = examine(mutant, locales, timeout, run_subprocess)
            _print_problems(result, seed)
            return result

        with ThreadPoolExecutor(jobs) as pool:
            return list(pool.map(one, mutants))
    return _forked(mutants, locales, jobs, timeout, seed)


def _forked(
    mutants: list[Mutant], locales: Path, jobs: int, timeout: float, seed: int
) -> list[Result]:
    """Each mutant in a forked copy of this process, ``jobs`` at a time."""
    import importlib

    import glossary.build  # noqa: F401  (imported once, before forking)
    import glossary.cli  # noqa: F401
    import glossary.update  # noqa: F401

    for name in ("mo", "tbx", "csvfile", "omegat", "site", "dataset"):
        importlib.import_module(f"glossary.formats.{name}")

    signal.signal(signal.SIGALRM, _alarm)
    results: dict[int, Result] = {}
    running: dict[int, tuple[Mutant, Path, float]] = {}
    pending = list(mutants)
    with tempfile.TemporaryDirectory(prefix="glossary-fuzz-results-") as tmp:
        while pending or running:
            while pending and len(running) < jobs:
                mutant = pending.pop(0)
                path = Path(tmp) / f"{mutant.number}.json"
                pid = os.fork()
                if pid == 0:  # the child: examine, write the result, leave
                    code = 0
                    try:
                        r = examine(mutant, locales, timeout, run_in_process)
                        path.write_text(json.dumps([r.runs, r.problems]), encoding="utf-8")
                    except BaseException:
                        traceback.print_exc()
                        code = 1
                    finally:
                        os._exit(code)
                running[pid] = (mutant, path, time.monotonic())
            pid, status = os.waitpid(-1, 0)
            mutant, path, _ = running.pop(pid)
            result = Result(mutant)
            if path.is_file():
                result.runs, problems = json.loads(path.read_text(encoding="utf-8"))
                result.problems = [tuple(p) for p in problems]
            else:
                result.problems.append(("crash", "fuzz", f"the examining process ended: {status}"))
            results[mutant.number] = result
            _print_problems(result, seed)
    return [results[m.number] for m in mutants]


def _print_problems(result: Result, seed: int) -> None:
    m = result.mutant
    for kind, command, detail in result.problems:
        print(
            f"{kind}: {command}: --seed {seed} mutant {m.number} ({m.file}: {m.what}): {detail}",
            file=sys.stderr,
            flush=True,
        )


def report(results: list[Result], seed: int, keep: Path | None) -> Counter:
    counts: Counter = Counter()
    runs = sum(r.runs for r in results)
    for result in results:
        for kind, _, _ in result.problems:
            counts[kind] += 1
            m = result.mutant
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                (
                    keep / f"{seed}-{m.number}-{Path(m.file).parent.parent.name or 'pot'}.po"
                ).write_bytes(m.data)
    summary = ", ".join(f"{kind} {counts[kind]}" for kind in CLASSES)
    print(f"seed {seed}: {len(results)} mutants, {runs} runs: {summary}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="mutants (default: 300)")
    parser.add_argument("--seed", type=int, default=1, help="the seed (default: 1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="at a time")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per command")
    parser.add_argument("--locales", type=Path, default=ROOT / "locales")
    parser.add_argument("--keep", type=Path, help="keep the file of each problem here")
    parser.add_argument(
        "--exec",
        action="store_true",
        help="run each command as 'python -m glossary' in a new process (slower); by "
        "default each mutant runs in a forked copy of this process, which calls the "
        "same entry point (glossary.cli.main) with the package imported once",
    )
    args = parser.parse_args(argv)
    if shutil.which("msgfmt") is None:
        parser.error("GNU msgfmt is not installed (apt-get install gettext)")
    started = time.monotonic()
    results = campaign(args.locales, args.seed, args.count, args.jobs, args.timeout, not args.exec)
    counts = report(results, args.seed, args.keep)
    print(f"{time.monotonic() - started:.0f} s", file=sys.stderr)
    return 1 if any(counts[kind] for kind in CLASSES) else 0


if __name__ == "__main__":
    sys.exit(main())
