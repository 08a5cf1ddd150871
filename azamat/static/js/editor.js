// The application editor: marks a section "dirty" while it has typed text not saved yet, clears the mark
// when its autosave answers "Saved" with nothing typed since, and warns before leaving the page while any
// section is dirty. The form's data-dirty attribute says whether the warning is armed. Without JavaScript
// every button of the one form saves all sections, so nothing typed is lost either way.
(function () {
  "use strict";
  var edits = 0;

  function sync(form) {
    var dirty = form.querySelector(".autosave[data-dirty='true']") !== null;
    form.dataset.dirty = dirty ? "true" : "false";
  }

  function typed(event) {
    var section = event.target.closest && event.target.closest("form[data-unsaved-warning] .autosave");
    if (!section) { return; }
    edits += 1;
    section.dataset.dirty = "true";
    section.dataset.edits = String(edits);
    sync(section.closest("form"));
  }

  document.addEventListener("input", typed);
  document.addEventListener("change", typed);

  var pending = 0;
  var waitingSubmit = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    var section = event.detail.elt;
    if (!section.classList || !section.classList.contains("autosave")) { return; }
    // Once the whole form is on its way, an autosave would race it and add the same new rows twice.
    if (section.closest("form").dataset.submitting === "true") {
      event.preventDefault();
      return;
    }
    pending += 1;
    section.dataset.sent = section.dataset.edits || "0";
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var section = event.detail.elt;
    if (!section.classList || !section.classList.contains("autosave")) { return; }
    pending = Math.max(0, pending - 1);
    if (pending === 0 && waitingSubmit) {
      // The autosave told the new rows their ids: now the whole form can go without adding them again.
      var waiting = waitingSubmit;
      waitingSubmit = null;
      waiting.form.requestSubmit(waiting.submitter);
      return;
    }
    if (!event.detail.successful) { return; }
    var saved = event.detail.xhr.responseText.indexOf("data-saved=") !== -1;
    // Typing since the request was sent is still unsaved; its own autosave is on the way.
    if (saved && (section.dataset.edits || "0") === section.dataset.sent) {
      section.dataset.dirty = "false";
    }
    sync(section.closest("form"));
  });

  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[data-unsaved-warning]")) {
      if (pending > 0) {
        event.preventDefault();
        waitingSubmit = { form: event.target, submitter: event.submitter || null };
        return;
      }
      event.target.dataset.submitting = "true";
      event.target.dataset.dirty = "false";
      event.target.querySelectorAll(".autosave").forEach(function (section) { section.dataset.dirty = "false"; });
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("form[data-unsaved-warning][data-dirty='true']")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
