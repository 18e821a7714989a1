/*
 * Definitions of marked terms (glossary terms and technology names, class "term", definition in
 * `title`). With a mouse, hovering or focusing a term shows its definition in a tooltip just below
 * the line (above it near the bottom of the window), in body-sized text. On touch screens there is no
 * hover, and a tooltip would cover the line being read, so a tap opens a panel at the bottom of the
 * screen with the definition and a link to the full entry; tapping elsewhere, the close button or
 * Escape closes it. Nothing runs per term on load: one set of listeners serves every page.
 */
(function () {
  "use strict";
  var touch = window.matchMedia && window.matchMedia("(hover: none)").matches;
  var tip = null;
  var panel = null;
  var shownFor = null;

  function termAt(target) {
    return target && target.closest ? target.closest(".md-typeset .term") : null;
  }

  function definitionOf(term) {
    // The definition moves from `title` to a data attribute, so the browser's own tooltip stays away.
    if (term.hasAttribute("title")) {
      term.dataset.definition = term.getAttribute("title");
      term.removeAttribute("title");
    }
    return term.dataset.definition || "";
  }

  function showTip(term) {
    var definition = definitionOf(term);
    if (!definition) {
      return;
    }
    if (!tip || !tip.isConnected) {
      tip = document.createElement("div");
      tip.className = "term-tip";
      tip.id = "term-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    tip.textContent = definition;
    tip.hidden = false;
    term.setAttribute("aria-describedby", tip.id);
    shownFor = term;
    var line = term.getBoundingClientRect();
    var gap = 6;
    var top = line.bottom + gap;
    if (top + tip.offsetHeight > window.innerHeight && line.top - gap - tip.offsetHeight > 0) {
      top = line.top - gap - tip.offsetHeight;
    }
    // Keep it within the column being read when there is room, else within the window.
    var column = term.closest(".md-content");
    var right = Math.min(document.documentElement.clientWidth - 8, column ? column.getBoundingClientRect().right : Infinity);
    var left = Math.max(8, Math.min(line.left, right - tip.offsetWidth));
    tip.style.top = top + window.scrollY + "px";
    tip.style.left = left + window.scrollX + "px";
  }

  function hideTip() {
    if (tip) {
      tip.hidden = true;
    }
    if (shownFor) {
      shownFor.removeAttribute("aria-describedby");
      shownFor = null;
    }
  }

  function openPanel(term) {
    if (!panel || !panel.isConnected) {
      panel = document.createElement("div");
      panel.className = "term-panel";
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-label", "Definition");
      panel.innerHTML =
        '<button type="button" class="term-panel__close" aria-label="Close definition">&times;</button>' +
        '<p class="term-panel__name"></p><p class="term-panel__text"></p>' +
        '<p class="term-panel__more"><a>Read the full entry</a></p>';
      panel.querySelector("button").addEventListener("click", closePanel);
      document.body.appendChild(panel);
    }
    panel.querySelector(".term-panel__name").textContent = term.textContent;
    panel.querySelector(".term-panel__text").textContent = definitionOf(term);
    panel.querySelector(".term-panel__more a").href = term.getAttribute("href") || term.dataset.target || "#";
    panel.hidden = false;
  }

  function closePanel() {
    if (panel) {
      panel.hidden = true;
    }
  }

  if (touch) {
    document.addEventListener("click", function (event) {
      var term = termAt(event.target);
      if (term) {
        event.preventDefault();
        openPanel(term);
      } else if (panel && !panel.hidden && !panel.contains(event.target)) {
        closePanel();
      }
    }, true);
  } else {
    document.addEventListener("mouseover", function (event) {
      var term = termAt(event.target);
      if (term && term !== shownFor) {
        showTip(term);
      } else if (!term && shownFor) {
        hideTip();
      }
    });
    document.addEventListener("focusin", function (event) {
      var term = termAt(event.target);
      if (term) {
        showTip(term);
      }
    });
    document.addEventListener("focusout", hideTip);
    window.addEventListener("scroll", hideTip, { passive: true });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hideTip();
      closePanel();
    }
  });
})();

/*
 * A link to something folded away (a row of "more rows", a use's detail) opens its fold and scrolls
 * to it: on load, when the hash changes, and when instant navigation brings a page in.
 */
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) {
      return;
    }
    var fold = target.closest("details:not([open])");
    if (!fold) {
      return;
    }
    while (fold) {
      fold.open = true;
      fold = fold.parentElement.closest("details:not([open])");
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  if (window.document$) {
    window.document$.subscribe(function () { setTimeout(openTarget, 0); });
  } else {
    openTarget();
  }
})();
