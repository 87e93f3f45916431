// The worksheet library's filters: who a worksheet is for and what type it is. Without this
// script the filters stay hidden and every worksheet is listed.
(function () {
  "use strict";

  var filters = document.getElementById("library-filters");
  var list = document.getElementById("library-list");
  var count = document.getElementById("library-count");
  if (!filters || !list || !count) { return; }
  var cards = Array.prototype.slice.call(list.children);

  function chosen(name) {
    return Array.prototype.slice.call(filters.querySelectorAll("input[name=" + name + "]"))
      .filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; });
  }

  // A card is shown when one of its audiences and its type are both chosen.
  function apply() {
    var audiences = chosen("audience");
    var kinds = chosen("kind");
    var shown = 0;
    cards.forEach(function (card) {
      var forWhom = (card.getAttribute("data-audience") || "").split(" ");
      var show = kinds.indexOf(card.getAttribute("data-kind")) !== -1 &&
        forWhom.some(function (who) { return audiences.indexOf(who) !== -1; });
      card.hidden = !show;
      if (show) { shown += 1; }
    });
    count.textContent = (count.getAttribute("data-shown") || "{n} of {total} worksheets shown.")
      .replace("{n}", String(shown)).replace("{total}", String(cards.length));
  }

  filters.hidden = false;
  filters.addEventListener("change", apply);
})();
