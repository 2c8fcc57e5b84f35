#!/usr/bin/env python3
"""Benchmark the glossary against its speed and memory targets.

Generates synthetic glossaries in the project's own catalog layout
(``locales/<lang>/LC_MESSAGES/glossary.po`` for ``en``, ``bg``, ``de`` and
``pl``, plus ``locales/glossary.pot``), written by ``glossary.formats.po``
from a seeded :class:`glossary.model.Glossary`, and measures, on them and on
a copy of the shipped ``locales/``:

* the full ``glossary build`` (every output), each run in a fresh
  ``python -m glossary build`` process, so import costs count as a user sees
  them: wall and CPU time, the time of each output from the build's own
  report, the time per concept and how it grows with the size;
* the anchor toolchain on the same catalogs: GNU ``msgfmt``, then
  translate-toolkit's ``po2csv`` and ``csv2tbx``, for every locale;
* our ``.mo`` compilation alone (PO -> MO for every locale, in a fresh
  process) against ``msgfmt`` alone;
* ``glossary.load()`` of the catalogs folder in a fresh process, then the
  first, exact and fuzzy ``lookup`` in that process;
* the peak memory of the build (the maximum resident set size of its process);
* the cold start of ``glossary lookup KPO`` (the console script) and of
  ``python -m glossary lookup KPO`` as a user has them: the package built
  into a wheel and installed into a fresh virtual environment in the
  benchmark's temporary folder (so the lookup reads the precompiled
  glossary, not the catalogs), run from an empty folder, against that
  environment's ``python -c pass``.

Every figure is the median of several runs. One aligned table goes to
stdout (progress to stderr), each figure with its target and PASS or MISS
where it has one.

Usage::

    python scripts/bench.py                  # 1 000, 10 000 and 50 000 concepts
    python scripts/bench.py --quick          # 1 000 only (the test suite runs this)
    python scripts/bench.py --sizes 1000,10000 --repeat 3 --fail-on-miss

Exit status: 0 when every measurement ran (misses are reported in the
table); 1 with ``--fail-on-miss`` when a target is missed; 2 when a tool to
compare against, or to build the wheel with, is missing; 3 when a measured
command fails.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary.formats.po import pot_text, write_po  # noqa: E402
from glossary.layout import catalog_path, find_catalogs, template_path  # noqa: E402
from glossary.model import (  # noqa: E402
    Concept,
    Gender,
    Glossary,
    LangSection,
    PartOfSpeech,
    Status,
    Term,
    TermType,
)

SHIPPED = ROOT / "locales"
DEFAULT_SIZES = (1_000, 10_000, 50_000)
SEED = 20240601
GIB = 1024**3
#: The cold start's target: at most this many times ``python -c pass``.
COLD_TARGET = 3.0

#: Tools the build is compared against, and how to get each.
ANCHOR_TOOLS = {
    "msgfmt": "GNU gettext (apt-get install gettext; brew install gettext; "
    "https://www.gnu.org/software/gettext/)",
    "po2csv": "translate-toolkit (pip install translate-toolkit, or pip install '.[test]')",
    "csv2tbx": "translate-toolkit (pip install translate-toolkit, or pip install '.[test]')",
}

#: Modules the wheel for the cold start is built with (without build isolation).
BUILD_MODULES = {
    "hatchling": "the build backend (pip install hatchling, or pip install '.[test]')",
}


# -- synthetic glossaries ------------------------------------------------------------

#: Words per language and kind, separated by white space.
_WORD_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "noun": """service process outsourcing delivery management provider client contract
            cost quality data analysis knowledge operation support centre function
            resource capacity transition governance risk compliance security agreement
            level performance indicator model location supplier vendor partner team
            workforce skill expertise research analytics report invoice payroll
            accounting finance procurement logistics customer interaction channel ticket
            request incident escalation workflow automation platform infrastructure
            application maintenance migration integration strategy portfolio benchmark
            pricing rate margin saving efficiency productivity utilisation shift
            schedule training onboarding retention attrition audit review assessment
            evaluation monitoring dashboard metric target baseline scope requirement
            specification document policy procedure standard certification framework
            methodology practice improvement innovation transformation engagement
            relationship negotiation tender proposal bid renewal termination handover""",
        "adj": """offshore nearshore onshore global regional local shared managed dedicated
            hybrid remote virtual digital automated manual strategic operational
            tactical financial legal technical analytical transactional contractual
            commercial internal external primary secondary custom critical annual
            monthly weekly continuous integrated centralised distributed multilingual
            captive""",
        "function": """the of and for to in with by on as or which that an a from at""",
    },
    "bg": {
        "noun": """услуга процес управление доставчик клиент договор разход качество данни
            анализ знание операция поддръжка център функция ресурс капацитет преход риск
            съответствие сигурност споразумение ниво показател модел местоположение
            партньор екип персонал умение опит изследване отчет фактура възнаграждение
            счетоводство финанси доставка логистика взаимодействие канал заявка инцидент
            ескалация автоматизация платформа инфраструктура приложение миграция
            интеграция стратегия портфейл ценообразуване марж спестяване ефективност
            производителност натовареност смяна график обучение задържане текучество
            одит преглед оценка наблюдение табло цел обхват изискване спецификация
            документ политика процедура стандарт сертифициране методология практика
            подобрение иновация трансформация отношение преговори търг предложение
            подновяване прекратяване предаване""",
        "adj": """офшорен глобален регионален местен споделен управляван специализиран
            хибриден дистанционен виртуален цифров автоматизиран ръчен стратегически
            оперативен финансов правен технически аналитичен договорен търговски
            вътрешен външен основен критичен годишен месечен непрекъснат интегриран
            централизиран многоезичен""",
        "function": """на и за от с в към чрез при по който която което както или""",
    },
    "pl": {
        "noun": """usługa proces zarządzanie dostawca klient umowa koszt jakość dane analiza
            wiedza działanie wsparcie centrum funkcja zasób przejście ryzyko zgodność
            bezpieczeństwo porozumienie poziom wskaźnik model lokalizacja partner zespół
            personel umiejętność doświadczenie badanie sprawozdanie faktura
            wynagrodzenie księgowość finanse zaopatrzenie logistyka interakcja kanał
            zgłoszenie incydent eskalacja automatyzacja platforma infrastruktura
            aplikacja utrzymanie migracja integracja strategia wycena marża oszczędność
            wydajność efektywność wykorzystanie zmiana harmonogram szkolenie wdrożenie
            rotacja audyt przegląd ocena monitorowanie raportowanie cel zakres wymaganie
            specyfikacja dokument polityka procedura norma certyfikacja metodyka
            praktyka doskonałość ulepszenie innowacja przekształcenie zaangażowanie
            relacja negocjacje przetarg oferta odnowienie rozwiązanie przekazanie
            łańcuch źródło żądanie świadczenie przedsiębiorstwo gałąź""",
        "adj": """zagraniczny globalny regionalny lokalny wspólny zarządzany dedykowany
            hybrydowy zdalny wirtualny cyfrowy zautomatyzowany ręczny strategiczny
            operacyjny finansowy prawny techniczny analityczny umowny handlowy
            wewnętrzny zewnętrzny podstawowy krytyczny roczny miesięczny ciągły
            zintegrowany scentralizowany wielojęzyczny właściwy rzeczowy źródłowy""",
        "function": """i w na dla z do przez przy od który która oraz lub jako się""",
    },
    "de": {
        "noun": """Dienstleistung Prozess Verwaltung Anbieter Kunde Vertrag Kosten Qualität
            Daten Analyse Wissen Betrieb Unterstützung Zentrum Funktion Ressource
            Kapazität Übergang Steuerung Risiko Konformität Sicherheit Vereinbarung
            Ebene Leistung Kennzahl Modell Standort Lieferant Partner Team Belegschaft
            Fähigkeit Fachwissen Forschung Bericht Rechnung Lohnabrechnung Buchhaltung
            Finanzen Beschaffung Logistik Interaktion Kanal Anfrage Störung Eskalation
            Automatisierung Plattform Infrastruktur Anwendung Wartung Migration
            Integration Strategie Preisgestaltung Marge Einsparung Effizienz
            Produktivität Auslastung Schicht Zeitplan Schulung Einarbeitung Fluktuation
            Prüfung Überprüfung Bewertung Überwachung Berichterstattung Ziel Umfang
            Anforderung Spezifikation Dokument Richtlinie Verfahren Norm Zertifizierung
            Methodik Praxis Verbesserung Innovation Umgestaltung Beziehung Verhandlung
            Ausschreibung Angebot Verlängerung Kündigung Übergabe Größe Schließung
            Gebühr Maßnahme Lösung""",
        "adj": """ausländisch global regional lokal gemeinsam verwaltet dediziert hybrid
            entfernt virtuell digital automatisiert manuell strategisch operativ
            finanziell rechtlich technisch analytisch vertraglich kaufmännisch intern
            extern grundlegend kritisch jährlich monatlich laufend integriert zentral
            mehrsprachig größer""",
        "function": """der die das und für von mit im zur zum durch bei auf als oder eines einer""",
    },
}
_WORDS = {
    lang: {kind: text.split() for kind, text in kinds.items()} for lang, kinds in _WORD_TEXT.items()
}

_DEPRECATED_NOTE = {
    "en": "Found in older contracts and translated tenders; use “{use}” instead.",
    "bg": "Среща се в по-стари договори и преведени търгове; да се използва „{use}“.",
    "pl": "Występuje w starszych umowach i tłumaczonych przetargach; należy używać „{use}”.",
    "de": "Kommt in älteren Verträgen und übersetzten Ausschreibungen vor; "
    "stattdessen „{use}“ verwenden.",
}
_ADMITTED_NOTE = {
    "en": "Less frequent; common in spoken usage.",
    "bg": "По-рядко използван; среща се главно в устна реч.",
    "pl": "Rzadziej używany; spotykany głównie w mowie potocznej.",
    "de": "Seltener; vor allem in der gesprochenen Sprache üblich.",
}
_SECTION_NOTE = {
    "en": "Mostly used in {field}.",
    "bg": "Използва се главно в областта „{field}“.",
    "pl": "Używany głównie w dziedzinie „{field}”.",
    "de": "Vor allem im Bereich „{field}“ gebräuchlich.",
}
_SUBJECTS = [
    "outsourcing models",
    "BPO services",
    "KPO services",
    "contracting",
    "service delivery",
    "governance",
    "pricing",
    "workforce",
    "technology",
    "quality management",
    "finance and accounting",
    "customer operations",
]
_LANGS = ("en", "bg", "pl", "de")


class _Phrases:
    """Unique multi-word phrases of one language, drawn from its word lists."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang, self.used = rng, lang, set()
        self.abbreviations: set[str] = set()
        self.words = _WORDS[lang]

    def abbreviation(self, text: str) -> str:
        """The initials of ``text``, numbered when another concept has them already:
        a term shared by two concepts is refused (MT glossaries cannot carry it)."""
        base = candidate = _initials(text)
        number = 1
        while candidate in self.abbreviations:
            number += 1
            candidate = f"{base}{number}"
        self.abbreviations.add(candidate)
        return candidate

    def words_for(self, length: int) -> list[str]:
        rng, w = self.rng, self.words
        if length == 1:
            return [rng.choice(w["noun"])]
        return [rng.choice(w["adj"])] + rng.sample(w["noun"], length - 1)

    def new(self) -> str:
        length = self.rng.choice((1, 2, 2, 2, 3, 3))
        tries = 0
        while True:
            text = " ".join(self.words_for(length))
            key = text.casefold()
            if key not in self.used:
                self.used.add(key)
                return text
            tries += 1
            if tries % 8 == 0:
                length += 1

    def sentence(self, low: int = 20, high: int = 40) -> str:
        rng, w = self.rng, self.words
        pool = w["noun"] + w["noun"] + w["adj"] + w["function"] * 2
        words = [rng.choice(pool) for _ in range(rng.randint(low, high))]
        for i in range(3, len(words) - 2):
            if rng.random() < 0.06:
                words[i] += ","
        text = " ".join(words).rstrip(",") + "."
        return text[0].upper() + text[1:]  # as every definition starts


