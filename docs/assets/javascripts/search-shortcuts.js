/*
 * Search that understands the reader's question. The first time the reader searches, this loads
 * search/shortcuts.json (built from data: the names, abbreviations, aliases and well-known examples of
 * every technology, glossary terms, industries and their use cases, rules, and the pages that compare
 * technologies). A query is read as a question ("what is X", "X vs Y", "difference between X and Y",
 * "when to use X instead of Y", "is X a Y", "which industries use X", "how does X work"), and the page
 * that answers it is put first: a curated comparison, then a technology's page, then a group page, then
 * a glossary entry (opened at the entry). Material's own results follow, one per page.
 *
 * The matching is a pure function of the data and the query (`match`); under Node it is exported, so
 * the reader-query corpus in the tests runs without a browser too.
 */
(function () {
  "use strict";
  var SEPARATOR = /\s+(?:vs\.?|v\.?s\.?|versus|or|and|compared (?:to|with)|against)\s+|\s*[,/]\s*/i;
  var QUESTIONS = [
    [/^(?:what (?:is|are|s) )?(?:the )?(?:main |key )?differences? between (.+?) and (.+)$/, "pair"],
    [/^(?:how|why) (?:is|are|does|do) (.+?) differ(?:ent)? from (.+)$/, "pair"],
    [/^(?:compare|comparing|comparison of) (.+?) (?:and|with|to|vs\.?|versus) (.+)$/, "pair"],
    [/^when (?:should|would|do|can|to) (?:i |you |we |one )?(?:use|choose|pick|prefer) (.+?) (?:instead of|over|rather than|vs\.?|versus|or|and not) (.+)$/, "pair"],
    [/^(?:should|do|can) (?:i|we|you) (?:use|choose|pick) (.+?) or (.+)$/, "pair"],
    [/^(?:is|are) (.+?) (?:better|worse|faster|slower|cheaper|bigger|smaller|more \w+|less \w+) than (.+)$/, "pair"],
    [/^(?:is|are) (.+?) (?:an?|the|a kind of|a type of|a form of|kinds? of|types? of|part of|the same as|same as|different from) (.+)$/, "is"],
    [/^(?:is|are) (.+)$/, "is-plain"],
    [/^(?:which|what) (?:industries|sectors|companies|fields) (?:use|apply|adopt|deploy) (.+)$/, "uses"],
    [/^(?:where|how) (?:is|are) (.+?) used$/, "uses"],
    [/^(?:who uses|uses of|applications of|use cases (?:of|for)) (.+)$/, "uses"],
    [/^how (?:does|do) (.+?) work$/, "works"],
    [/^what (?:does|do) (.+?) (?:mean|stand for|do)$/, "what"],
    [/^(?:what (?:is|are|s)|whats|define|definition of|meaning of|explain|tell me about|examples? of|can) (.+)$/, "what"]
  ];

  function normalise(name) {
    return name.toLowerCase().replace(/[^\w\s-]/g, " ").replace(/\s+/g, " ").trim();
  }

  function withoutArticle(name) {
    return name.replace(/^(?:an?|the)\s+/, "");
  }

  // A technology id for a name: as typed, singular, without "model(s)"/"network(s)", or with them.
  function lookupExact(data, name) {
    var key = withoutArticle(normalise(name));
    var bare = key.replace(/ (models?|networks?|architectures?|algorithms?|methods?)$/, "");
    var candidates = [key, key.replace(/s$/, ""), bare, bare.replace(/s$/, ""), bare + " model", bare + " network", bare.replace(/s$/, "") + " model"];
    for (var i = 0; i < candidates.length; i++) {
      if (data.names[candidates[i]]) {
        return data.names[candidates[i]];
      }
    }
    return null;
  }

  // The same, also after dropping words from the end ("cnn for images" -> "cnn").
  function lookup(data, name) {
    var words = normalise(name).split(" ");
    for (var end = words.length; end > 0; end--) {
      var found = lookupExact(data, words.slice(0, end).join(" "));
      if (found) {
        return found;
      }
    }
    return null;
  }

  // "small vs large language models" means "small language models": a lone word borrows the
  // other part's tail; "generative vs predictive AI" likewise.
  function lookupWithTail(data, part, parts) {
    var found = lookup(data, part) || lookup(data, part + " ai");
    for (var i = 0; !found && i < parts.length; i++) {
      var words = parts[i].trim().split(/\s+/);
      if (parts[i] !== part && words.length > 1) {
        found = lookupExact(data, part + " " + words.slice(1).join(" "));
      }
    }
    return found;
  }

  // The technologies the parts name (each once), or null; one unknown part is tolerated
  // ("AI agents vs chatbots and LLMs") when at least two others are known.
  function technologies(data, parts) {
    var ids = [];
    var unknown = 0;
    for (var i = 0; i < parts.length; i++) {
      var id = lookupWithTail(data, parts[i], parts);
      if (!id) {
        unknown += 1;
      } else if (ids.indexOf(id) === -1) {
        ids.push(id);
      }
    }
    return ids.length < 2 || unknown > 1 ? null : ids;
  }

  function techPage(data, id, anchor) {
    var page = data.pages[id];
    return { url: page.url + (anchor || ""), title: page.title, text: page.text };
  }

  function targetOf(entry, text) {
    return { url: entry.url, title: entry.title, text: text };
  }

  // A rule, a glossary term or an industry named by the whole phrase (after dropping an article).
  function namedThing(data, name) {
    var key = withoutArticle(normalise(name));
    var plain = key.replace(/s$/, "");
    if (data.rules[key]) {
      return targetOf(data.rules[key], "What it governs, the dates that matter, the uses it bears on");
    }
    var term = data.terms[key] || data.terms[plain];
    if (term) {
      return targetOf(term, term.text);
    }
    var industry = data.industries[key] || data.industries[key.replace(/^(?:ai|artificial intelligence|machine learning|ml|deep learning|llms?|generative ai) (?:in|for) /, "")];
    if (industry) {
      return targetOf(industry, "How the industry uses AI, with sources, and the rules that apply");
    }
    return null;
  }

  // What one named thing means: a technology's page (at an anchor), else a rule, term or industry.
  function single(data, name, anchor) {
    var thing = namedThing(data, name);
    var id = lookupExact(data, name);
    if (id) {
      return [techPage(data, id, anchor)];
    }
    if (thing) {
      return [thing];
    }
    id = lookup(data, name);
    if (id) {
      return [techPage(data, id, anchor)];
    }
    var use = useContaining(data, withoutArticle(normalise(name)));
    return use ? [targetOf(use, "How the industry uses it, with its source")] : [];
  }

  function sameSet(ids) {
    var key = ids.slice().sort().join(",");
    return function (entry) { return entry.ids.join(",") === key; };
  }

  function covers(ids) {
    return function (entry) {
      return entry.ids.length > ids.length && ids.every(function (id) { return entry.ids.indexOf(id) !== -1; });
    };
  }

  function comparisonResult(entry) {
    return { url: entry.url, title: entry.title, text: entry.curated ? "The difference, when to choose each, the misconception" : "Side-by-side comparison" };
  }

  // Pages comparing a set: a curated page for exactly the set, then curated group pages that cover it,
  // then the generated page for exactly the set (or the picker with them chosen); then confusions.
  function comparing(data, ids) {
    var exact = data.comparisons.filter(sameSet(ids));
    var groups = data.comparisons.filter(covers(ids)).filter(function (entry) { return entry.curated; });
    var confusions = data.confusions.filter(sameSet(ids)).map(function (entry) {
      return { url: entry.url, title: "Common confusion: " + entry.title, text: "What is true instead, with sources" };
    });
    var curated = exact.filter(function (e) { return e.curated; }).map(comparisonResult);
    var generated = exact.filter(function (e) { return !e.curated; }).map(comparisonResult);
    if (!exact.length) {
      var names = ids.map(function (id) { return data.labels[id]; });
      generated.push({ url: data.picker + "?t=" + ids.join(","), title: names.join(" vs "), text: "Open them side by side" });
    }
    // A curated page for exactly the set, a correction of a confusion about it, curated groups that
    // cover it, then the generated page (or the picker).
    return curated.concat(confusions, groups.map(comparisonResult), generated);
  }

  function pairOf(data, first, second) {
    var ids = technologies(data, [first, second]);
    if (ids) {
      return comparing(data, ids);
    }
    var one = lookup(data, first);
    var other = lookup(data, second);
    return one && one === other ? [techPage(data, one)] : [];
  }

  // "is X a Y": X's page answers (it says what X is part of), unless a curated page compares the two.
  function isA(data, first, second) {
    var one = lookup(data, first);
    var other = lookup(data, second);
    if (!one) {
      return [];
    }
    var curated = other && other !== one ? comparing(data, [one, other]).filter(function (r) { return /difference/.test(r.text); }) : [];
    return curated.slice(0, 1).concat([techPage(data, one)]);
  }

  // "is k-means supervised", "is an llm generative ai": the longest opening that names a technology.
  function isWithoutArticle(data, rest) {
    var words = withoutArticle(rest).split(" ");
    for (var cut = words.length - 1; cut > 0; cut--) {
      var left = words.slice(0, cut).join(" ");
      if (lookupExact(data, left)) {
        return isA(data, left, words.slice(cut).join(" "));
      }
    }
    return [];
  }

  function question(data, kind, first, second) {
    if (kind === "pair") {
      return pairOf(data, first, second);
    }
    if (kind === "is") {
      return isA(data, first, second);
    }
    if (kind === "is-plain") {
      return isWithoutArticle(data, first);
    }
    if (kind === "uses") {
      return single(data, first, "#where-it-is-used");
    }
    if (kind === "works") {
      return single(data, first, "#how-it-works");
    }
    return single(data, first);
  }

  function singular(part) {
    return withoutArticle(part.trim()).replace(/s$/, "");
  }

  // A curated comparison whose title names every part of the query ("ai agents vs chatbots").
  function titleCovering(data, parts) {
    if (parts.length < 2) {
      return null;
    }
    var asked = parts.map(singular);
    var keys = Object.keys(data.titles);
    for (var i = 0; i < keys.length; i++) {
      var named = keys[i].split(SEPARATOR).map(singular);
      if (asked.every(function (part) { return named.indexOf(part) !== -1; })) {
        return data.titles[keys[i]];
      }
    }
    return null;
  }

  // A use case that contains the phrase ("fraud detection" -> "payment fraud detection").
  function useContaining(data, key) {
    if (key.split(" ").length < 2) {
      return null;
    }
    var pattern = new RegExp("(?:^| )" + key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?: |$)");
    for (var i = 0; i < data.uses.length; i++) {
      if (pattern.test(data.uses[i].label)) {
        return data.uses[i];
      }
    }
    return null;
  }

  // The results a query means, best first ([] when it names nothing the data knows).
  function match(data, query) {
    var q = normalise(query.replace(/[?!.]+\s*$/, "").replace(/[‘’]/g, "'"));
    if (!q) {
      return [];
    }
    var title = data.titles[q];
    if (title) {
      return [targetOf(title, "The difference, when to choose each, the misconception")];
    }
    var parts = q.split(SEPARATOR).filter(function (part) { return part.trim(); });
    if (parts.length > 1) {
      var ids = technologies(data, parts);
      if (ids) {
        return comparing(data, ids);
      }
      var titled = titleCovering(data, parts);
      if (titled) {
        return [targetOf(titled, "The difference, when to choose each, the misconception")];
      }
    }
    for (var i = 0; i < QUESTIONS.length; i++) {
      var found = q.match(QUESTIONS[i][0]);
      if (found) {
        var results = question(data, QUESTIONS[i][1], found[1], found[2]);
        if (results.length) {
          return results;
        }
      }
    }
    return single(data, q);
  }

  if (typeof document === "undefined") {
    module.exports = { match: match };
    return;
  }

  // --- in the page -----------------------------------------------------------------------------------
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

  // One result per page: Material's results for a page a shortcut already opens, or repeating an
  // earlier result's page, are hidden.
  function onePerPage(list) {
    var seen = {};
    Array.prototype.forEach.call(list.children, function (item) {
      var anchor = item.querySelector("a");
      if (!anchor) {
        return;
      }
      var path = new URL(anchor.href).pathname;
      item.hidden = Boolean(seen[path]);
      seen[path] = true;
    });
  }

  function render() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || !data) {
      return;
    }
    var found = match(data, input.value);
    var current = Array.prototype.slice.call(list.querySelectorAll(".aicompare-shortcut"));
    var hrefs = found.map(function (entry) { return new URL(entry.url, base()).href; });
    var inPlace = current.length === found.length && current.every(function (item, index) {
      return item.firstElementChild.href === hrefs[index] && list.children[index] === item;
    });
    if (!inPlace) {
      current.forEach(function (item) { item.remove(); });
      found.slice().reverse().forEach(function (entry, index) {
        list.prepend(shortcutItem(entry, hrefs[found.length - 1 - index]));
      });
    }
    onePerPage(list);
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
