// Filter and sort the site's tables. Each is a plain table without JavaScript; a table marked
// `data-enhance` gets a filter box (rows whose text holds every word typed: a status, a tag,
// a team, an owner) and headers that sort it (numbers as numbers, then text).
(function () {
  var me = document.currentScript;
  var words = { filter: me.getAttribute("data-filter"), shown: me.getAttribute("data-shown") };
  function cellKey(row, i) {
    var cell = row.cells[i];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent).trim() : "";
  }
  function number(text) {
    var m = text.replace(/[\s,]/g, "").match(/^[+\u2212-]?\d+(\.\d+)?/);
    return m ? parseFloat(m[0].replace("\u2212", "-")) : null;
  }
  function compare(a, b) {
    var x = number(a), y = number(b);
    if (x !== null && y !== null && x !== y) return x - y;
    if (x !== null && y === null) return -1;
    if (x === null && y !== null) return 1;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }
  document.querySelectorAll("table[data-enhance]").forEach(function (table, n) {
    var body = table.tBodies[0];
    if (!body || !table.tHead || body.rows.length < 2) return;
    var rows = Array.prototype.slice.call(body.rows);
    var anchor = table.closest(".table-wrap") || table;
    var box = document.createElement("div");
    box.className = "table-filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = "filter-" + n;
    label.htmlFor = input.id;
    label.textContent = words.filter;
    var count = document.createElement("span");
    count.className = "muted small";
    count.setAttribute("aria-live", "polite");
    box.append(label, input, count);
    anchor.parentNode.insertBefore(box, anchor);
    input.addEventListener("input", function () {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var hit = terms.every(function (t) { return text.indexOf(t) >= 0; });
        row.hidden = !hit;
        shown += hit ? 1 : 0;
      });
      count.textContent = terms.length ? words.shown.replace("{n}", shown).replace("{m}", rows.length) : "";
    });
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        rows.slice().sort(function (a, b) {
          var c = compare(cellKey(a, i), cellKey(b, i));
          return up ? c : -c;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
