/*
 * "Cite this page": a Copy button beside each format copies the citation that follows it.
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-cite-copy]");
    if (!button) {
      return;
    }
    var label = button.closest("p");
    var next = label && label.nextElementSibling;
    var code = next && next.querySelector("code");
    if (!code || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(code.textContent.replace(/\n$/, "")).then(function () {
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
    });
  });
})();
