// goalsheet handout site: the print button and search. No tracking, no external requests.
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // The search page's own elements: the form is looked for as a form, and the rest must all
  // be there, so an element of a handout that took one of these ids cannot stop the script
  // (the build renames such ids too).
  var form = document.querySelector("form#site-search");
  var input = form && form.querySelector("#search-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var allPages = document.getElementById("all-pages-section");
  if (!form || !input || !status || !results || !allPages) { return; }
  var cards = Array.prototype.slice.call(allPages.querySelectorAll("#all-pages-list li"));
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  var base = new URL(".", window.location.href).href;

  // The words come from the page (data-* on the status line), in the site's language;
  // {n} and {query} are filled in here. English if the page does not give them.
  function message(key, fallback, values) {
    var text = status.getAttribute("data-" + key) || fallback;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : whole;
    });
  }

  function filterList(text) {
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var hay = card.getAttribute("data-text") || "";
      var match = words.every(function (w) { return hay.indexOf(w) !== -1; });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = words.length
      ? message("found-pages", "{n} page(s) with those words in the title or summary.", { n: shown })
      : "";
  }

  function show(items, text) {
    results.textContent = "";
    allPages.hidden = !!text;
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = (item.meta && item.meta.title) || item.url;
      var p = document.createElement("p");
      p.textContent = (item.excerpt || "").replace(/<[^>]*>/g, "");
      li.appendChild(a);
      li.appendChild(p);
      results.appendChild(li);
    });
    status.textContent = message("found-results", "{n} result(s) for “{query}”.", { n: items.length, query: text });
  }

  function fullText(text) {
    var mine = ++latest;
    return import(base + "pagefind/pagefind.js").then(function (pagefind) {
      return pagefind.options({ baseUrl: new URL(".", window.location.href).pathname })
        .then(function () { return pagefind.search(text); })
        .then(function (search) {
          return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
        })
        .then(function (items) { if (mine === latest) { show(items, text); } });
    });
  }

  // Opened from the disk, Pagefind cannot run: search the pages' text from a script file.
  var indexLoaded = null;
  function loadIndex() {
    if (indexLoaded === null) {  // loaded once, however fast the person types
      indexLoaded = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = base + "assets/search-index.js";
        script.onload = function () { resolve(window.goalsheetPages || null); };
        script.onerror = function () { resolve(null); };
        document.head.appendChild(script);
      });
    }
    return indexLoaded;
  }

  var latest = 0;  // only the newest search may show its results

  function excerpt(text, word) {
    var at = text.toLowerCase().indexOf(word);
    var start = Math.max(0, at - 80);
    return (start > 0 ? "…" : "") + text.slice(start, start + 200) + "…";
  }

  function localSearch(text) {
    var mine = ++latest;
    return loadIndex().then(function (pages) {
      if (mine !== latest) { return; }
      if (!pages) { filterList(text); return; }
      var words = text.toLowerCase().split(/\s+/).filter(Boolean);
      var hits = pages.filter(function (p) {
        var hay = (p.title + " " + p.summary + " " + p.text).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) !== -1; });
      });
      show(hits.map(function (p) {
        return { url: base + p.url, meta: { title: p.title }, excerpt: excerpt(p.text, words[0]) };
      }), text);
    });
  }

  function run(text) {
    if (!text) {
      latest += 1;
      results.textContent = "";
      allPages.hidden = false;
      filterList("");
      return;
    }
    if (window.location.protocol === "file:") { localSearch(text); return; }
    status.textContent = message("searching", "Searching…");
    fullText(text).catch(function () { localSearch(text); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    var url = new URL(window.location.href);
    url.searchParams.set("q", text);
    window.history.replaceState(null, "", url.href);
    run(text);
  });
  input.addEventListener("input", function () {
    if (window.location.protocol === "file:") { run(input.value.trim()); }
  });
  run(query);
})();
