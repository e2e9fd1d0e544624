// wcit-data site: filter and sort row tables, mark the cited passage the URL points to. No dependencies.
(function () {
  "use strict";

  function rowsOf(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }

  function setupFilter(input) {
    var table = document.getElementById(input.dataset.table);
    var counter = document.querySelector('.row-count[data-table="' + input.dataset.table + '"]');
    var rows = rowsOf(table);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    function apply() {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var keep = terms.every(function (t) { return texts[i].indexOf(t) !== -1; });
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      if (counter) { counter.textContent = shown + " of " + rows.length + " rows"; }
    }
    input.addEventListener("input", apply);
    window.addEventListener("hashchange", function () {  // a link to a hidden row clears the filter
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target && target.hidden) { input.value = ""; apply(); target.scrollIntoView(); }
    });
    apply();
  }

  function cellValue(row, index) { return row.cells[index] ? row.cells[index].textContent.trim() : ""; }

  function setupSort(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.tabIndex = 0;
      th.title = "Sort by this column";
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = rowsOf(table);
        var numeric = rows.every(function (r) { var v = cellValue(r, index); return v === "" || !isNaN(Number(v)); });
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index), d;
          if (x === "" || y === "") { d = (x === "") - (y === ""); return d; }  // blanks last either way
          d = numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true });
          return ascending ? d : -d;
        });
        var body = table.tBodies[0];
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });
  }

  function markCurrentPassage() {
    var id = location.hash.slice(1);
    Array.prototype.forEach.call(document.querySelectorAll("mark.ev.current"), function (m) { m.classList.remove("current"); });
    if (id.indexOf("ev-") !== 0) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("mark.ev"), function (m) {
      if ((" " + m.dataset.ev + " ").indexOf(" " + id + " ") !== -1) { m.classList.add("current"); }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input.row-filter"), setupFilter);
  Array.prototype.forEach.call(document.querySelectorAll("table.rows"), setupSort);
  window.addEventListener("hashchange", markCurrentPassage);
  markCurrentPassage();
}());
