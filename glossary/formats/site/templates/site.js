/* Search and language picker of the glossary page. No network access:
   the data is the JSON in <script id="site-data">. */
(function () {
  "use strict";

  // Letters that Unicode does not decompose, as in glossary.model.normalize.
  var FOLD = {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o",
              "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i"};
  // What Python's str.casefold() does beyond toLowerCase().
  var CASEFOLD = {"ß": "ss", "ς": "σ"};

  /* Fold text the way glossary.site.search_key does: NFKD, no marks,
     the FOLD letters, case, runs of spaces, hyphens, dashes, "_" and "/". */
  function normalize(text) {
    return String(text)
      .replace(/[łŁđĐøØæÆœŒı]/g, function (ch) { return FOLD[ch]; })
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[ßς]/g, function (ch) { return CASEFOLD[ch]; })
      .replace(/[\s\-\u2010-\u2015\u2212_\/]+/g, " ")
      .trim();
  }

  // 0: the whole term, 1: its start, 2: the start of a word, 3: anywhere; -1: no match.
  function rank(key, query) {
    if (key === query) { return 0; }
    var at = key.indexOf(query);
    if (at < 0) { return -1; }
    if (at === 0) { return 1; }
    return key.charAt(at - 1) === " " ? 2 : 3;
  }

  function search(concepts, query) {
    var hits = [];
    concepts.forEach(function (concept, order) {
      var best = null;
      concept.terms.forEach(function (term) {
        var r = rank(term[0], query);
        if (r >= 0 && (best === null || r < best.rank)) {
          best = {rank: r, term: term};
        }
      });
      if (best !== null) {
        hits.push({id: concept.id, rank: best.rank, term: best.term, order: order});
      }
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    return hits;
  }

  function langTag(code) { return code.replace(/[_@]/g, "-"); }

  function start() {
    var dataElement = document.getElementById("site-data");
    var form = document.getElementById("site-search");
    var input = document.getElementById("site-q");
    var statusLine = document.getElementById("site-status");
    var resultsNav = document.getElementById("site-results-nav");
    var results = document.getElementById("site-results");
    var picker = document.getElementById("site-picker");
    var bar = document.getElementById("site-bar");
    if (!dataElement || !form || !input) { return; }
    var data = JSON.parse(dataElement.textContent);
    // Concept ids are data, never keys of a plain object ("constructor",
    // "__proto__"), and an article is found among the articles only (a concept
    // "concepts" shares its id with the page's <main>).
    var articles = new Map();
    document.querySelectorAll("article.concept").forEach(function (article) {
      articles.set(article.id, article);
    });
    var total = data.concepts.length;
    var sourceLang = document.documentElement.getAttribute("lang") || "";

    function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

    function heading(id) {
      var article = articles.get(id);
      return article ? article.querySelector("h2") : null;
    }

    function label(id) {
      var title = heading(id);
      return title ? title.textContent : id;
    }

    function resultItem(hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + hit.id;
      var name = document.createElement("span");
      name.className = "result-name";
      var title = heading(hit.id);
      if (title && title.lang) { name.lang = title.lang; }
      name.textContent = label(hit.id);
      link.appendChild(name);
      var term = hit.term;  // [key, language, text, status]
      if (term[2] !== name.textContent || langTag(term[1]) !== sourceLang || term[3] !== "preferred") {
        var via = document.createElement("span");
        via.className = "result-via " + term[3];
        var text = document.createElement(term[3] === "deprecated" ? "s" : "span");
        text.lang = langTag(term[1]);
        text.textContent = term[2];
        via.appendChild(document.createTextNode(" — "));
        via.appendChild(text);
        via.appendChild(document.createTextNode(" (" + term[1] + ", " + term[3] + ")"));
        link.appendChild(via);
      }
      item.appendChild(link);
      return item;
    }

    var lastQuery = null;
    function apply() {
      var raw = input.value;
      var query = normalize(raw);
      if (query === lastQuery) { return; }
      lastQuery = query;
      results.textContent = "";
      if (query === "") {
        articles.forEach(function (article) { article.hidden = false; });
        resultsNav.hidden = true;
        statusLine.textContent = plural(total, "concept");
        return;
      }
      var hits = search(data.concepts, query);
      var shown = new Set();
      hits.forEach(function (hit) {
        shown.add(hit.id);
        results.appendChild(resultItem(hit));
      });
      articles.forEach(function (article, id) { article.hidden = !shown.has(id); });
      resultsNav.hidden = hits.length === 0;
      statusLine.textContent = hits.length === 0
        ? "No concept matches “" + raw.trim() + "”."
        : hits.length + " of " + plural(total, "concept") + (hits.length === 1 ? " matches" : " match") +
          " “" + raw.trim() + "”.";
    }

    function clearSearch() {
      input.value = "";
      apply();
    }

    // The sticky bar must not cover the concept a link scrolls to.
    function padScroll() {
      var sticky = bar && window.getComputedStyle(bar).position === "sticky";
      document.documentElement.style.scrollPaddingTop =
        sticky ? (bar.getBoundingClientRect().height + 12) + "px" : "";
    }

    function articleOf(hash) {
      var id;
      try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
      return (id && articles.get(id)) || null;
    }

    // A link to a concept that the search hides clears the search first.
    function showTarget(scroll) {
      var target = articleOf(window.location.hash);
      if (!target) { return; }
      if (target.hidden) {
        clearSearch();
        scroll = true;
      }
      if (scroll === true) { target.scrollIntoView(); }
    }
    document.addEventListener("click", function (event) {
      var link = event.target && event.target.closest ? event.target.closest("a[href^='#']") : null;
      var target = link && articleOf(link.getAttribute("href"));
      if (target && target.hidden) { clearSearch(); }
    });

    function setLanguage(code, visible) {
      var columns = document.querySelectorAll(".lang[data-lang]");
      for (var i = 0; i < columns.length; i++) {
        if (columns[i].getAttribute("data-lang") === code) { columns[i].hidden = !visible; }
      }
    }

    var STORE = "glossary-site-hidden-languages";
    function saveLanguages() {
      var hiddenCodes = [];
      picker.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (!box.checked) { hiddenCodes.push(box.value); }
      });
      try { window.localStorage.setItem(STORE, JSON.stringify(hiddenCodes)); } catch (e) { /* none */ }
    }
    function loadLanguages() {
      var hiddenCodes = [];
      try { hiddenCodes = JSON.parse(window.localStorage.getItem(STORE) || "[]"); } catch (e) { /* none */ }
      if (!Array.isArray(hiddenCodes)) { return; }
      picker.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (hiddenCodes.indexOf(box.value) >= 0) {
          box.checked = false;
          setLanguage(box.value, false);
        }
      });
    }

    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
      var first = results.querySelector("a");
      if (first) { first.focus(); }
    });
    picker.addEventListener("change", function (event) {
      var box = event.target;
      if (box && box.type === "checkbox") {
        setLanguage(box.value, box.checked);
        saveLanguages();
        padScroll();
      }
    });
    window.addEventListener("hashchange", function () { showTarget(false); });
    window.addEventListener("resize", padScroll);

    form.hidden = false;
    picker.hidden = false;
    loadLanguages();
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) { input.value = params.get("q"); }
    apply();
    padScroll();
    showTarget(true);
  }

  window.glossarySite = {normalize: normalize, rank: rank, search: search};
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