def _initials(text: str) -> str:
    parts = text.split()
    if len(parts) == 1:
        return parts[0][:3].upper()
    return "".join(p[0] for p in parts).upper()


def _gender(rng: random.Random, lang: str) -> Gender | None:
    if lang == "en":
        return None
    return rng.choice((Gender.MASCULINE, Gender.FEMININE, Gender.NEUTER))


def _pos(rng: random.Random) -> PartOfSpeech:
    return (
        PartOfSpeech.NOUN
        if rng.random() < 0.92
        else rng.choice((PartOfSpeech.VERB, PartOfSpeech.ADJECTIVE, PartOfSpeech.OTHER))
    )


def generate(size: int, seed: int = SEED) -> Glossary:
    """A realistic glossary of ``size`` concepts in en, bg, pl and de (seeded)."""
    rng = random.Random(seed * 1_000_003 + size)
    phrases = {lang: _Phrases(rng, lang) for lang in _LANGS}
    english = [phrases["en"].new() for _ in range(size)]
    ids = ["_".join(text.split()) for text in english]
    glossary = Glossary()
    same_field: dict[str, list[str]] = {}  # earlier concepts by subject field
    for concept_id, preferred_en in zip(ids, english, strict=True):
        concept = Concept(concept_id, subject_field=rng.choice(_SUBJECTS))
        kin = same_field.setdefault(concept.subject_field, [])
        if kin and rng.random() < 0.4:  # a generic relation stays within one subject field
            concept.broader.append(rng.choice(kin))
        kin.append(concept_id)
        for other in rng.sample(range(size), k=min(size, rng.randint(0, 3))):
            if ids[other] != concept_id and ids[other] not in concept.related + concept.broader:
                concept.related.append(ids[other])
        if rng.random() < 0.2:
            concept.notes.append(f"Introduced with the {rng.choice(_SUBJECTS)} chapter.")
        has_abbr = rng.random() < 0.3
        abbr_type = TermType.ACRONYM if rng.random() < 0.8 else TermType.ABBREVIATION
        for lang in _LANGS:
            words = phrases[lang]
            preferred = preferred_en if lang == "en" else words.new()
            terms = [
                Term(preferred, Status.PREFERRED, TermType.FULL_FORM, _pos(rng), _gender(rng, lang))
            ]
            if has_abbr:
                terms.append(
                    Term(
                        words.abbreviation(preferred),
                        Status.ADMITTED,
                        abbr_type,
                        PartOfSpeech.NOUN,
                        _gender(rng, lang),
                    )
                )
            # 0-2 synonyms: with more, the DeepL files of 50 000 concepts would pass
            # DeepL's 10 MiB, which 'glossary check' refuses, so nothing could be built
            for _ in range(rng.randint(0, 2)):
                terms.append(
                    Term(
                        words.new(),
                        Status.ADMITTED,
                        TermType.FULL_FORM,
                        _pos(rng),
                        _gender(rng, lang),
                        _ADMITTED_NOTE[lang] if rng.random() < 0.2 else "",
                    )
                )
            for _ in range(rng.randint(0, 2)):
                terms.append(
                    Term(
                        words.new(),
                        Status.DEPRECATED,
                        rng.choice((TermType.FULL_FORM, TermType.VARIANT)),
                        PartOfSpeech.NOUN,
                        _gender(rng, lang),
                        _DEPRECATED_NOTE[lang].format(use=preferred),
                    )
                )
            terms.sort(key=Term.sort_key)
            notes = [_SECTION_NOTE[lang].format(field=words.new())] if rng.random() < 0.3 else []
            concept.languages[lang] = LangSection(lang, terms, words.sentence(), notes)
        glossary.add(concept)
    pairs = set()  # related goes both ways; a pair is hierarchical or related, not both
    for concept in glossary:
        for other in concept.related:
            if other not in concept.broader and concept.id not in glossary.get(other).broader:
                pairs.add(tuple(sorted((concept.id, other))))
        concept.related = []
    for one, other in sorted(pairs):
        glossary.get(one).related.append(other)
        glossary.get(other).related.append(one)
    return glossary


