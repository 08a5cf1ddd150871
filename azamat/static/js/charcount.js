// Adds a live count of the characters left to the "At most 2 000 characters" note under a textarea. Without
// JavaScript the note stays as it is, and the server refuses a longer text with a message in the page's
// language. Not announced on every keystroke (no aria-live): the note is the textarea's description.
(function () {
  "use strict";
  // Grouped as the note beside it writes numbers (core.numbers.format_number: "10 000" in kk and ru, "10,000" in
  // en), with the separator the server gives (data-group): Intl's data for Kazakh is missing in Chromium, and
  // Russian's own rule leaves four digits ungrouped ("5000").
  function written(number, group) {
    var digits = String(Math.abs(number)).replace(/\B(?=(\d{3})+(?!\d))/g, group);
    return (number < 0 ? "\u2212" : "") + digits;
  }
  function attach(note) {
    var field = document.getElementById(note.id.replace(/_limit$/, ""));
    if (!field || field.dataset.charcount) { return; }
    field.dataset.charcount = "1";
    var limit = parseInt(note.dataset.limit, 10);
    var count = document.createElement("span");
    count.className = "charcount";
    note.appendChild(document.createTextNode(" "));
    note.appendChild(count);
    function update() {
      count.textContent = note.dataset.left + " " + written(limit - field.value.length, note.dataset.group || "");
    }
    field.addEventListener("input", update);
    update();
  }
  function init(root) {
    root.querySelectorAll(".charlimit[data-limit]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
