// goalsheet handout site: the print button and search. No tracking, no external requests.
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var form = document.getElementById("site-search");
  if (!form) { return; }
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var cards = Array.prototype.slice.call(document.querySelectorAll("#all-pages-list li"));
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  var base = new URL(".", window.location.href).href;

  function filterList(text) {
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var hay = card.getAttribute("data-text") || "";
      var match = words.every(function (w) { return hay.indexOf(w) !== -1; });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = words.length ? shown + " page(s) with those words in the title or summary." : "";
  }

  function show(items, text) {
    results.textContent = "";
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
    status.textContent = items.length + " result(s) for “" + text + "”.";
    document.getElementById("all-pages-section").hidden = true;
  }

  function fullText(text) {
    return import(base + "pagefind/pagefind.js").then(function (pagefind) {
      return pagefind.options({ baseUrl: new URL(".", window.location.href).pathname })
        .then(function () { return pagefind.search(text); })
        .then(function (search) {
          return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
        })
        .then(function (items) { show(items, text); });
    });
  }

  function run(text) {
    if (!text) { filterList(""); return; }
    if (window.location.protocol === "file:") { filterList(text); return; }
    status.textContent = "Searching…";
    fullText(text).catch(function () { filterList(text); });
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
    if (window.location.protocol === "file:") { filterList(input.value); }
  });
  run(query);
})();