def write_catalogs(glossary: Glossary, locales: Path) -> None:
    """The glossary as ``locales/``: a catalog per language and the template."""
    for lang in glossary.languages:
        write_po(glossary, lang, catalog_path(locales, lang))
    template_path(locales).write_text(pot_text(glossary), encoding="utf-8")


def _generate_into(size: int, seed: int, locales: Path) -> None:
    write_catalogs(generate(size, seed), locales)


def generate_catalogs(size: int, seed: int, locales: Path) -> None:
    """``write_catalogs(generate(size, seed), locales)`` in a child process.

    The benchmark itself must stay small: a command it starts inherits its
    peak memory (see :func:`run`), and the glossary of 50 000 concepts alone
    takes about a gigabyte while it is made.
    """
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    child = multiprocessing.get_context(method).Process(
        target=_generate_into, args=(size, seed, locales)
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise CommandFailed(
            f"generating {size} concepts into {locales} failed (exit {child.exitcode})"
        )


# -- running commands -------------------------------------------------------------------

# ``ru_maxrss`` is in kilobytes on Linux and in bytes on macOS.
_MAXRSS_BYTES = 1 if sys.platform == "darwin" else 1024


class CommandFailed(Exception):
    pass


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the process and its waited-for children
    # (unlike wall time, not inflated when other work competes for the cores)
    max_rss: int | None  # bytes; None where unknown (see run())
    stdout: str


def _own_peak() -> int:
    """This process's peak memory in bytes, as a child started now would inherit it.

    That is the peak of its own memory (``VmHWM`` in ``/proc/self/status``),
    which on Linux can be lower than ``getrusage(RUSAGE_SELF)``: that one also
    holds the peak this process itself inherited from whatever started it.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _MAXRSS_BYTES


def run(
    cmd: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``cmd``; its wall time, CPU time and peak memory. Raises CommandFailed on a
    non-zero exit.

    Peak memory: ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the maximum over
    every child this process has ever waited for, so after a big build it
    would hide a smaller one. ``os.wait4(pid)`` instead returns the rusage of
    that one child, so each command gets its own figure. We reap the child
    ourselves with ``wait4`` and tell ``Popen`` its exit status.

    A child started with ``vfork`` (as ``Popen`` does) shares this process's
    memory until it executes the command, and Linux then counts this
    process's peak as the child's own: ``ru_maxrss`` is the larger of the two.
    The benchmark keeps itself small (:func:`generate_catalogs`), and where
    the child's figure does not exceed this process's peak it is unknown
    (``None``), never this process's figure under the command's name.
    """
    own_peak = _own_peak()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, env=env
        )
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise CommandFailed(
                f"{' '.join(map(str, cmd))} exited with {proc.returncode}:\n"
                + err.read().decode("utf-8", "replace")[-3000:]
            )
    max_rss = usage.ru_maxrss * _MAXRSS_BYTES
    if max_rss <= own_peak:
        max_rss = None
    return Run(seconds, usage.ru_utime + usage.ru_stime, max_rss, stdout)


