// Typed text is not lost unnoticed, on every page: while a form (POST) has changes not sent, leaving the page
// asks first with the browser's own question — a link, closing the tab, or another form's button (a page of
// several forms, such as a meeting's record: adding an agenda item reloads the page and would drop the minutes
// typed beside it). Sending the form itself, or an htmx form that answered, is not leaving it. The application
// editor keeps its own, finer warning (js/editor.js, data-unsaved-warning).
(function () {
  "use strict";
  var changed = new Set();
  var sending = null;

  function watched(form) {
    return form && (form.getAttribute("method") || "").toLowerCase() === "post" && !form.hasAttribute("data-unsaved-warning");
  }

  function selectChanged(select) {
    var options = Array.from(select.options);
    if (select.multiple) { return options.some(function (o) { return o.selected !== o.defaultSelected; }); }
    var initial = options.findIndex(function (o) { return o.defaultSelected; });
    return select.selectedIndex !== (initial === -1 ? 0 : initial);
  }

  // Typed and then erased is not a change: each field against the value the page came with.
  function differs(form) {
    return Array.from(form.elements).some(function (field) {
      if (field.disabled) { return false; }
      if (field.type === "checkbox" || field.type === "radio") { return field.checked !== field.defaultChecked; }
      if (field.tagName === "SELECT") { return selectChanged(field); }
      if (field.type === "file") { return field.files !== null && field.files.length > 0; }
      if (field.tagName === "TEXTAREA" || (field.tagName === "INPUT" && field.type !== "hidden")) {
        return field.value !== field.defaultValue;
      }
      return false;
    });
  }

  function typed(event) {
    var form = event.target.form;
    if (watched(form)) { changed.add(form); }
  }

  document.addEventListener("input", typed);
  document.addEventListener("change", typed);
  document.addEventListener("submit", function (event) { sending = event.target; });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form && event.detail.successful) { changed.delete(form); }
    if (sending === form) { sending = null; }
  });

  window.addEventListener("beforeunload", function (event) {
    var unsent = Array.from(changed).some(function (form) { return form !== sending && form.isConnected && differs(form); });
    if (unsent) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
