/*
 * Serve Mermaid from this site instead of a CDN, and only on pages that draw a diagram.
 *
 * Material for MkDocs renders `pre.mermaid` blocks with the global `mermaid` object and fetches
 * it from a third-party CDN when that global is missing. This stand-in defines the global with
 * the two calls Material makes (initialize, render) and loads the real library, shipped under
 * assets/vendor/mermaid/, the first time a diagram is rendered.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var libraryUrl = new URL("../vendor/mermaid/mermaid.min.js", script.src).href;
  var settings = {};
  var loading = null;

  function loadMermaid() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = libraryUrl;
        tag.onload = function () {
          window.mermaid.initialize(settings);
          resolve(window.mermaid);
        };
        tag.onerror = function () { reject(new Error("could not load " + libraryUrl)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (options) { settings = options || {}; },
    render: function (id, text) {
      return loadMermaid().then(function (real) { return real.render(id, text); });
    }
  };
})();