def child_env() -> dict[str, str]:
    """The environment of the measured commands of this checkout: importable, offline Hub."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    for name in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE", "HF_HUB_DISABLE_TELEMETRY"):
        env.setdefault(name, "1")
    return env


def compile_package() -> None:
    """Write the bytecode of this checkout's ``glossary`` package, as ``pip install`` does
    for a package it installs: otherwise, where ``PYTHONDONTWRITEBYTECODE`` is set, every
    measured command would compile the package's source again, which no installed
    package does, while ``python -c pass`` compiles nothing."""
    compileall.compile_dir(ROOT / "glossary", quiet=1)


def find_tool(name: str) -> str | None:
    """The installed command: beside this Python first (no shim in between), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def find_module(name: str) -> bool:
    """Whether this Python can import ``name`` (the wheel's build backend)."""
    import importlib.util

    return importlib.util.find_spec(name) is not None


# -- measurements -------------------------------------------------------------------------


def median_of(repeat: int, once: Callable[[], float]) -> float:
    return statistics.median(once() for _ in range(repeat))


@dataclass
class Build:
    seconds: float  # median wall time
    cpu: float  # median CPU time
    peak: int | None  # bytes, the highest run; None where unknown
    steps: dict[str, float]  # median seconds of each step of the build's report


def measure_build(locales: Path, work: Path, repeat: int) -> Build:
    """``glossary build`` of ``locales``, each run into a new output folder."""
    times, cpus, peaks = [], [], []
    steps: dict[str, list[float]] = {}
    out = work / "exports"
    env = child_env()
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        result = run(
            [
                sys.executable,
                "-m",
                "glossary",
                "build",
                "--locales",
                str(locales),
                "--out",
                str(out),
            ],
            cwd=work,
            env=env,
        )
        times.append(result.seconds)
        cpus.append(result.cpu)
        peaks.append(result.max_rss)
        for name, seconds in build_steps(result.stdout).items():
            steps.setdefault(name, []).append(seconds)
    shutil.rmtree(out, ignore_errors=True)
    return Build(
        statistics.median(times),
        statistics.median(cpus),
        None if None in peaks else max(p for p in peaks if p is not None),
        {name: statistics.median(values) for name, values in steps.items()},
    )


