// goalsheet handout site: the phone's menu, the contents column, and link addresses in print.
// Everything here improves a page that already works without it: without JavaScript the
// "Menu" link leads to the navigation (after the content on a phone) and the contents open
// with a click. No tracking, no external requests.
(function () {
  "use strict";

  var root = document.documentElement;
  var button = document.querySelector(".masthead .menu-button");
  var link = document.querySelector(".masthead .menu-link");
  var menu = document.getElementById("site-menu");
  var phone = window.matchMedia("(max-width: 63.99rem)");
  var wide = window.matchMedia("(min-width: 75rem)");

  // --- the menu: a button that opens the navigation as a panel on narrow screens --------
  function setOpen(open, returnFocus) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
    root.classList.toggle("menu-open", open);
    if (open) {
      var first = menu.querySelector("a[href]");
      if (first) { first.focus(); }
    } else if (returnFocus) {
      button.focus();
    }
  }

  if (button && menu) {
    root.classList.add("has-menu");
    button.hidden = false;
    if (link) { link.hidden = true; }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true", true);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("open")) {
        event.preventDefault();
        setOpen(false, true);
      }
    });
    // A link to a part of the same page closes the panel so the part can be seen.
    menu.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("a[href]") : null;
      if (target && menu.classList.contains("open")) { setOpen(false, false); }
    });
    // Focus that moves on past the panel's last link (into the text it covers) closes it,
    // so what has focus is always in sight.
    document.addEventListener("focusin", function (event) {
      var inside = menu.contains(event.target) || event.target === button;
      if (!inside && menu.classList.contains("open")) { setOpen(false, false); }
    });
    // Growing the window to the desktop layout leaves no panel open behind the sidebar.
    phone.addEventListener("change", function () {
      if (!phone.matches) { setOpen(false, false); }
    });
  }

  // --- the contents: folded on narrow screens, open in their own column on wide ones -----
  var contents = document.querySelector(".toc details");
  function placeContents() { if (contents) { contents.open = wide.matches; } }
  placeContents();
  wide.addEventListener("change", placeContents);

  // --- print: each link in the text prints its address after it (site.css) -------------
  // The address is the published one when the site says where it lives (site_url), else
  // the one the browser resolved; links within the page, phone numbers (the number is the
  // text) and links whose text already is the address print nothing more.
  var siteUrl = root.getAttribute("data-site-url");
  var base = window.location.href;
  if (siteUrl) {
    try { base = new URL(root.getAttribute("data-page") || "", siteUrl).href; } catch (e) { base = window.location.href; }
  }
  document.querySelectorAll("main .prose a[href], .footer a[href]").forEach(function (a) {
    var href = a.getAttribute("href");
    if (!href || href.charAt(0) === "#" || /^tel:/i.test(href)) { return; }
    var address;
    try { address = new URL(href, base).href; } catch (e) { return; }
    var shown = address.replace(/^mailto:/i, "");
    if (a.textContent.replace(/\s+/g, "").indexOf(shown.replace(/\s+/g, "")) !== -1) { return; }
    a.setAttribute("data-print-href", shown);
  });
}());
