/* Make every table with class "sortable" sortable by clicking its headers (Tablesort, shipped locally). */
document$.subscribe(function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    new Tablesort(table);
  });
});
