"""The static site: the HTML as written, and the page in a real browser.

The browser tests use Playwright with the system Chromium (``/usr/bin/chromium``;
no browser is ever downloaded). Without it they skip, or fail under CI=true.
``GLOSSARY_UPDATE_SCREENSHOT=1`` makes the screenshot test also write
``docs/site.png``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import lxml.html
import pytest
from conftest import ROOT, require
from format_contract import FormatContract
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.formats.site import bcp47, search_data, search_key, write_site
from glossary.model import Concept, Glossary, LangSection, Status, Term

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
SCREENSHOT = ROOT / "docs" / "site.png"

XSS = "<script>alert(1)</script> & co"
BREAKOUT = "</script><script>alert(2)</script>"


# -- helpers -------------------------------------------------------------------


def page_tree(folder: Path):
    return lxml.html.fromstring((folder / "index.html").read_text(encoding="utf-8"))


def keys(concept: Concept) -> list[str]:
    return [search_key(t.text) for t in concept.terms()]


def expected_matches(glossary: Glossary, query: str) -> list[str]:
    """The concepts the page must show for ``query``: a term contains it, folded."""
    q = search_key(query)
    return [c.id for c in glossary if any(q in key for key in keys(c))]


def first_term(glossary: Glossary, lang: str, statuses: tuple[Status, ...]) -> tuple[Concept, Term]:
    for status in statuses:
        for concept in glossary:
            section = concept.languages.get(lang)
            for term in section.terms if section else ():
                if term.status is status:
                    return concept, term
    pytest.fail(f"no {statuses} term in {lang!r}")


def small_glossary() -> Glossary:
    """Hostile texts, a locale with a region, one babel does not know, a missing section."""
    return Glossary(
        [
            Concept(
                "xss",
                subject_field="<b>field</b>",
                related=["plain"],
                notes=["concept note </script>"],
                languages={
                    "en": LangSection(
                        "en",
                        [
                            Term(XSS),
                            Term(BREAKOUT, Status.ADMITTED),
                            Term("old & <i>bad</i>", Status.DEPRECATED, note="use <b>x</b> & y"),
                        ],
                        definition="a & b <i>c</i> </script>",
                        notes=["<!-- note -->"],
                    ),
                    "pt_BR": LangSection("pt_BR", [Term("termo")], definition="definição"),
                },
            ),
            Concept(
                "plain",
                broader=["xss"],
                languages={
                    "en": LangSection("en", [Term("plain")], definition="plain"),
                    "xx": LangSection("xx", [Term("ksks")], definition="xx text"),
                },
            ),
        ]
    )


# -- the HTML as written (no browser) --------------------------------------------


@pytest.fixture(scope="module")
def shipped_site(shipped, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "site"
    counts = write_site(shipped, out)
    assert counts == {
        "concepts": len(shipped),
        "languages": len(shipped.languages),
        "files": len(list(out.iterdir())),
    }
    return out


def test_every_concept_has_its_permalink_and_heading(shipped, shipped_site):
    tree = page_tree(shipped_site)
    assert len(tree.findall(".//h1")) == 1
    assert len(tree.findall(".//article//h2")) == len(shipped)
    for concept in shipped:
        found = tree.get_element_by_id(concept.id)
        assert found.tag == "article"
        assert len(found.findall(".//h2")) == 1
        assert found.find(".//h2").text_content() == (concept.preferred("en") or concept.id)
        assert found.xpath(f'.//a[@href="#{concept.id}"]'), f"{concept.id}: no permalink"
        for target in concept.broader + concept.part_of + concept.related:
            assert found.xpath(f'.//dl[@class="relations"]//a[@href="#{target}"]'), (
                f"{concept.id}: no link to {target}"
            )
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_every_language_column_and_text_has_its_lang(shipped, shipped_site):
    tree = page_tree(shipped_site)
    for concept in shipped:
        article = tree.get_element_by_id(concept.id)
        columns = article.xpath(".//section[@data-lang]")
        assert [c.get("data-lang") for c in columns] == shipped.languages
        for column in columns:
            code = column.get("data-lang")
            section = concept.languages[code]
            tagged = column.xpath(f'.//*[@lang="{bcp47(code)}"]')
            texts = {el.text_content() for el in tagged}
            for term in section.terms:
                assert term.text in texts, f"{concept.id}: {term.text!r} without lang={code}"
            assert section.definition in texts
            struck = [s.text_content() for s in column.xpath(".//s")]
            assert struck == [t.text for t in section.terms_with(Status.DEPRECATED)]
            for term in section.terms_with(Status.DEPRECATED):
                if term.note:  # the note is visible text, not only a tooltip
                    assert term.note in texts


def test_search_box_is_labelled_and_results_are_announced(shipped_site):
    tree = page_tree(shipped_site)
    field = tree.xpath('//input[@type="search"]')
    assert len(field) == 1
    assert tree.xpath(f'//label[@for="{field[0].get("id")}"]')
    assert tree.xpath('//*[@aria-live="polite"]')
    assert tree.xpath("//fieldset/legend") and tree.xpath('//fieldset//input[@type="checkbox"]')


def test_page_refers_to_nothing_outside_its_folder(shipped_site):
    tree = page_tree(shipped_site)
    for url in tree.xpath("//@href | //@src"):
        assert url.startswith("#") or (shipped_site / url).is_file(), url
    for name in ("style.css", "site.js"):
        text = (shipped_site / name).read_text(encoding="utf-8")
        assert "http:" not in text and "https:" not in text and "@import" not in text
        assert "url(" not in text and "fetch(" not in text and "XMLHttpRequest" not in text


def test_hostile_text_is_escaped_and_the_json_cannot_close_its_script(tmp_path):
    glossary = small_glossary()
    write_site(glossary, tmp_path)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "<b>" not in html and "<i>" not in html and "<!-- note -->" not in html
    assert html.count("<script") == 2 and html.count("</script>") == 2  # site.js, data
    tree = lxml.html.fromstring(html)
    data = json.loads(tree.get_element_by_id("site-data").text)
    texts = [term[2] for concept in data["concepts"] for term in concept["terms"]]
    assert XSS in texts and BREAKOUT in texts
    page_texts = [el.text_content() for el in tree.xpath("//*[@lang]")]
    assert XSS in page_texts and "use <b>x</b> & y" in page_texts


def test_any_set_of_languages(tmp_path):
    glossary = small_glossary()
    counts = write_site(glossary, tmp_path)
    assert counts["concepts"] == 2 and counts["languages"] == len(glossary.languages) == 3
    tree = page_tree(tmp_path)
    assert [
        b.get("value") for b in tree.xpath('//fieldset//input[@type="checkbox"]')
    ] == glossary.languages
    assert tree.xpath('//section[@data-lang="pt_BR"]//*[@lang="pt-BR"]')
    assert tree.xpath('//section[@data-lang="xx"]//*[@lang="xx"]')
    missing = tree.get_element_by_id("xss").xpath('.//section[@data-lang="xx"]')[0]
    assert "Not translated" in missing.text_content()
    narrower = tree.get_element_by_id("xss").xpath('.//a[@href="#plain"]')
    assert narrower, "the narrower concept is linked"


def test_search_data_keys_are_the_search_keys(shipped, shipped_site):
    tree = page_tree(shipped_site)
    data = json.loads(tree.get_element_by_id("site-data").text)
    assert data == search_data(shipped)
    assert [c["id"] for c in data["concepts"]] == [c.id for c in shipped]
    for entry in data["concepts"]:
        assert [key for key, _, _, _ in entry["terms"]] == [
            search_key(text) for _, _, text, _ in entry["terms"]
        ]


# words with spaces, dashes and marks around them: the search data folds each word once
WORDS = st.one_of(
    st.text(max_size=6),
    st.sampled_from(
        [
            " ",
            "  ",
            "-",
            " - ",
            "_",
            "/",
            "\u00a0",
            "\u2003",
            "\t",
            "\u0301",
            "\u093e",
            "Łódź",
            "İ",
            "ΣΊΣΥΦΟΣ",
            "Straße",
            "ﬁ",
            "Đorđe",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=8).map("".join))
def test_search_data_folds_like_search_key(text):
    texts = [text, f"{text} x{text}", text.upper(), text]
    section = LangSection("bg", [Term(t) for t in texts])
    glossary = Glossary([Concept("c", languages={"bg": section})])
    keys = [key for key, _, _, _ in search_data(glossary)["concepts"][0]["terms"]]
    assert keys == [search_key(t) for t in texts]


# -- in the browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    require(
        Path(CHROMIUM).is_file(),
        f"{CHROMIUM} is not installed (apt-get install chromium); "
        "the browser tests use the system Chromium",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(
            False,
            "playwright is not installed (pip install playwright; "
            "it drives the system Chromium, no browser download is needed)",
        )
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Loaded:
    """A page with what it requested and every console error it reported."""

    def __init__(self, context) -> None:
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def open(self, folder: Path, fragment: str = "") -> None:
        self.page.goto((folder / "index.html").as_uri() + fragment)
        self.page.wait_for_selector("#site-search:not([hidden])")

    def visible_concepts(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "article.concept", "els => els.filter(e => !e.hidden).map(e => e.id)"
        )

    def results(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "#site-results a", "els => els.map(e => e.getAttribute('href'))"
        )

    def assert_clean(self) -> None:
        assert self.requests, "no request recorded"
        outside = [url for url in self.requests if not url.startswith("file://")]
        assert outside == [], f"network requests: {outside}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


@pytest.fixture
def loaded(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = Loaded(context)
    yield page
    context.close()
    page.assert_clean()


def search(loaded: Loaded, text: str, typed: bool = False) -> None:
    field = loaded.page.get_by_label("Find a term in any language")
    field.fill("")
    if typed:
        field.press_sequentially(text)
    else:
        field.fill(text)


def test_deprecated_polish_term_shows_its_concept_only(shipped, shipped_site, loaded):
    from playwright.sync_api import expect

    concept, term = first_term(shipped, "pl", (Status.DEPRECATED,))
    loaded.open(shipped_site)
    search(loaded, term.text, typed=True)
    expected = expected_matches(shipped, term.text)
    assert concept.id in expected and len(expected) < len(shipped)
    assert loaded.visible_concepts() == expected
    assert loaded.results()[0] == f"#{concept.id}"
    expect(loaded.page.locator(f"#{concept.id}")).to_be_visible()
    expect(loaded.page.locator("#site-status")).to_contain_text(
        f"{len(expected)} of {len(shipped)} concepts"
    )
    # the result says the term is deprecated, and the concept shows it struck through
    expect(loaded.page.locator("#site-results li").first).to_contain_text("deprecated")
    expect(
        loaded.page.locator(f'#{concept.id} section[data-lang="pl"] s', has_text=term.text)
    ).to_be_visible()


def test_search_ignores_case_and_diacritics(shipped, shipped_site, loaded):
    concept, term = first_term(shipped, "pl", (Status.DEPRECATED,))
    plain = search_key(term.text).upper()  # no diacritics, capitals
    loaded.open(shipped_site)
    search(loaded, plain)
    assert loaded.visible_concepts() == expected_matches(shipped, term.text)
    assert loaded.results()[0] == f"#{concept.id}"


def test_bulgarian_term_shows_its_concept(shipped, shipped_site, loaded):
    concept, term = first_term(shipped, "bg", (Status.ADMITTED, Status.PREFERRED))
    loaded.open(shipped_site)
    search(loaded, term.text.upper(), typed=True)
    expected = expected_matches(shipped, term.text)
    assert concept.id in expected
    assert loaded.visible_concepts() == expected
    assert f"#{concept.id}" in loaded.results()


def test_no_match_hides_everything_and_says_so(shipped, shipped_site, loaded):
    from playwright.sync_api import expect

    loaded.open(shipped_site)
    search(loaded, "zzqxj no such term")
    assert loaded.visible_concepts() == []
    expect(loaded.page.locator("#site-status")).to_contain_text("No concept matches")
    search(loaded, "")
    assert len(loaded.visible_concepts()) == len(shipped)


def test_keyboard_enter_focuses_the_first_result_which_opens_the_concept(
    shipped, shipped_site, loaded
):
    from playwright.sync_api import expect

    concept, term = first_term(shipped, "pl", (Status.DEPRECATED,))
    loaded.open(shipped_site)
    page = loaded.page
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-q"
    page.keyboard.type(term.text)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"#{concept.id}"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "no visible focus style"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#{concept.id}")
    expect(page.locator(f"#{concept.id}")).to_be_in_viewport()


def related_pair(glossary: Glossary) -> tuple[Concept, str]:
    """A concept and a related one that a search for the first one's term hides."""
    for concept in glossary:
        query = concept.preferred("en") or concept.id
        for target in concept.related:
            if target not in expected_matches(glossary, query):
                return concept, target
    pytest.fail("no related concept to follow")


