// The search page: Pagefind's interface over the index `okr build` made (generator/search.py).
// Opened from a folder (file://) a browser blocks the index, so the page says how to search.
(function () {
  var note = document.getElementById("search-offline");
  var box = document.getElementById("search");
  if (!box) return;
  if (location.protocol === "file:" || typeof PagefindUI === "undefined") {
    note.hidden = false;
    return;
  }
  // results link from the site's root, wherever it is served (a sub-path, directory URLs)
  var root = new URL(box.getAttribute("data-root"), location.href).pathname.replace(/[^/]*$/, "");
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: root,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    translations: { placeholder: box.getAttribute("data-placeholder") },
  });
  // Pagefind's box has a title only; a label names it for screen readers
  var input = box.querySelector("input");
  if (input) input.setAttribute("aria-label", box.getAttribute("data-placeholder"));
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
