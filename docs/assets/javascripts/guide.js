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

    function show() {
      var chosen = answers();
      var any = Object.keys(chosen).length > 0;
      var shown = 0;
      rules.forEach(function (rule) {
        var when = JSON.parse(rule.dataset.when);
        var fits = !any || Object.keys(when).every(function (q) { return chosen[q] === when[q]; });
        rule.hidden = !fits;
        shown += fits ? 1 : 0;
      });
      if (!any) {
        status.textContent = "Showing all " + rules.length + " rules; answer a question to narrow them.";
      } else if (shown) {
        status.textContent = shown + " of " + rules.length + " rules fit your answers.";
      } else {
        status.textContent = "No rule fits every answer; set one of them back to No preference.";
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