_STEP_LINE = re.compile(r"wrote [^/]+/(.+?): .*\(([0-9.]+) s\)\s*\Z")
_READING = re.compile(r"built .*\(reading the catalogs ([0-9.]+) s\)")


def build_steps(report: str) -> dict[str, float]:
    """Seconds of reading the catalogs and of each output, from the build's own
    report. Empty when the report is not in the expected form.

    >>> build_steps("wrote exports/glossary.csv: 12 rows (0.25 s)\\n"
    ...             "built /x/exports from 3 concepts in 4 languages (en) in 1.00 s "
    ...             "(reading the catalogs 0.50 s)")
    {'reading the catalogs': 0.5, 'glossary.csv': 0.25}
    """
    steps = {}
    reading = None
    for line in report.splitlines():
        step, built = _STEP_LINE.match(line), _READING.match(line)
        if step:
            steps[step.group(1)] = float(step.group(2))
        elif built:
            reading = float(built.group(1))
    if not steps or reading is None:
        return {}
    return {"reading the catalogs": reading, **steps}


def measure_anchor(
    locales: Path, work: Path, repeat: int, tools: dict[str, str]
) -> tuple[float, float]:
    """Median seconds of the anchor toolchain, and of its msgfmt part alone."""
    out = work / "anchor"
    catalogs = find_catalogs(locales)
    totals, msgfmts = [], []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        total = msgfmt = 0.0
        for lang, po in catalogs.items():
            mo, csv, tbx = (out / f"{lang}.{ext}" for ext in ("mo", "csv", "tbx"))
            seconds = run([tools["msgfmt"], "-o", str(mo), str(po)]).seconds
            msgfmt += seconds
            total += seconds
            total += run([tools["po2csv"], "--progress=none", str(po), str(csv)]).seconds
            total += run([tools["csv2tbx"], "--progress=none", str(csv), str(tbx)]).seconds
        totals.append(total)
        msgfmts.append(msgfmt)
    shutil.rmtree(out, ignore_errors=True)
    return statistics.median(totals), statistics.median(msgfmts)


_MO_ONLY = """
import sys, glossary
from glossary.formats.mo import write_locale_tree
write_locale_tree(glossary.load(sys.argv[1]), sys.argv[2])
"""


def measure_mo(locales: Path, work: Path, repeat: int) -> float:
    """Median seconds of a fresh process reading the catalogs and compiling every one
    to ``.mo``: the whole PO -> MO work, as ``msgfmt`` does it."""
    out = work / "mo"
    env = child_env()

    def once() -> float:
        shutil.rmtree(out, ignore_errors=True)
        return run([sys.executable, "-c", _MO_ONLY, str(locales), str(out)], env=env).seconds

    seconds = median_of(repeat, once)
    shutil.rmtree(out, ignore_errors=True)
    return seconds


