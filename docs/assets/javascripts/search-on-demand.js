/*
 * Load search only when the reader starts to search.
 *
 * Material for MkDocs requests the search index (search/search_index.json) and starts its search
 * worker on every page load. This script, loaded just before Material's bundle, holds that
 * request back and creates the worker only once the reader focuses or taps the search box, presses
 * a search shortcut key, or opens a shared `?q=` link. Material waits for the index as it would on a
 * slow network, and a query typed meanwhile is answered as soon as the index is ready.
 */
(function () {
  "use strict";
  var INDEX_PATH = "search/search_index.json";
  var started = false;
  var held = [];

  function start() {
    if (started) {
      return;
    }
    started = true;
    held.splice(0).forEach(function (release) { release(); });
  }
  window.aicompareStartSearch = start;

  // Hold back the index request until search starts.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.aicompareHeld = String(url).indexOf(INDEX_PATH) !== -1;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.aicompareHeld && !started) {
      held.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };

  // Create the search worker only when Material first sends it a message (the index, once loaded).
  var RealWorker = window.Worker;
  function LazyWorker(url, options) {
    this.url = url;
    this.options = options;
    this.real = null;
    this.listeners = [];
  }
  LazyWorker.prototype.ensure = function () {
    if (!this.real) {
      this.real = new RealWorker(this.url, this.options);
      this.listeners.forEach(function (entry) { this.real.addEventListener.apply(this.real, entry); }, this);
    }
    return this.real;
  };
  LazyWorker.prototype.addEventListener = function () {
    this.listeners.push(arguments);
    if (this.real) {
      this.real.addEventListener.apply(this.real, arguments);
    }
  };
  LazyWorker.prototype.removeEventListener = function () {
    var args = arguments;
    this.listeners = this.listeners.filter(function (entry) { return entry[0] !== args[0] || entry[1] !== args[1]; });
    if (this.real) {
      this.real.removeEventListener.apply(this.real, args);
    }
  };
  LazyWorker.prototype.postMessage = function () {
    var real = this.ensure();
    real.postMessage.apply(real, arguments);
  };
  LazyWorker.prototype.terminate = function () {
    if (this.real) {
      this.real.terminate();
    }
  };
  window.Worker = function (url, options) {
    return String(url).indexOf("/workers/search.") !== -1 ? new LazyWorker(url, options) : new RealWorker(url, options);
  };

  // What counts as starting to search.
  function isSearch(target) {
    return !!(target && target.closest && (target.closest(".md-search") || target.closest('label[for="__search"]')));
  }
  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) { start(); } }, true);
  document.addEventListener("pointerdown", function (event) { if (isSearch(event.target)) { start(); } }, true);
  document.addEventListener("change", function (event) { if (event.target && event.target.id === "__search") { start(); } }, true);
  document.addEventListener("keydown", function (event) {
    var editing = event.target && (event.target.isContentEditable || /^(input|textarea|select)$/i.test(event.target.tagName));
    if (!editing && (event.key === "f" || event.key === "s" || event.key === "/")) {
      start();
    }
  }, true);
  if (/[?&]q=/.test(window.location.search)) {
    start();
  }
})();
