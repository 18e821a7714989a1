/*
 * Sortable matrices: clicking a header of a table with class "sortable" sorts by that column
 * (Tablesort, shipped in assets/vendor/tablesort). Only pages with such a table load this script,
 * and it loads Tablesort itself, in order, the first time it is needed.
 */
(function () {
  "use strict";
  var vendor = document.currentScript.src.replace(/javascripts\/[^/]*$/, "vendor/tablesort/");

  function sortTables() {
    document.querySelectorAll("table.sortable:not([data-sort-ready])").forEach(function (table) {
      table.setAttribute("data-sort-ready", "");
      new window.Tablesort(table);
    });
  }

  function load(names, done) {
    if (!names.length) {
      done();
      return;
    }
    var script = document.createElement("script");
    script.src = vendor + names[0];
    script.onload = function () { load(names.slice(1), done); };
    document.head.appendChild(script);
  }

  function setup() {
    if (window.Tablesort) {
      sortTables();
    } else {
      load(["tablesort.min.js", "tablesort.number.min.js"], sortTables);
    }
  }

  // Its page calls the setup again when instant navigation brings the page back (PageContext.scripts).
  window.aicPageScripts = window.aicPageScripts || {};
  window.aicPageScripts["table-sort"] = setup;
  setup();
})();