# Runs in a fresh process: load, then time lookups; prints one JSON object.
_PROBE = r"""
import json, random, statistics, sys, time
import glossary
path, seed = sys.argv[1], int(sys.argv[2])
t0 = time.perf_counter()
g = glossary.load(path)
load_s = time.perf_counter() - t0
rng = random.Random(seed)
languages = g.languages                  # computed from every concept on each access
texts = [t.text for c in g for code in languages if code in c.languages
         for t in c.languages[code].terms]
sample = rng.sample(texts, min(2000, len(texts)))
t0 = time.perf_counter()
g.lookup(sample[0])                      # the first lookup builds the index
index_s = time.perf_counter() - t0
clock = time.perf_counter_ns
timings = []
for _ in range(3):
    for text in sample:
        s = clock(); g.lookup(text); timings.append(clock() - s)
exact_us = statistics.median(timings) / 1000
preferred = [c.preferred(glossary.SOURCE_LANGUAGE) for c in g]
preferred = [p for p in preferred if p and len(p) > 4]
query = "qzx vwk jjq"                   # the fallback: surely not a term
for _ in range(1000):                    # a misspelling that is not a term: a miss
    p = rng.choice(preferred)
    i = rng.randrange(1, len(p) - 1)
    candidate = p[:i] + p[i + 1:]
    try:
        g.lookup(candidate)
    except LookupError:
        query = candidate
        break
fuzzy = []
budget = time.perf_counter() + 2.0
while len(fuzzy) < 25 and (len(fuzzy) < 3 or time.perf_counter() < budget):
    s = time.perf_counter()
    try:
        g.lookup(query)
    except LookupError:
        pass
    fuzzy.append(time.perf_counter() - s)
fuzzy_ms = statistics.median(fuzzy[1:]) * 1000   # the first one imports rapidfuzz
print(json.dumps({"load_s": load_s, "index_s": index_s, "exact_us": exact_us,
                  "fuzzy_ms": fuzzy_ms, "query": query, "concepts": len(g)}))
"""


def measure_lookup(locales: Path, repeat: int, seed: int) -> dict[str, float]:
    """Medians over fresh processes: seconds of ``glossary.load()`` of the catalogs and
    of the first lookup, µs of an exact lookup, ms of a fuzzy one; and the concepts."""
    env = child_env()
    results = [
        json.loads(run([sys.executable, "-c", _PROBE, str(locales), str(seed)], env=env).stdout)
        for _ in range(repeat)
    ]
    return {
        key: statistics.median(r[key] for r in results)
        for key in ("load_s", "index_s", "exact_us", "fuzzy_ms", "concepts")
    }


def install_fresh(work: Path) -> Path:
    """A new virtual environment in ``work`` with this checkout installed from a wheel;
    the folder of its commands.

    The wheel is built without build isolation (offline, with this Python's
    hatchling) and installed without dependencies: ``glossary lookup`` of a
    term imports none of them (``tests/test_install.py`` checks that). The
    environment does not see this Python's site-packages: whatever is
    installed there (an editable copy of this checkout, a ``.pth`` file that
    runs at every start) would blur both the package measured and the
    ``python -c pass`` it is compared with. A check makes sure that the
    environment imports the installed wheel, with its precompiled glossary.
    """
    wheels = work / "wheel"
    run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["-w", str(wheels), str(ROOT)]
    )
    [wheel] = wheels.glob("*.whl")
    venv = work / "venv"
    run([sys.executable, "-m", "venv", str(venv)], env=venv_env())
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
        + ["--force-reinstall", str(wheel)],
        env=venv_env(),
    )
    where = run(
        [str(python), "-c", "import glossary, pathlib; print(pathlib.Path(glossary.__file__))"],
        cwd=work,
        env=venv_env(),
    ).stdout.strip()
    package = Path(where).parent
    if not package.is_relative_to(venv) or not (package / "data" / "glossary.json").is_file():
        raise CommandFailed(
            f"the fresh environment {venv} imports glossary from {package}, "
            "not the installed wheel with its precompiled glossary"
        )
    return bin_dir


