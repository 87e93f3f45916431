// goalsheet handout site: the print button, the words a search found, and search. No
// tracking, no external requests; page text is only ever put in the page as text nodes.
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Lower case without accents, one character for each character of the text, so a place
  // found in the folded text is the same place in the text itself ("Ánimo" finds "animo").
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i += 1) {
      var c = text.charAt(i).toLowerCase().normalize("NFD").charAt(0);
      out += c || text.charAt(i);
    }
    return out;
  }

  function wordsOf(text) {
    var seen = {};
    return fold(text).split(/[\s,.;:!?¿¡"“”()]+/).filter(function (w) {
      if (!w || seen[w]) { return false; }
      seen[w] = true;
      return true;
    });
  }

  // `text` as nodes, each place one of `words` starts marked: [text, <mark>, text, ...].
  function marked(text, words) {
    var folded = fold(text);
    var nodes = [];
    var at = 0;
    while (at < text.length) {
      var next = -1;
      var length = 0;
      words.forEach(function (w) {
        var found = folded.indexOf(w, at);
        if (found !== -1 && (next === -1 || found < next || (found === next && w.length > length))) {
          next = found;
          length = w.length;
        }
      });
      if (next === -1) { break; }
      if (next > at) { nodes.push(document.createTextNode(text.slice(at, next))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      nodes.push(mark);
      at = next + length;
    }
    if (at < text.length) { nodes.push(document.createTextNode(text.slice(at))); }
    return nodes;
  }

  // --- a page opened from a search result: its words marked (?highlight=, as Pagefind and
  // the disk search write it) ---------------------------------------------------------------
  (function highlightPage() {
    var params = new URLSearchParams(window.location.search);
    var words = wordsOf(params.getAll("highlight").join(" ")).filter(function (w) { return w.length > 1; });
    var body = document.querySelector("main [data-pagefind-body]") || document.getElementById("main");
    if (!words.length || !body || document.getElementById("search-q")) { return; }
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentNode;
        if (!parent || /^(SCRIPT|STYLE|MARK|TEXTAREA)$/.test(parent.nodeName)) { return NodeFilter.FILTER_REJECT; }
        if (parent.closest("[data-pagefind-ignore]")) { return NodeFilter.FILTER_REJECT; }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var found = [];
    while (walker.nextNode()) { found.push(walker.currentNode); }
    found.forEach(function (node) {
      var nodes = marked(node.nodeValue, words);
      if (nodes.length < 2 && !(nodes[0] && nodes[0].nodeName === "MARK")) { return; }
      nodes.forEach(function (n) {
        if (n.nodeName === "MARK") { n.className = "search-hit"; }
        node.parentNode.insertBefore(n, node);
      });
      node.parentNode.removeChild(node);
    });
  })();

  // --- the search page --------------------------------------------------------------------
  // Its own elements: the form is looked for as a form, and the rest must all be there, so
  // an element of a handout that took one of these ids cannot stop the script (the build
  // renames such ids too).
  var form = document.querySelector("form#site-search");
  var input = form && form.querySelector("#search-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var allPages = document.getElementById("all-pages-section");
  if (!form || !input || !status || !results || !allPages) { return; }
  var cards = Array.prototype.slice.call(allPages.querySelectorAll("#all-pages-list li"));
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  // The site's root (the search page of a second language is in its own folder).
  var base = new URL(form.getAttribute("data-root") || "./", window.location.href).href;
  var language = (document.documentElement.lang || "").split("-")[0].toLowerCase();

  // The words come from the page (data-* on the status line), in the page's language;
  // {n} and {query} are filled in here. English if the page does not give them.
  function message(key, fallback, values) {
    var text = status.getAttribute("data-" + key) || fallback;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : whole;
    });
  }

  function filterList(text) {
    var words = wordsOf(text);
    var shown = 0;
    cards.forEach(function (card) {
      var hay = fold(card.getAttribute("data-text") || "");
      var match = words.every(function (w) { return hay.indexOf(w) !== -1; });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = words.length
      ? message("found-pages", "{n} page(s) with those words in the title or summary.", { n: shown })
      : "";
  }

  // Pagefind's excerpts are escaped text with <mark> around the words found: read as text
  // and marks, never as HTML.
  function excerptNodes(excerpt) {
    var nodes = [];
    var inMark = false;
    String(excerpt || "").split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") { inMark = true; return; }
      if (part === "</mark>") { inMark = false; return; }
      var text = part.replace(/<[^>]*>/g, "").replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);/gi, function (whole, name) {
        var named = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" }[name.toLowerCase()];
        if (named) { return named; }
        var code = name.charAt(1).toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return isNaN(code) ? whole : String.fromCodePoint(code);
      });
      if (!text) { return; }
      if (inMark) {
        var mark = document.createElement("mark");
        mark.textContent = text;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(text));
      }
    });
    return nodes;
  }

  function paragraph(nodes, className) {
    var p = document.createElement("p");
    p.className = className;
    nodes.forEach(function (n) { p.appendChild(n); });
    return p;
  }

  // Each result: its title, its excerpt with the words marked, and the sections of it that
  // match, each a link to its heading with its own excerpt.
  function show(items, text) {
    results.textContent = "";
    allPages.hidden = !!text;
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "result";
      var a = document.createElement("a");
      a.href = item.url;
      a.className = "result-title";
      a.textContent = item.title || item.url;
      li.appendChild(a);
      var sections = item.sections || [];
      var said = sections.some(function (s) { return s.text === item.text; });
      if (!said) { li.appendChild(paragraph(item.excerpt, "excerpt")); }  // once is enough
      if (sections.length) {
        var list = document.createElement("ul");
        list.className = "sub-results";
        sections.forEach(function (section) {
          var sub = document.createElement("li");
          var link = document.createElement("a");
          link.href = section.url;
          link.textContent = section.title;
          sub.appendChild(link);
          sub.appendChild(paragraph(section.excerpt, "excerpt"));
          list.appendChild(sub);
        });
        li.appendChild(list);
      }
      results.appendChild(li);
    });
    status.textContent = message("found-results", "{n} result(s) for “{query}”.", { n: items.length, query: text });
  }

  var MAX_SECTIONS = 3;

  function fromPagefind(data) {
    var sections = (data.sub_results || []).filter(function (s) {
      return s.anchor && s.url !== data.url && s.url.indexOf("#") !== -1;
    }).slice(0, MAX_SECTIONS);
    return {
      url: data.url,
      title: (data.meta && data.meta.title) || data.url,
      text: data.excerpt,
      excerpt: excerptNodes(data.excerpt),
      sections: sections.map(function (s) {
        return { url: s.url, title: s.title, text: s.excerpt, excerpt: excerptNodes(s.excerpt) };
      })
    };
  }

  var latest = 0;  // only the newest search may show its results

  function fullText(text) {
    var mine = ++latest;
    return import(base + "pagefind/pagefind.js").then(function (pagefind) {
      return pagefind.options({ baseUrl: new URL(base).pathname, highlightParam: "highlight" })
        .then(function () { return pagefind.search(text); })
        .then(function (search) {
          return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
        })
        .then(function (items) { if (mine === latest) { show(items.map(fromPagefind), text); } });
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

  var EXCERPT = 200;  // characters of text around the first word found

  function excerptAround(text, words) {
    var folded = fold(text);
    var at = -1;
    words.forEach(function (w) {
      var found = folded.indexOf(w);
      if (found !== -1 && (at === -1 || found < at)) { at = found; }
    });
    var start = Math.max(0, at - 60);
    var slice = text.slice(start, start + EXCERPT);
    var nodes = marked(slice, words);
    if (start > 0) { nodes.unshift(document.createTextNode("…")); }
    if (start + EXCERPT < text.length) { nodes.push(document.createTextNode("…")); }
    return nodes;
  }

  function count(hay, word) {
    var n = 0;
    for (var at = hay.indexOf(word); at !== -1; at = hay.indexOf(word, at + word.length)) { n += 1; }
    return n;
  }

  // A page's rank for these words: more of the words first; then where they are (the title
  // counts more than the summary, the summary more than the body); then how often.
  function rank(page, words) {
    var title = fold(page.title || "");
    var summary = fold(page.summary || "");
    var body = fold(page.text || "");
    var matched = 0;
    var place = 0;
    var often = 0;
    words.forEach(function (w) {
      var inTitle = title.indexOf(w) !== -1;
      var inSummary = summary.indexOf(w) !== -1;
      var times = count(body, w);
      if (inTitle || inSummary || times) { matched += 1; }
      place += inTitle ? 100 : inSummary ? 10 : times ? 1 : 0;
      often += times;
    });
    return { page: page, matched: matched, place: place, often: often };
  }

  function localSearch(text) {
    var mine = ++latest;
    return loadIndex().then(function (pages) {
      if (mine !== latest) { return; }
      if (!pages) { filterList(text); return; }
      var words = wordsOf(text);
      var ranked = pages
        .filter(function (p) { return !p.lang || !language || p.lang === language; })
        .map(function (p) { return rank(p, words); })
        .filter(function (r) { return r.matched > 0; })
        .sort(function (a, b) {
          return (b.matched - a.matched) || (b.place - a.place) || (b.often - a.often) ||
            (a.page.title < b.page.title ? -1 : a.page.title > b.page.title ? 1 : 0);
        })
        .slice(0, 20);
      var highlight = "?" + new URLSearchParams({ highlight: words.join(" ") }).toString();
      show(ranked.map(function (r) {
        var p = r.page;
        var source = fold(p.text || "").indexOf(words[0]) !== -1 || !p.summary ? p.text : p.summary;
        return {
          url: base + p.url + highlight,
          title: p.title,
          excerpt: excerptAround(source || "", words)
        };
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
