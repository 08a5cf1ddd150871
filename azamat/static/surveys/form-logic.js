/* Skip logic and constraints of a survey page, live in the browser. The server renders every question of the
 * page with its rules as small syntax trees in data attributes (engine.page_fields → surveys/engine/_page.html):
 * data-relevant, data-constraint (+ data-constraint-message), data-required; answers from other pages are in
 * the page's data-survey-values. This file only shows/hides questions and shows messages early: the server
 * checks everything again on submit. No dependencies, no eval. */
(function () {
  "use strict";

  function parseNumber(text) {
    var value = String(text).replace(/[\s\u00a0\u202f\u2009\u2007₸]/g, "").replace("\u2212", "-");
    if (value === "") return NaN;
    var comma = value.lastIndexOf(","), dot = value.lastIndexOf(".");
    if (comma >= 0 && dot >= 0) {
      var decimal = comma > dot ? "," : ".";
      var group = decimal === "," ? "." : ",";
      value = value.split(group).join("").replace(decimal, ".");
    } else if (comma >= 0) {
      value = value.split(",").length > 2 ? value.split(",").join("") : value.replace(",", ".");
    } else if (value.split(".").length > 2) {
      value = value.split(".").join("");
    }
    return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? parseFloat(value) : NaN;
  }

  function isDate(v) { return /^\d{4}-\d{2}-\d{2}$/.test(String(v)); }
  function days(v) {
    if (v instanceof Date) return Math.floor(v.getTime() / 86400000);
    if (isDate(v)) return Math.floor(Date.UTC(+v.slice(0, 4), +v.slice(5, 7) - 1, +v.slice(8, 10)) / 86400000);
    return NaN;
  }
  function str(v) {
    if (v === true) return "true";
    if (v === false) return "false";
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === "number") return isNaN(v) ? "NaN" : String(v);
    return v == null ? "" : String(v);
  }
  function num(v) {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v instanceof Date || isDate(v)) return days(v);
    return parseNumber(v);
  }
  function bool(v) {
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return !(v === 0 || isNaN(v));
    if (v instanceof Date) return true;
    return str(v) !== "";
  }
  function compare(op, a, b) {
    if (a instanceof Date || b instanceof Date) { a = days(a); b = days(b); }
    else if (op === "=" || op === "!=") {
      var eq;
      if (typeof a === "boolean" || typeof b === "boolean") eq = bool(a) === bool(b);
      else if (typeof a === "number" || typeof b === "number") eq = num(a) === num(b);
      else eq = str(a) === str(b);
      return op === "=" ? eq : !eq;
    } else { a = num(a); b = num(b); }
    switch (op) {
      case "=": return a === b;
      case "!=": return a !== b;
      case "<": return a < b;
      case "<=": return a <= b;
      case ">": return a > b;
      case ">=": return a >= b;
    }
    return false;
  }

  var FUNCTIONS = {
    "true": function () { return true; },
    "false": function () { return false; },
    "not": function (a) { return !bool(a); },
    "boolean": function (a) { return bool(a); },
    "boolean-from-string": function (a) { var s = str(a).trim().toLowerCase(); return s === "true" || s === "1"; },
    "string": function (a) { return str(a); },
    "number": function (a) { return num(a); },
    "int": function (a) { var n = num(a); return isFinite(n) ? Math.trunc(n) : n; },
    "round": function (a, d) { var f = Math.pow(10, d === undefined ? 0 : num(d)); return Math.floor(num(a) * f + 0.5) / f; },
    "floor": function (a) { return Math.floor(num(a)); },
    "ceiling": function (a) { return Math.ceil(num(a)); },
    "abs": function (a) { return Math.abs(num(a)); },
    "selected": function (a, b) { return str(a).split(/\s+/).indexOf(str(b).trim()) >= 0; },
    "count-selected": function (a) { var s = str(a).trim(); return s ? s.split(/\s+/).length : 0; },
    "string-length": function (a) { return str(a).length; },
    "regex": function (a, b) { try { return new RegExp(str(b)).test(str(a)); } catch (e) { return true; } },
    "concat": function () { return Array.prototype.map.call(arguments, str).join(""); },
    "if": function (c, a, b) { return bool(c) ? a : b; },
    "coalesce": function (a, b) { return str(a) !== "" ? a : b; },
    "contains": function (a, b) { return str(a).indexOf(str(b)) >= 0; },
    "starts-with": function (a, b) { return str(a).indexOf(str(b)) === 0; },
    "ends-with": function (a, b) { a = str(a); b = str(b); return a.slice(a.length - b.length) === b; },
    "today": function () { var d = new Date(); return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())); },
    "date": function (a) { return isDate(str(a).slice(0, 10)) ? new Date(str(a).slice(0, 10) + "T00:00:00Z") : ""; }
  };

  function evaluate(tree, ctx) {
    switch (tree[0]) {
      case "num": return tree[1];
      case "str": return tree[1];
      case "ref": return ctx.lookup(tree[1]);
      case "self": return ctx.current;
      case "neg": return -num(evaluate(tree[1], ctx));
      case "call":
        var fn = FUNCTIONS[tree[1]];
        if (!fn) throw new Error("unknown");
        return fn.apply(null, tree[2].map(function (t) { return evaluate(t, ctx); }));
      case "op":
        var op = tree[1];
        if (op === "or") return bool(evaluate(tree[2], ctx)) || bool(evaluate(tree[3], ctx));
        if (op === "and") return bool(evaluate(tree[2], ctx)) && bool(evaluate(tree[3], ctx));
        var a = evaluate(tree[2], ctx), b = evaluate(tree[3], ctx);
        if (["=", "!=", "<", "<=", ">", ">="].indexOf(op) >= 0) return compare(op, a, b);
        a = num(a); b = num(b);
        if (op === "+") return a + b;
        if (op === "-") return a - b;
        if (op === "*") return a * b;
        if (op === "div") return a / b;
        if (op === "mod") return a % b;
    }
    throw new Error("unknown");
  }

  function valueOf(form, name) {
    var inputs = form.querySelectorAll('[name="' + name.replace(/"/g, "") + '"]');
    if (!inputs.length) return null;
    var picked = [];
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "hidden" && input.hasAttribute("data-shown")) continue;
      if (input.type === "checkbox" || input.type === "radio") { if (input.checked) picked.push(input.value); }
      else picked.push(input.value);
    }
    return picked.join(" ");
  }

  function setup(page) {
    var form = page.closest("form") || page;
    var outside = {};
    try { outside = JSON.parse(page.getAttribute("data-survey-values") || "{}"); } catch (e) { outside = {}; }

    function contextFor(box) {
      var holder = box.closest("[data-repeat-prefix]");
      var prefix = holder ? holder.getAttribute("data-repeat-prefix") : "";
      var own = box.getAttribute("data-field");
      return {
        current: valueOf(form, own) || "",
        lookup: function (name) {
          var value = prefix ? valueOf(form, prefix + name) : null;
          if (value === null) value = valueOf(form, name);
          if (value === null) value = outside.hasOwnProperty(name) ? outside[name] : "";
          return value;
        }
      };
    }

    function rule(box, attribute) {
      var text = box.getAttribute(attribute);
      if (!text) return null;
      try { return JSON.parse(text); } catch (e) { return null; }
    }

    function showMessage(box, message) {
      var error = box.querySelector("[data-error]");
      if (!error) return;
      error.textContent = message || "";
      error.hidden = !message;
      var input = box.querySelector("input:not([type=hidden]), select, textarea");
      if (input && input.type !== "checkbox" && input.type !== "radio") {
        if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      }
    }

    function refresh(changed) {
      var boxes = page.querySelectorAll("[data-field]");
      for (var i = 0; i < boxes.length; i++) {
        var box = boxes[i];
        var relevant = rule(box, "data-relevant");
        if (relevant) {
          var show;
          try { show = bool(evaluate(relevant, contextFor(box))); } catch (e) { show = null; }
          if (show !== null) box.hidden = !show;
        }
      }
      for (var j = 0; j < boxes.length; j++) {
        // A question posts "_shown" when it and its groups are visible, so the server knows what was asked.
        var visible = !boxes[j].closest("[data-field][hidden]");
        var marker = boxes[j].querySelector(":scope > [data-shown]");
        if (marker) marker.disabled = !visible;
      }
      for (var k = 0; k < boxes.length; k++) {
        box = boxes[k];
        var constraint = rule(box, "data-constraint");
        if (constraint && changed && box.contains(changed) && !box.hidden) {
          var ctx = contextFor(box);
          var ok = true;
          if (ctx.current !== "") {
            try { ok = bool(evaluate(constraint, ctx)); } catch (e) { ok = true; }
          }
          showMessage(box, ok ? "" : box.getAttribute("data-constraint-message"));
        }
      }
    }

    form.addEventListener("input", function (event) { refresh(event.target); });
    form.addEventListener("change", function (event) { refresh(event.target); });
    refresh(null);
  }

  function start() {
    var pages = document.querySelectorAll("[data-survey-page]");
    for (var i = 0; i < pages.length; i++) setup(pages[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
