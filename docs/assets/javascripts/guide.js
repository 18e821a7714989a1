/*
 * The "Which should I use?" guide as a filter. Each rule in the list carries its conditions
 * (data-when); the reader's answers, kept in the address (?input=text&labels=few), show the rules
 * whose every condition is answered their way. With no answer, every rule is listed, as without
 * JavaScript.
 */
(function () {
  "use strict";

  function setup() {
    var root = document.getElementById("guide");
    if (!root || root.dataset.ready) {
      return;
    }
    var form = root.querySelector("form");
    var status = root.querySelector(".guide__status");
    var rules = Array.prototype.slice.call(document.querySelectorAll(".guide__rule"));
    var list = document.querySelector(".guide__rules");
    var relax = document.createElement("button");
    relax.type = "button";
    relax.className = "md-button guide__relax";
    relax.textContent = "Relax that answer";
    relax.hidden = true;
    status.after(relax);
    relax.addEventListener("click", function () {
      form.querySelector('input[name="' + relax.dataset.question + '"][value=""]').checked = true;
      form.dispatchEvent(new Event("change"));
    });
    var questions = Array.prototype.map.call(form.querySelectorAll("fieldset"), function (fieldset) {
      return fieldset.querySelector("input").name;
    });

    function answers() {
      var chosen = {};
      questions.forEach(function (name) {
        var box = form.querySelector('input[name="' + name + '"]:checked');
        if (box && box.value) { chosen[name] = box.value; }
      });
      return chosen;
    }

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      questions.forEach(function (name) {
        var value = params.get(name) || "";
        var box = form.querySelector('input[name="' + name + '"][value="' + CSS.escape(value) + '"]') ||
          form.querySelector('input[name="' + name + '"][value=""]');
        box.checked = true;
      });
    }

    function questionText(name) {
      var fieldset = form.querySelector('input[name="' + name + '"]').closest("fieldset");
      return fieldset.querySelector("legend").textContent;
    }

    // How a rule stands against the answers: out (an answer contradicts it), or how many of its
    // conditions the answers meet and which questions it still depends on.
    function standing(when, chosen) {
      var met = 0;
      var open = [];
      var keys = Object.keys(when);
      for (var i = 0; i < keys.length; i++) {
        if (!(keys[i] in chosen)) {
          open.push(keys[i]);
        } else if (chosen[keys[i]] === when[keys[i]]) {
          met += 1;
        } else {
          return null;
        }
      }
      return { met: met, open: open };
    }

    function fitting(chosen) {
      return rules.map(function (rule, index) {
        return { rule: rule, index: index, standing: standing(JSON.parse(rule.dataset.when), chosen) };
      }).filter(function (entry) { return entry.standing; });
    }

    // The question the most rules depend on: where a reader with no answers should start.
    function startingQuestion() {
      var counts = {};
      rules.forEach(function (rule) {
        Object.keys(JSON.parse(rule.dataset.when)).forEach(function (q) { counts[q] = (counts[q] || 0) + 1; });
      });
      return questions.slice().sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0); })[0];
    }

    // When nothing fits: the one answer whose removal lets the most rules back in.
    function answerToRelax(chosen) {
      var best = null;
      Object.keys(chosen).forEach(function (q) {
        var fewer = Object.assign({}, chosen);
        delete fewer[q];
        var count = fitting(fewer).length;
        if (!best || count > best.count) { best = { question: q, count: count }; }
      });
      return best;
    }

    function openNote(rule, open) {
      var note = rule.querySelector(".guide__open");
      if (!note) {
        note = document.createElement("small");
        note.className = "guide__open";
        rule.appendChild(note);
      }
      note.textContent = open.length ? "Still open: " + open.map(questionText).join("; ") : "";
      note.hidden = !open.length;
    }

    function show() {
      var chosen = answers();
      var answered = Object.keys(chosen).length;
      var fits = fitting(chosen);
      // Closest first: most conditions met, then fewest still open, then the order of the data.
      fits.sort(function (a, b) {
        return (b.standing.met - a.standing.met) || (a.standing.open.length - b.standing.open.length) || (a.index - b.index);
      });
      rules.forEach(function (rule) { rule.hidden = true; });
      fits.forEach(function (entry) {
        entry.rule.hidden = false;
        entry.rule.classList.toggle("guide__rule--exact", answered > 0 && entry.standing.open.length === 0);
        openNote(entry.rule, answered ? entry.standing.open : []);
        list.appendChild(entry.rule);
      });
      relax.hidden = true;
      if (!answered) {
        status.textContent = "All " + rules.length + " rules are listed. Start with \u201c" + questionText(startingQuestion()) +
          "\u201d: most rules depend on it.";
      } else if (fits.length) {
        var exact = fits.filter(function (entry) { return !entry.standing.open.length; }).length;
        status.textContent = fits.length + " of " + rules.length + " rules are consistent with your answers, closest first" +
          (exact ? "; " + exact + " match" + (exact === 1 ? "es" : "") + " every condition." : "; answer the open questions to narrow them.");
      } else {
        var hint = answerToRelax(chosen);
        status.textContent = "No rule fits all your answers. Set \u201c" + questionText(hint.question) + "\u201d back to No preference to see " +
          hint.count + " rule" + (hint.count === 1 ? "" : "s") + ".";
        relax.hidden = false;
        relax.dataset.question = hint.question;
      }
    }

    function address() {
      var params = new URLSearchParams(answers());
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "");
    }

    form.addEventListener("change", function () {
      window.history.pushState(null, "", address());
      show();
    });
    window.addEventListener("popstate", function () {
      if (!root.isConnected) { return; }
      fromAddress();
      show();
    });
    root.dataset.ready = "yes";
    root.hidden = false;
    fromAddress();
    show();
  }

  // Only the page that needs it loads this script; its page calls the setup again when instant
  // navigation brings the page back (see PageContext.scripts).
  window.aicPageScripts = window.aicPageScripts || {};
  window.aicPageScripts["guide"] = setup;
  setup();
})();