def assert_scrolled_to(loaded: Loaded, target: str) -> None:
    from playwright.sync_api import expect

    page = loaded.page
    page.wait_for_url(f"**#{target}")
    article = page.locator(f"#{target}")
    expect(article).to_be_visible()
    expect(article).to_be_in_viewport()
    box, bar = article.bounding_box(), page.locator("#site-bar").bounding_box()
    assert box is not None and bar is not None
    if page.evaluate("getComputedStyle(document.getElementById('site-bar')).position") == "sticky":
        assert box["y"] >= bar["y"] + bar["height"] - 1, "the sticky search bar covers the concept"


def test_related_link_scrolls_to_the_concept(shipped, shipped_site, loaded):
    concept, target = related_pair(shipped)
    loaded.open(shipped_site)
    loaded.page.locator(f'#{concept.id} .relations .related a[href="#{target}"]').click()
    assert_scrolled_to(loaded, target)
    assert loaded.page.evaluate("window.scrollY") > 0 or shipped.get(target) is next(iter(shipped))


def test_related_link_to_a_concept_the_search_hides_clears_the_search(
    shipped, shipped_site, loaded
):
    concept, target = related_pair(shipped)
    loaded.open(shipped_site)
    search(loaded, concept.preferred("en") or concept.id)
    assert target not in loaded.visible_concepts()
    loaded.page.locator(f'#{concept.id} .relations .related a[href="#{target}"]').click()
    assert_scrolled_to(loaded, target)
    assert len(loaded.visible_concepts()) == len(shipped)
    assert loaded.page.get_by_label("Find a term in any language").input_value() == ""
    # again, now that the address already ends in #target (no hashchange event)
    loaded.page.evaluate("window.scrollTo(0, 0)")
    search(loaded, concept.preferred("en") or concept.id)
    assert target not in loaded.visible_concepts()
    loaded.page.locator(f'#{concept.id} .relations .related a[href="#{target}"]').click()
    assert_scrolled_to(loaded, target)
    assert len(loaded.visible_concepts()) == len(shipped)


