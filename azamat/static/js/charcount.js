// Adds a live count of the characters left to the "At most 2 000 characters" note under a textarea. Without
// JavaScript the note stays as it is, and the server refuses a longer text with a message in the page's
// language. Not announced on every keystroke (no aria-live): the note is the textarea's description.
// Where the count runs, the textarea's `maxlength` goes: with it the browser silently cut a pasted text at the
// limit and the rest was lost unseen. The whole text stays, the count says how many characters are too many,
// one announcement (aria-live) says so once when the limit is crossed, and the server refuses it until it is
// shortened (as the GOV.UK design system's character count does).
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
    field.removeAttribute("maxlength");
    var count = document.createElement("span");
    count.className = "charcount";
    note.appendChild(document.createTextNode(" "));
    note.appendChild(count);
    var alert = document.createElement("span");
    alert.className = "charcount-over";
    alert.setAttribute("aria-live", "polite");
    note.appendChild(alert);
    var over = false;
    function update() {
      var left = limit - field.value.length;
      count.textContent = left < 0
        ? note.dataset.over + " " + written(-left, note.dataset.group || "")
        : note.dataset.left + " " + written(left, note.dataset.group || "");
      count.classList.toggle("charcount--over", left < 0);
      if ((left < 0) !== over) {
        over = left < 0;
        alert.textContent = over ? " " + note.dataset.overNote : "";
      }
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
