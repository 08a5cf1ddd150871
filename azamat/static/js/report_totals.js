// The annual report's live totals: as amounts are typed, each income and expenditure section shows what its lines
// add up to (numbers typed as `1 234,50`). Without JavaScript the page shows the saved sums and the server checks.
(function () {
  "use strict";
  function parse(text) {
    var value = (text || "").replace(/[\s\u00a0\u202f]/g, "");
    if (!value) return 0;
    if (value.indexOf(",") >= 0 && value.indexOf(".") < 0) value = value.replace(",", ".");
    else value = value.replace(/,/g, "");
    var number = Number(value);
    return isFinite(number) ? number : NaN;
  }
  function format(number) {
    var parts = number.toFixed(2).split(".");
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0") + "," + parts[1];
  }
  function update(prefix) {
    var table = document.querySelector('table[data-lines="' + prefix + '"]');
    var output = document.querySelector('[data-sum-of="' + prefix + '"]');
    if (!table || !output) return;
    var sum = 0;
    var bad = false;
    table.querySelectorAll('input[name$="-amount"]').forEach(function (input) {
      var row = input.closest("tr");
      var remove = row && row.querySelector('input[name$="-DELETE"]');
      if (remove && remove.checked) return;
      var value = parse(input.value);
      if (isNaN(value)) bad = true;
      else sum += value;
    });
    output.textContent = (output.getAttribute("data-label") || "") + (bad ? "…" : format(sum) + " ₸");
  }
  ["income", "expenses"].forEach(function (prefix) {
    var output = document.querySelector('[data-sum-of="' + prefix + '"]');
    if (!output) return;
    output.setAttribute("data-label", output.getAttribute("data-live-label") || "");
    var table = document.querySelector('table[data-lines="' + prefix + '"]');
    if (table) {
      table.addEventListener("input", function () { update(prefix); });
      table.addEventListener("change", function () { update(prefix); });
    }
  });
})();