def venv_env() -> dict[str, str]:
    """The environment of the cold start: nothing points into this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    for name in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE", "HF_HUB_DISABLE_TELEMETRY"):
        env.setdefault(name, "1")
    return env


#: The cold-start commands: (name, command relative to the environment's bin folder).
COLD_COMMANDS = {
    "python -c pass": ["python", "-c", "pass"],
    "glossary lookup KPO": ["glossary", "lookup", "KPO"],
    "python -m glossary lookup KPO": ["python", "-m", "glossary", "lookup", "KPO"],
}


def measure_cold_start(bin_dir: Path, empty: Path, runs: int) -> dict[str, float]:
    """Median seconds of each of :data:`COLD_COMMANDS` in the fresh environment, run
    from an empty folder (no ``./locales``), interleaved so drift hits all alike."""
    env = venv_env()
    commands = {name: [str(bin_dir / cmd[0]), *cmd[1:]] for name, cmd in COLD_COMMANDS.items()}
    for cmd in commands.values():  # warms the file cache
        run(cmd, cwd=empty, env=env)
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            timings[name].append(run(cmd, cwd=empty, env=env).seconds)
    return {name: statistics.median(values) for name, values in timings.items()}


# -- the table --------------------------------------------------------------------------


@dataclass
class Row:
    figure: str
    size: str
    value: str
    target: str = ""
    passed: bool | None = None

    @property
    def result(self) -> str:
        return "" if self.passed is None else ("PASS" if self.passed else "MISS")


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def add(
        self, figure: str, size: str, value: str, target: str = "", passed: bool | None = None
    ) -> None:
        self.rows.append(Row(figure, size, value, target, passed))

    def render(self, header: list[str]) -> str:
        titles = ("figure", "size", "value", "target", "result")
        cells = [titles] + [(r.figure, r.size, r.value, r.target, r.result) for r in self.rows]
        widths = [max(len(c[i]) for c in cells) for i in range(len(titles))]
        lines = list(header) + [""]
        for number, row in enumerate(cells):
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if number == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    @property
    def misses(self) -> list[Row]:
        return [r for r in self.rows if r.passed is False]


def size_label(size: int | None) -> str:
    return "real" if size is None else f"{size:,}".replace(",", " ")


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def fmt_mib(size: int | None) -> str:
    return "unknown (not above the benchmark's own)" if size is None else f"{size / 2**20:.0f} MiB"


def fmt_ratio(ratio: float) -> str:
    return f"{ratio:.2f}×"


@dataclass
class SizeResult:
    build: Build
    anchor_s: float
    msgfmt_s: float
    mo_s: float
    lookup: dict[str, float]

    @property
    def concepts(self) -> int:
        return int(self.lookup["concepts"])


def measure_size(
    locales: Path, work: Path, repeat: int, tools: dict[str, str], seed: int, label: str
) -> SizeResult:
    def note(what: str) -> None:
        print(f"[{label}] {what}", file=sys.stderr, flush=True)

    note(f"glossary build × {repeat}")
    build = measure_build(locales, work, repeat)
    note(f"msgfmt + po2csv + csv2tbx × {repeat}")
    anchor_s, msgfmt_s = measure_anchor(locales, work, repeat, tools)
    note(f".mo alone × {repeat}")
    mo_s = measure_mo(locales, work, repeat)
    note(f"load and lookup × {repeat}")
    lookup = measure_lookup(locales, repeat, seed)
    note(
        f"build {fmt_s(build.seconds)} (CPU {fmt_s(build.cpu)}, peak {fmt_mib(build.peak)}), "
        f"anchor {fmt_s(anchor_s)}, .mo {fmt_s(mo_s)} vs msgfmt {fmt_s(msgfmt_s)}, "
        f"load {fmt_s(lookup['load_s'])}, exact {lookup['exact_us']:.1f} µs, "
        f"fuzzy {lookup['fuzzy_ms']:.2f} ms"
    )
    return SizeResult(build, anchor_s, msgfmt_s, mo_s, lookup)


def fill_table(table: Table, results: dict[int | None, SizeResult], cold: dict[str, float]) -> None:
    """One row per figure and size, with the targets."""
    sizes = list(results)

    def each(
        figure: str,
        value: Callable[[SizeResult], str],
        target: Callable[[int | None, SizeResult], tuple[str, bool | None]] | None = None,
    ) -> None:
        for size in sizes:
            r = results[size]
            goal, passed = target(size, r) if target else ("", None)
            table.add(figure, size_label(size), value(r), goal, passed)

    each(
        "full build (glossary build)",
        lambda r: fmt_s(r.build.seconds),
        lambda s, r: ("< 3 s", r.build.seconds < 3) if s is None else ("", None),
    )
    each("full build CPU time (user+sys)", lambda r: fmt_s(r.build.cpu))
    names = list(dict.fromkeys(name for size in sizes for name in results[size].build.steps))
    for name in names:  # where the build's time goes, from its own report
        each(
            f"  build step: {name}",
            lambda r, name=name: fmt_s(r.build.steps[name]) if name in r.build.steps else "-",
        )
    each("full build per concept", lambda r: f"{r.build.seconds / r.concepts * 1000:.3f} ms")
    synthetic = sorted(s for s in sizes if s is not None)
    if len(synthetic) >= 2:
        low, high = results[synthetic[0]], results[synthetic[-1]]
        growth = (high.build.seconds / high.concepts) / (low.build.seconds / low.concepts)
        standard = synthetic[0] == 1_000 and synthetic[-1] == 50_000
        table.add(
            f"per-concept time growth {size_label(synthetic[-1])} / {size_label(synthetic[0])}",
            size_label(synthetic[-1]),
            fmt_ratio(growth),
            "≤ 1.50×" if standard else "",
            growth <= 1.5 if standard else None,
        )
    else:
        table.add("per-concept time growth", "-", "n/a (needs two sizes)")
    each("anchor: msgfmt + po2csv + csv2tbx", lambda r: fmt_s(r.anchor_s))
    each(
        "our build / anchor toolchain",
        lambda r: fmt_ratio(r.build.seconds / r.anchor_s),
        lambda s, r: (
            ("≤ 1.00×", r.build.seconds / r.anchor_s <= 1.0) if s == 10_000 else ("", None)
        ),
    )
    each("our .mo alone (fresh process, all locales)", lambda r: fmt_s(r.mo_s))
    each("msgfmt alone (all locales)", lambda r: fmt_s(r.msgfmt_s))
    each("our .mo / msgfmt", lambda r: fmt_ratio(r.mo_s / r.msgfmt_s))
    each(
        "peak memory of the build (max RSS)",
        lambda r: fmt_mib(r.build.peak),
        lambda s, r: (
            ("< 1 GiB", r.build.peak < GIB)
            if s == 50_000 and r.build.peak is not None
            else ("", None)
        ),
    )
    each(
        "glossary.load() of the catalogs (fresh process)",
        lambda r: fmt_s(r.lookup["load_s"]),
        lambda s, r: ("< 1 s", r.lookup["load_s"] < 1) if s == 10_000 else ("", None),
    )
    each("first lookup (builds the lookup table)", lambda r: fmt_s(r.lookup["index_s"]))
    each(
        "exact lookup",
        lambda r: f"{r.lookup['exact_us']:.1f} µs",
        lambda s, r: ("< 10 µs", r.lookup["exact_us"] < 10),
    )
    each(
        "fuzzy lookup (a miss, with suggestions)",
        lambda r: f"{r.lookup['fuzzy_ms']:.2f} ms",
        lambda s, r: ("< 5 ms", r.lookup["fuzzy_ms"] < 5) if s is None else ("", None),
    )

    base = cold["python -c pass"]
    table.add("cold start, fresh venv: python -c pass", "real", fmt_s(base))
    for name in list(COLD_COMMANDS)[1:]:
        ratio = cold[name] / base
        table.add(
            f"cold start, fresh venv: {name}",
            "real",
            f"{fmt_s(cold[name])} = {fmt_ratio(ratio)}",
            f"≤ {fmt_ratio(COLD_TARGET)} python -c pass",
            ratio <= COLD_TARGET,
        )


# -- main -----------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.strip().replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected numbers like 1000,10000") from None
    if not sizes or any(s < 10 for s in sizes):
        raise argparse.ArgumentTypeError("sizes must be at least 10 concepts")
    return sorted(set(sizes))


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--quick",
        action="store_true",
        help="1 000 concepts only (plus the shipped glossary and the cold start)",
    )
    group.add_argument(
        "--sizes",
        type=parse_sizes,
        metavar="N,N,...",
        help=f"synthetic sizes (default: {','.join(map(str, DEFAULT_SIZES))})",
    )
    parser.add_argument(
        "--repeat",
        type=positive,
        metavar="N",
        help="runs per figure (default: 5 below 10 000 concepts, else 3)",
    )
    parser.add_argument(
        "--cold-repeat",
        type=positive,
        default=10,
        metavar="N",
        help="runs of each cold-start command (default: 10)",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the synthetic data")
    parser.add_argument(
        "--fail-on-miss", action="store_true", help="exit 1 when a target is missed"
    )
    args = parser.parse_args(argv)
    sizes = [1_000] if args.quick else (args.sizes or list(DEFAULT_SIZES))

    tools = {name: find_tool(name) for name in ANCHOR_TOOLS}
    missing = [
        f"{name} is not installed; install {ANCHOR_TOOLS[name]}"
        for name in ANCHOR_TOOLS
        if tools[name] is None
    ]
    missing += [
        f"{name} is not installed; install {how}"
        for name, how in BUILD_MODULES.items()
        if not find_module(name)
    ]
    if missing:
        for line in missing:
            print(f"bench: {line}", file=sys.stderr)
        return 2

    def repeats(size: int | None) -> int:
        return args.repeat or (5 if size is None or size < 10_000 else 3)

    compile_package()
    results: dict[int | None, SizeResult] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="glossary-bench-") as tmp:
            work = Path(tmp)
            real = work / "real"
            shutil.copytree(SHIPPED, real / "locales")  # a catalogs folder, as any other
            results[None] = measure_size(
                real / "locales", real, repeats(None), tools, args.seed, "real"
            )
            shutil.rmtree(real, ignore_errors=True)
            for size in sizes:
                folder = work / f"n{size}"
                started = time.perf_counter()
                generate_catalogs(size, args.seed, folder / "locales")
                print(
                    f"[{size_label(size)}] generated {size} concepts in "
                    f"{time.perf_counter() - started:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
                results[size] = measure_size(
                    folder / "locales", folder, repeats(size), tools, args.seed, size_label(size)
                )
                shutil.rmtree(folder, ignore_errors=True)
            print(
                "[cold start] building the wheel, installing it into a fresh venv",
                file=sys.stderr,
                flush=True,
            )
            bin_dir = install_fresh(work)
            empty = work / "empty"
            empty.mkdir()
            print(f"[cold start] × {args.cold_repeat}", file=sys.stderr, flush=True)
            cold = measure_cold_start(bin_dir, empty, args.cold_repeat)
    except CommandFailed as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 3

    table = Table()
    fill_table(table, results, cold)
    try:
        load_avg = "load average {:.2f} {:.2f} {:.2f} at the end".format(*os.getloadavg())
    except (AttributeError, OSError):
        load_avg = "load average unknown"
    header = [
        f"glossary benchmark: {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.machine()}; "
        f"{load_avg} (other work on the machine inflates every figure)",
        f"repeats: {', '.join(f'{size_label(s)} ×{repeats(s)}' for s in results)}; "
        f"cold start ×{args.cold_repeat}; seed {args.seed}; figures are medians",
        "anchor: " + ", ".join(f"{name} = {path}" for name, path in tools.items()),
    ]
    print(table.render(header))
    misses = table.misses
    print(f"\n{len(misses)} target(s) missed" if misses else "\nevery target met")
    return 1 if misses and args.fail_on_miss else 0


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds the with-blocks, so the temporary folder goes


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    sys.exit(main())
