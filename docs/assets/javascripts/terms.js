/*
 * Glossary terms on touch screens. A mouse shows a term's definition as Material's tooltip on hover;
 * a finger has no hover, and a tooltip would cover the line being read. So on touch screens a tap on
 * a marked term opens a small panel at the bottom of the screen with the definition and a link to
 * the full entry; tapping elsewhere, the close button or Escape closes it.
 */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(hover: none)").matches) {
    return;
  }
  var panel = null;

  function definitionOf(term) {
    // Material moves `title` into its own tooltip; keep a copy the first time we see the term.
    if (!term.dataset.definition) {
      term.dataset.definition = term.getAttribute("title") || term.getAttribute("aria-label") || "";
    }
    return term.dataset.definition;
  }

  function build() {
    panel = document.createElement("div");
    panel.className = "term-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "Definition");
    panel.hidden = true;
    panel.innerHTML =
      '<button type="button" class="term-panel__close" aria-label="Close definition">&times;</button>' +
      '<p class="term-panel__name"></p><p class="term-panel__text"></p>' +
      '<p class="term-panel__more"><a>Read the full entry</a></p>';
    panel.querySelector("button").addEventListener("click", close);
    document.body.appendChild(panel);
  }

  function open(term) {
    if (!panel || !panel.isConnected) {
      build();
    }
    panel.querySelector(".term-panel__name").textContent = term.textContent;
    panel.querySelector(".term-panel__text").textContent = definitionOf(term);
    panel.querySelector(".term-panel__more a").href = term.getAttribute("href") || term.dataset.target || "#";
    panel.hidden = false;
  }

  function close() {
    if (panel) {
      panel.hidden = true;
    }
  }

  // Record definitions before Material's tooltip code takes the titles away.
  function remember() {
    document.querySelectorAll(".md-typeset .term[title]").forEach(definitionOf);
  }
  remember();
  if (window.document$) {
    window.document$.subscribe(remember); // pages loaded by instant navigation
  }

  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest(".md-typeset .term");
    if (term) {
      event.preventDefault();
      open(term);
    } else if (panel && !panel.hidden && !panel.contains(event.target)) {
      close();
    }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      close();
    }
  });
})();
