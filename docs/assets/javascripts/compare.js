/*
 * The compare page's picker: choose any technologies (and, if you like, which rows) and see them side
 * by side. The choice is the address (?t=rnn,lstm,transformer&d=focus,core_operation): opening it
 * shows that table, every change updates it, and back and forward step through earlier choices.
 *
 * The page carries an index of names, kinds and rows (data-index); for each chosen technology it loads
 * compare/data/<id>.json, whose cells were rendered and escaped at build time from the same data as
 * every other table. The table uses the site's reading-table markup, so it becomes cards on a phone.
 * Without JavaScript the picker stays hidden and the page lists every ready-made comparison.
 */
(function () {
  "use strict";
  var MIN_CHOICE = 2;

  function setup() {
    var root = document.getElementById("compare-picker");
    if (!root || root.dataset.ready) {
      return;
    }
    var index = JSON.parse(root.dataset.index);
    var byId = {};
    index.technologies.forEach(function (tech) { byId[tech.id] = tech; });
    var dimensionIds = index.dimensions.map(function (d) { return d.id; });
    var form = root.querySelector("form");
    var status = root.querySelector(".picker__status");
    var result = root.querySelector(".picker__result");
    var choiceBar = root.querySelector(".picker__choice");
    var curated = root.querySelector(".picker__curated");
    var cache = {};
    root.dataset.ready = "yes";
    root.hidden = false;

    function listParam(params, name) {
      return (params.get(name) || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    }

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      var asked = listParam(params, "t");
      var rows = listParam(params, "d");
      return {
        technologies: asked.filter(function (id, i) { return byId[id] && asked.indexOf(id) === i; }),
        unknown: asked.filter(function (id) { return !byId[id]; }).concat(rows.filter(function (id) { return dimensionIds.indexOf(id) === -1; })),
        rows: rows.filter(function (id) { return dimensionIds.indexOf(id) !== -1; })
      };
    }

    function fromForm() {
      var checked = function (name) {
        return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (box) { return box.value; });
      };
      return { technologies: checked("t"), rows: checked("d"), unknown: [] };
    }

    function address(choice) {
      var params = new URLSearchParams();
      if (choice.technologies.length) { params.set("t", choice.technologies.join(",")); }
      if (choice.rows.length) { params.set("d", choice.rows.join(",")); }
      var query = params.toString().replace(/%2C/g, ",");
      // Only a row of the table may follow (#compare-...): section marks from scrolling never stick.
      var row = /^#compare-/.test(window.location.hash) ? window.location.hash : "";
      return window.location.pathname + (query ? "?" + query : "") + row;
    }

    function showInForm(choice) {
      form.querySelectorAll('input[name="t"]').forEach(function (box) { box.checked = choice.technologies.indexOf(box.value) !== -1; });
      form.querySelectorAll('input[name="d"]').forEach(function (box) { box.checked = choice.rows.indexOf(box.value) !== -1; });
    }

    function load(id) {
      if (!cache[id]) {
        cache[id] = fetch(new URL(byId[id].data, window.location.href)).then(function (response) {
          if (!response.ok) { throw new Error("could not load " + id); }
          return response.json();
        });
      }
      return cache[id];
    }

    function rowsFor(choice) {
      var kinds = choice.technologies.map(function (id) { return byId[id].kind; });
      var applies = index.dimensions.filter(function (d) {
        return kinds.some(function (kind) { return d.applies_to.indexOf(kind) !== -1; });
      });
      if (choice.rows.length) {
        applies = index.dimensions.filter(function (d) { return choice.rows.indexOf(d.id) !== -1; });
      }
      // Rows that tell technologies apart first, then the rest, each group in the site's order.
      return applies.filter(function (d) { return d.key; }).concat(applies.filter(function (d) { return !d.key; }));
    }

    function commonDate(records, rows) {
      var counts = {};
      records.forEach(function (record) {
        rows.forEach(function (row) {
          var cell = record.cells[row.id];
          if (cell && cell.as_of) { counts[cell.as_of] = (counts[cell.as_of] || 0) + 1; }
        });
      });
      return Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? 1 : -1); })[0] || "";
    }

    function cellHtml(cell, date) {
      if (!cell) { return "<em>Does not apply</em>"; }
      var details = cell.sources ? [cell.sources] : [];
      if (cell.as_of && (cell.as_of !== date || cell.due)) {
        details.push("checked " + cell.as_of + (cell.due ? ', <strong class="due">due for review</strong>' : ""));
      }
      if (cell.fix) {
        details.push('<a class="fix-link" href="' + escapeHtml(cell.fix) + '" title="Suggest a fix: open this value in its file" aria-label="Suggest a fix">\u270e</a>');
      }
      return cell.value + (details.length ? '<br><small class="provenance">' + details.join("; ") + "</small>" : "");
    }

    // Text from data, escaped for HTML text and for double- or single-quoted attributes.
    function escapeHtml(text) {
      return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    }

    function table(choice, records) {
      var rows = rowsFor(choice);
      var date = commonDate(records, rows);
      var techs = choice.technologies.map(function (id) { return byId[id]; });
      var names = techs.map(function (t) { return t.name; }).join(", ");
      var html = '<table data-cards="rows" role="table" aria-label="Side by side: ' + escapeHtml(names) + '"><thead role="rowgroup"><tr role="row">';
      html += '<th scope="col" role="columnheader">Dimension</th>';
      techs.forEach(function (t) {
        html += '<th scope="col" role="columnheader"><a href="' + t.url + '">' + escapeHtml(t.short) + "</a></th>";
      });
      html += '</tr></thead><tbody role="rowgroup">';
      rows.forEach(function (row) {
        var id = "compare-" + row.id.replace(/_/g, "-");
        html += '<tr role="row" id="' + id + '"><td role="rowheader"><span title="' + escapeHtml(row.question) + '">' + escapeHtml(row.label) +
          '</span> <a class="row-link" href="#' + id + '" aria-label="Link to this row">#</a></td>';
        records.forEach(function (record, i) {
          html += '<td role="cell" data-label="' + escapeHtml(techs[i].short) + '">' + cellHtml(record.cells[row.id], date) + "</td>";
        });
        html += "</tr>";
      });
      html += "</tbody></table>";
      if (date) { html += '<p class="table-note">Values checked ' + date + ", unless a row says otherwise.</p>"; }
      return { html: html, count: rows.length };
    }

    // The choice at the top, where the reader is: a chip per technology (a tap removes it) and a
    // list to add one, grouped by kind.
    function showChoice(choice) {
      var chips = choice.technologies.map(function (id) {
        return '<li><button type="button" class="picker__chip" data-remove="' + escapeHtml(id) + '" aria-label="Remove ' +
          escapeHtml(byId[id].short) + '" title="Remove ' + escapeHtml(byId[id].name) + '">' + escapeHtml(byId[id].short) + ' <span aria-hidden="true">\u00d7</span></button></li>';
      }).join("");
      var groups = {};
      index.technologies.forEach(function (tech) {
        if (choice.technologies.indexOf(tech.id) === -1) {
          (groups[tech.kind] = groups[tech.kind] || []).push('<option value="' + escapeHtml(tech.id) + '">' + escapeHtml(tech.name) + "</option>");
        }
      });
      var options = Object.keys(index.kinds).filter(function (kind) { return groups[kind]; }).map(function (kind) {
        return '<optgroup label="' + escapeHtml(index.kinds[kind]) + '">' + groups[kind].join("") + "</optgroup>";
      }).join("");
      choiceBar.innerHTML = '<ul class="picker__chips">' + chips + "</ul>" +
        '<label class="picker__add">Add <select data-picker-add><option value="">a technology\u2026</option>' + options + "</select></label>";
      var covered = index.comparisons.filter(function (entry) {
        return entry.ids.every(function (id) { return choice.technologies.indexOf(id) !== -1; });
      });
      covered.sort(function (a, b) { return b.ids.length - a.ids.length; });
      curated.hidden = !covered.length;
      curated.innerHTML = covered.length ? "Curated: " + covered.slice(0, 3).map(function (entry) {
        return '<a href="' + escapeHtml(entry.url) + '">' + escapeHtml(entry.title) + "</a>";
      }).join(", ") + " (the difference, when to choose each, the misconception)" : "";
    }

    // After a change made lower down the page, bring the choice and its table back into view.
    function keepInView() {
      var top = root.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight * 0.5) {
        root.scrollIntoView({ block: "start" });
      }
    }

    function change(choice) {
      showInForm(choice);
      window.history.pushState(choice, "", address(choice));
      return render(choice).then(keepInView);
    }

    choiceBar.addEventListener("click", function (event) {
      var chip = event.target.closest("[data-remove]");
      if (!chip) { return; }
      var choice = fromForm();
      choice.technologies = choice.technologies.filter(function (id) { return id !== chip.dataset.remove; });
      change(choice);
    });
    choiceBar.addEventListener("change", function (event) {
      if (!event.target.matches("[data-picker-add]") || !event.target.value) { return; }
      var choice = fromForm();
      choice.technologies.push(event.target.value);
      change(choice);
    });

    var rendering = 0;
    function render(choice) {
      showChoice(choice);
      var ticket = ++rendering;
      var notes = choice.unknown.length ? "Not found, so left out: " + choice.unknown.join(", ") + ". " : "";
      if (choice.technologies.length < MIN_CHOICE) {
        result.innerHTML = "";
        status.textContent = notes + "Choose at least two technologies to compare.";
        return Promise.resolve();
      }
      status.textContent = notes + "Loading...";
      return Promise.all(choice.technologies.map(load)).then(function (records) {
        if (ticket !== rendering) { return; }
        var built = table(choice, records);
        result.innerHTML = built.html;
        var names = choice.technologies.map(function (id) { return byId[id].short; });
        status.textContent = notes + "Comparing " + names.join(", ") + " on " + built.count + " rows.";
        if (window.location.hash) {
          var target = document.getElementById(window.location.hash.slice(1));
          if (target) { target.scrollIntoView(); }
        }
      }).catch(function () {
        status.textContent = notes + "The comparison could not be loaded; reload the page to try again.";
      });
    }

    form.addEventListener("change", function () {
      change(fromForm());
    });
    form.querySelector("[data-picker-clear]").addEventListener("click", function () {
      change({ technologies: [], rows: [], unknown: [] });
    });
    form.querySelector("[data-picker-copy]").addEventListener("click", function () {
      var link = window.location.href;
      var done = function () { status.textContent = "Link copied: " + link; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(link).then(done, function () { status.textContent = "Copy this link: " + link; });
      } else {
        status.textContent = "Copy this link: " + link;
      }
    });
    window.addEventListener("popstate", function () {
      if (!root.isConnected) { return; } // the reader has moved on to another page
      var choice = fromAddress();
      showInForm(choice);
      render(choice);
    });

    // A shared link opens on its table: the choices stay folded away until the reader wants to change
    // them. (The page's head already folded them for such an address, so nothing moves on load.)
    var toggle = root.querySelector("[data-picker-toggle]");
    function setOpen(open) {
      root.classList.toggle("picker--open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    toggle.addEventListener("click", function () { setOpen(!root.classList.contains("picker--open")); });

    var initial = fromAddress();
    showInForm(initial);
    setOpen(initial.technologies.length < MIN_CHOICE);
    render(initial);
  }

  // Only the page that needs it loads this script; its page calls the setup again when instant
  // navigation brings the page back (see PageContext.scripts).
  window.aicPageScripts = window.aicPageScripts || {};
  window.aicPageScripts["compare"] = setup;
  setup();
})();
