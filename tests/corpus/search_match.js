// Runs the search shortcut matcher on a list of queries: node search_match.js shortcuts.json < queries.json
// prints, for each query, the URL of the first result ("" when the shortcuts have none).
"use strict";
var fs = require("fs");
var path = require("path");
var matcher = require(path.join(__dirname, "../../docs/assets/javascripts/search-shortcuts.js"));
var data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
var queries = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(queries.map(function (query) {
  var results = matcher.match(data, query);
  return results.length ? results[0].url : "";
})));
