/*
 * "X vs Y" in the search box: the page comparing exactly those technologies comes first.
 *
 * The first time the reader searches, this loads search/shortcuts.json (the names, abbreviations and
 * aliases of every technology, and the pages that compare them; built from data). When the query
 * names two or more technologies joined by "vs", "versus", "or", "and" or "compared to", in any order,
 * a result linking to their comparison is put at the top of Material's results; for a set without a
 * page of its own, the result opens the compare page with them preselected.
 */
(function () {
  "use strict";
  var SEPARATOR = /\s+(?:vs\.?|v\.?s\.?|versus|or|and|compared (?:to|with)|against)\s+|\s*[,/]\s*/i;
  var data = null;
  var loading = null;

  function base() {
    var config = document.getElementById("__config");
    var root = config ? JSON.parse(config.textContent).base : ".";
    return new URL(root + "/", window.location.href);
  }

  function load() {
    if (!loading) {
      loading = fetch(new URL("search/shortcuts.json", base())).then(function (response) {
        return response.json();
      }).then(function (json) { data = json; render(); });
    }
    return loading;
  }

  function normalise(name) {
    return name.toLowerCase().replace(/[^\w\s-]/g, " ").replace(/\s+/g, " ").trim();
  }

  function lookup(name) {
    var key = normalise(name);
    var bare = key.replace(/ (models?|networks?|architectures?)$/, "");
    var candidates = [key, key.replace(/s$/, ""), bare, bare + " model", bare + " network", bare.replace(/s$/, "") + " model"];
    for (var i = 0; i < candidates.length; i++) {
      if (data.names[candidates[i]]) {
        return data.names[candidates[i]];
      }
    }
    return null;
  }

  // "small vs large language models" means "small language models": a lone word borrows the
  // other part's tail; "generative vs predictive AI" likewise.
  function lookupWithTail(part, parts) {
    var found = lookup(part) || lookup(part + " ai");
    for (var i = 0; !found && i < parts.length; i++) {
      var words = parts[i].trim().split(/\s+/);
      if (parts[i] !== part && words.length > 1) {
        found = lookup(part + " " + words.slice(1).join(" "));
      }
    }
    return found;
  }

  // The technologies a query names, or null. Text in brackets is dropped; one unknown part is
  // tolerated ("AI agents vs chatbots and LLMs") when at least two others are known.
  function technologies(query) {
    var parts = query.replace(/\([^)]*\)/g, " ").split(SEPARATOR).filter(function (part) { return part.trim(); });
    if (parts.length < 2) {
      return null;
    }
    var ids = [];
    var unknown = 0;
    for (var i = 0; i < parts.length; i++) {
      var id = lookupWithTail(parts[i], parts);
      if (!id) {
        unknown += 1;
      } else if (ids.indexOf(id) === -1) {
        ids.push(id);
      }
    }
    return ids.length < 2 || unknown > 1 ? null : ids;
  }

  // The results a query means, best first: a rule by name; or the comparison of the technologies it
  // names (or the compare page preloaded with them), then any common confusion about them.
  function match(query) {
    var title = data.titles[normalise(query)];
    if (title) {
      return [{ url: title.url, title: title.title, text: "Side-by-side comparison" }];
    }
    var rule = data.rules[normalise(query)];
    if (rule) {
      return [{ url: rule.url, title: rule.title, text: "What it governs, the dates that matter, the uses it bears on" }];
    }
    var named = query.split(SEPARATOR).length === 1 ? lookup(query) : null;
    if (named) {
      var page = data.pages[named];
      return [{ url: page.url, title: page.title, text: "What it is, how it works, and its sourced profile" }];
    }
    var ids = technologies(query);
    if (!ids) {
      return [];
    }
    var key = ids.slice().sort().join(",");
    var same = function (entry) { return entry.ids.join(",") === key; };
    var found = data.comparisons.filter(same).map(function (entry) {
      return { url: entry.url, title: entry.title, text: "Side-by-side comparison" };
    });
    if (!found.length) {
      var names = ids.map(function (id) { return data.labels[id]; });
      found.push({ url: data.picker + "?t=" + ids.join(","), title: names.join(" vs "), text: "Open them side by side" });
    }
    return found.concat(data.confusions.filter(same).map(function (entry) {
      return { url: entry.url, title: "Common confusion: " + entry.title, text: "What is true instead, with sources" };
    }));
  }

  function render() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || !data) {
      return;
    }
    var found = match(input.value);
    var current = Array.prototype.slice.call(list.querySelectorAll(".aicompare-shortcut"));
    var hrefs = found.map(function (entry) { return new URL(entry.url, base()).href; });
    var inPlace = current.length === found.length && current.every(function (item, index) {
      return item.firstElementChild.href === hrefs[index] && list.children[index] === item;
    });
    if (inPlace) {
      return;
    }
    current.forEach(function (item) { item.remove(); });
    found.slice().reverse().forEach(function (entry, index) {
      list.prepend(shortcutItem(entry, hrefs[found.length - 1 - index]));
    });
  }

  function shortcutItem(found, href) {
    var item = document.createElement("li");
    item.className = "md-search-result__item aicompare-shortcut";
    var anchor = document.createElement("a");
    anchor.className = "md-search-result__link";
    anchor.href = href;
    anchor.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.setAttribute("data-md-score", "1000");
    var title = document.createElement("h1");
    title.textContent = found.title;
    var text = document.createElement("p");
    text.textContent = found.text;
    article.append(title, text);
    anchor.append(article);
    item.append(anchor);
    return item;
  }

  function watch() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || input.dataset.aicompareShortcuts) {
      return;
    }
    input.dataset.aicompareShortcuts = "on";
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load(); render(); });
    new MutationObserver(render).observe(list, { childList: true });
    if (input.value) {
      load();
    }
  }

  watch();
  if (window.document$) {
    window.document$.subscribe(watch);
  }
})();
