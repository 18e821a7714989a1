/*
 * The glossary's filter box: typing keeps the terms whose name, variants or abbreviations contain the
 * text, and the letters that still have a term. Without JavaScript the box stays hidden and the
 * letter bar still jumps to each letter.
 */
(function () {
  "use strict";

  function setup() {
    var box = document.querySelector(".glossary-filter");
    if (!box || box.dataset.ready) {
      return;
    }
    box.dataset.ready = "yes";
    box.hidden = false;
    var input = box.querySelector("input");
    var count = box.querySelector(".glossary-filter__count");
    var entries = Array.prototype.slice.call(document.querySelectorAll(".glossary-entry"));
    var letters = Array.prototype.slice.call(document.querySelectorAll("h2[id^='letter-']"));

    function filter() {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      entries.forEach(function (entry) {
        var fits = !query || entry.dataset.names.indexOf(query) !== -1;
        entry.hidden = !fits;
        shown += fits ? 1 : 0;
      });
      letters.forEach(function (heading) {
        var next = heading.nextElementSibling;
        var any = false;
        while (next && next.tagName !== "H2") {
          if (next.classList.contains("glossary-entry") && !next.hidden) { any = true; }
          next = next.nextElementSibling;
        }
        heading.hidden = !any;
      });
      count.textContent = query ? shown + " of " + entries.length + " terms" : "";
    }
    input.addEventListener("input", filter);
  }

  window.aicPageScripts = window.aicPageScripts || {};
  window.aicPageScripts["glossary"] = setup;
  setup();
})();
