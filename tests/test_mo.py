"""The ``.mo`` writer gives exactly polib's bytes, in linear time.

``glossary.mo`` packs the table itself (``polib``'s ``to_binary`` is
quadratic); these tests hold it to ``polib`` as the reference.
"""

from __future__ import annotations

import gettext
import io

import polib
import pytest
from format_contract import FormatContract

import glossary
from glossary.formats import mo, po

# entries of every kind a catalog can hold: context, plural, fuzzy, untranslated, non-ASCII
CATALOG = r"""msgid ""
msgstr ""
"Language: pl\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgctxt "kpo.term"
msgid "knowledge process outsourcing"
msgstr "outsourcing procesów wiedzy"

msgid "zebra"
msgstr "zebra"

msgid "%d concept"
msgid_plural "%d concepts"
msgstr[0] "%d pojęcie"
msgstr[1] "%d pojęcia"
msgstr[2] "%d pojęć"

#, fuzzy
msgid "fuzzy one"
msgstr "niepewne"

msgid "untranslated"
msgstr ""

msgctxt "bpo.term"
msgid "business process outsourcing"
msgstr "outsourcing procesów biznesowych"

msgid "Äpfel"
msgstr "jabłka"
"""


def _linear(catalog: polib.POFile) -> mo._LinearPOFile:
    copy = mo._LinearPOFile(wrapwidth=0)
    copy.metadata = catalog.metadata
    copy.extend(catalog)
    return copy


def test_bytes_equal_polib_for_every_kind_of_entry():
    catalog = polib.pofile(CATALOG)
    ours = _linear(catalog).to_binary()
    assert ours == catalog.to_binary()
    translation = gettext.GNUTranslations(io.BytesIO(ours))
    assert (
        translation.pgettext("kpo.term", "knowledge process outsourcing")
        == "outsourcing procesów wiedzy"
    )
    assert translation.ngettext("%d concept", "%d concepts", 5) == "%d pojęć"
    assert translation.gettext("fuzzy one") == "fuzzy one"  # left out, as msgfmt does
    assert translation.gettext("untranslated") == "untranslated"


def test_empty_catalog_is_just_the_header():
    catalog = polib.pofile('msgid ""\nmsgstr ""\n"Language: de\\n"\n')
    assert _linear(catalog).to_binary() == catalog.to_binary()


@pytest.mark.parametrize("lang", glossary.load().languages)
def test_shipped_catalogs_compile_to_polibs_bytes(lang, tmp_path):
    shipped = glossary.load()
    path = tmp_path / f"{lang}.mo"
    mo.write_mo(shipped, lang, path)
    reference = polib.POFile(wrapwidth=0)
    reference.metadata = po.standard_header(lang, shipped.metadata.get(lang))
    reference.extend(po.entries(shipped, lang, comments=False))
    assert path.read_bytes() == reference.to_binary()


class TestContract(FormatContract):
    name = "locale/*/LC_MESSAGES/glossary.mo"

    def read_back(self, path):
        return {
            mo.parent.parent.name: sorted((e.msgctxt, e.msgid, e.msgstr) for e in polib.mofile(mo))
            for mo in sorted(path.glob("*/LC_MESSAGES/glossary.mo"))
        }

    def expected(self, glossary):
        return {
            lang: sorted(
                (e.msgctxt, e.msgid, e.msgstr)
                for e in polib.pofile(po.po_text(glossary, lang))
                if e.msgstr and not e.fuzzy and not e.obsolete
            )
            for lang in sorted(glossary.languages)
        }