def test_permalink_opens_at_the_concept(shipped, shipped_site, loaded):
    target = list(shipped)[len(shipped) // 2].id
    loaded.open(shipped_site, f"#{target}")
    assert_scrolled_to(loaded, target)


def test_language_picker_hides_and_shows_columns(shipped, shipped_site, loaded):
    from playwright.sync_api import expect

    code = shipped.languages[-1]
    others = [c for c in shipped.languages if c != code]
    loaded.open(shipped_site)
    page = loaded.page
    box = page.locator(f'#site-picker input[value="{code}"]')
    columns = page.locator(f'section.lang[data-lang="{code}"]')
    box.uncheck()
    expect(columns.first).to_be_hidden()
    assert page.locator(f'section.lang[data-lang="{code}"]:visible').count() == 0
    for other in others:
        assert page.locator(f'section.lang[data-lang="{other}"]:visible').count() == len(shipped)
    page.keyboard.press("Space")  # the box keeps the focus: the keyboard turns it back on
    expect(box).to_be_checked()
    assert page.locator(f'section.lang[data-lang="{code}"]:visible').count() == len(shipped)


def column_boxes(loaded: Loaded, concept_id: str) -> list[dict]:
    return [
        loaded.page.locator(f"#{concept_id} section.lang").nth(i).bounding_box()
        for i in range(loaded.page.locator(f"#{concept_id} section.lang").count())
    ]


def test_columns_side_by_side_on_a_desktop_stacked_on_a_phone(shipped, shipped_site, browser):
    require(len(shipped.languages) > 1, "one language only: nothing to lay out")
    first = next(iter(shipped)).id
    wide = Loaded(browser.new_context(viewport=VIEWPORT))
    wide.open(shipped_site)
    boxes = column_boxes(wide, first)
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
    wide.context.close()
    phone = Loaded(
        browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
        )
    )
    phone.open(shipped_site)
    boxes = column_boxes(phone, first)
    assert len({round(b["x"]) for b in boxes}) == 1
    assert all(a["y"] < b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.context.close()
    wide.assert_clean()
    phone.assert_clean()


def test_javascript_folds_like_python(shipped, shipped_site, loaded):
    texts = sorted({t.text for c in shipped for t in c.terms()}) + [
        "Łódź",
        "Straße",
        "STRASSE",
        "ẞ",
        "Ø æ Œ œ",
        "ıİ İstanbul",
        "e\u0301",
        "ﬁle",
        "Ⅻ",
        "ＡＢＣ",
        "a\u2013b—c",
        "  x__y//z  ",
        "ΣΊΣΥΦΟΣ",
        "Đorđe",
        "pre‐\u00adfix",
        "Outsourcing-Procesów  Wiedzy",
        "аутсорсинг на ПРОЦЕСИ",
    ]
    loaded.open(shipped_site)
    folded = loaded.page.evaluate("texts => texts.map(window.glossarySite.normalize)", texts)
    assert {t: f for t, f in zip(texts, folded, strict=False) if f != search_key(t)} == {}


def test_hostile_text_shows_as_text_and_runs_nothing(tmp_path, loaded):
    from playwright.sync_api import expect

    write_site(small_glossary(), tmp_path)
    loaded.open(tmp_path)
    expect(loaded.page.locator("#xss section[data-lang='en'] strong.text")).to_have_text(XSS)
    search(loaded, "</script>")
    assert loaded.visible_concepts() == ["xss"]
    search(loaded, "& CO")
    assert loaded.visible_concepts() == ["xss"]
    assert loaded.page.evaluate("document.scripts.length") == 2
    # loaded's teardown asserts no dialog (alert) was opened


def test_screenshot(shipped, shipped_site, loaded, tmp_path):
    """A picture of the page after a search; ``docs/site.png`` with GLOSSARY_UPDATE_SCREENSHOT=1."""
    concept = shipped.get("knowledge_process_outsourcing") or next(iter(shipped))
    deprecated = [
        t
        for code in shipped.languages[1:]
        if code in concept.languages
        for t in concept.languages[code].terms_with(Status.DEPRECATED)
    ]
    query = deprecated[-1].text if deprecated else concept.id.replace("_", " ")
    loaded.open(shipped_site)
    search(loaded, query)
    assert concept.id in loaded.visible_concepts()
    loaded.page.get_by_label("Find a term in any language").blur()
    target = tmp_path / "site.png"
    loaded.page.screenshot(path=str(target))
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    if os.environ.get("GLOSSARY_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(target, SCREENSHOT)


def test_whole_visit_stays_offline_and_error_free(shipped, shipped_site, browser):
    visit = Loaded(browser.new_context(viewport=VIEWPORT))
    concept, term = first_term(shipped, "pl", (Status.DEPRECATED,))
    visit.open(shipped_site)
    search(visit, term.text, typed=True)
    visit.page.keyboard.press("Enter")
    visit.page.locator(f"#site-picker input[value='{shipped.languages[-1]}']").uncheck()
    visit.page.goto((shipped_site / "index.html").as_uri() + "?q=" + term.text)
    visit.page.wait_for_selector("#site-search:not([hidden])")
    assert concept.id in visit.visible_concepts()
    visit.context.close()
    assert all(url.startswith("file://") for url in visit.requests), visit.requests
    assert visit.errors == []


def test_relations_are_labelled_by_kind_and_sources_listed(shipped, shipped_site):
    tree = page_tree(shipped_site)
    labels = {
        "Is a kind of": lambda c: c.broader,
        "Is a part of": lambda c: c.part_of,
        "Related": lambda c: c.related,
    }
    for concept in shipped:
        article = tree.get_element_by_id(concept.id)
        for label, targets in labels.items():
            shown = [
                a.get("href")[1:]
                for div in article.xpath('.//dl[@class="relations"]/div')
                if div.find("dt").text_content() == label
                for a in div.xpath(".//a")
            ]
            assert shown == targets(concept), (concept.id, label)
    for source in shipped.sources.values():
        entry = tree.get_element_by_id(f"source-{source.id}")
        assert entry.find(".//cite").text_content() == source.title


@pytest.mark.parametrize(
    "ids", [("concepts", "plain"), ("constructor", "plain"), ("__proto__", "to_string")]
)
def test_concept_ids_that_name_page_or_javascript_keys_are_plain_data(tmp_path, loaded, ids):
    """A concept id that is also the id of the page's <main> ("concepts") or a key
    of every JavaScript object ("constructor", "__proto__") is found and hidden
    like any other."""
    odd, other = ids
    glossary = Glossary(
        [
            Concept(cid, languages={"en": LangSection("en", [Term(text)], definition="d")})
            for cid, text in ((odd, "alpha odd"), (other, "beta other"), ("toString", "gamma"))
            if cid.isidentifier()
        ]
    )
    write_site(glossary, tmp_path)
    loaded.open(tmp_path)
    every = sorted(c.id for c in glossary)
    assert sorted(loaded.visible_concepts()) == every
    search(loaded, "beta")
    assert loaded.visible_concepts() == [other]
    assert loaded.page.locator("main").is_visible()
    search(loaded, "alpha")
    assert loaded.visible_concepts() == [odd]
    assert loaded.results() == [f"#{odd}"]
    search(loaded, "")
    assert sorted(loaded.visible_concepts()) == every


class TestContract(FormatContract):
    name = "site/"  # a page, read by a browser in the tests above
