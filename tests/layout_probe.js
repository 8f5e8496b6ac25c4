/* Layout measurements for tests/test_browser_layout.py, injected into a page.
 *
 * Each function returns a list of problems as short strings (empty when all is
 * well), so a failing test names every offending element at once.
 */
window.CourseGenLayoutProbe = (function () {
  "use strict";

  var TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], " +
                "[role=button], [tabindex]:not([tabindex='-1'])";

  function describe(node) {
    var text = (node.getAttribute("aria-label") || node.textContent || node.value || "").replace(/\s+/g, " ").trim();
    var cls = typeof node.className === "string" && node.className ? "." + node.className.trim().split(/\s+/).join(".") : "";
    return node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + cls + (text ? " “" + text.slice(0, 24) + "”" : "");
  }

  /* Rendered and perceivable: not display:none, hidden, transparent or clipped to a pixel. */
  function shown(node) {
    var rect = node.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false;
    for (var n = node; n && n.nodeType === 1; n = n.parentElement) {
      var style = getComputedStyle(n);
      if (style.display === "none" || Number(style.opacity) === 0) return false;
      if (n === node && style.visibility !== "visible") return false;
      if (style.clipPath === "inset(50%)" || style.clip === "rect(0px, 0px, 0px, 0px)") return false;
    }
    return true;
  }

  function viewportWidth() {
    return document.documentElement.clientWidth;
  }

  function offCanvas(rect) {
    return rect.right <= 0 || rect.left >= viewportWidth() || rect.bottom <= -5000;
  }

  /* A scroll container that says it scrolls: our cue class, with its hint shown. */
  function showsItScrolls(scroller) {
    var cue = scroller.closest(".cg-scroll--more");
    if (!cue) return false;
    var hint = cue.querySelector(".cg-scroll__hint");
    return Boolean(hint && shown(hint));
  }

  /* Everything that sticks out of the viewport sideways, except what sits in a
     scroll container showing a cue (and off-canvas panels such as a closed drawer). */
  function overflow() {
    var width = viewportWidth();
    var problems = [];
    var reported = [];
    document.body.querySelectorAll("*").forEach(function (node) {
      var rect = node.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return;
      if (rect.left >= -0.5 && rect.right <= width + 0.5) return;
      if (offCanvas(rect) || !shown(node)) return;
      if (reported.some(function (r) { return r.contains(node); })) return;
      for (var a = node.parentElement; a && a !== document.body; a = a.parentElement) {
        var ox = getComputedStyle(a).overflowX;
        if (ox === "auto" || ox === "scroll") {
          if (a.scrollWidth > a.clientWidth + 1 && !showsItScrolls(a)) {
            if (reported.indexOf(a) < 0) {
              reported.push(a);
              problems.push("scrolls sideways with no cue: " + describe(a));
            }
          }
          return;
        }
        if (ox === "hidden" || ox === "clip") {
          var box = a.getBoundingClientRect();
          if (offCanvas(box) || (box.left >= -0.5 && box.right <= width + 0.5)) return;
        }
      }
      reported.push(node);
      problems.push("sticks out of the " + width + " px viewport (" + Math.round(rect.left) + "…" +
                    Math.round(rect.right) + "): " + describe(node));
    });
    return problems;
  }

  /* A link inside running text: its size is set by the line of text around it. */
  function inlineTextLink(node) {
    if (node.tagName !== "A" || getComputedStyle(node).display !== "inline") return false;
    for (var block = node.parentElement; block; block = block.parentElement) {
      if (getComputedStyle(block).display !== "inline") break;
    }
    return Boolean(block && block.closest("article"));
  }

  /* The area a tap hits: an input's label counts as part of it. */
  function targetRect(node) {
    var rect = node.getBoundingClientRect();
    var best = { width: rect.width, height: rect.height };
    (node.labels ? Array.prototype.slice.call(node.labels) : []).forEach(function (label) {
      var r = label.getBoundingClientRect();
      if (r.width * r.height > best.width * best.height) best = { width: r.width, height: r.height };
    });
    return best;
  }

  function smallTargets(minimum) {
    var problems = [];
    document.querySelectorAll(TARGETS).forEach(function (node) {
      var rect = node.getBoundingClientRect();
      if (offCanvas(rect) || inlineTextLink(node)) return;
      var target = targetRect(node);
      if (target.width <= 1 && target.height <= 1) return;
      if (!shown(node) && !(node.labels && node.labels.length)) return;
      if (target.width + 0.5 < minimum || target.height + 0.5 < minimum) {
        problems.push(Math.round(target.width) + "×" + Math.round(target.height) + " " + describe(node));
      }
    });
    return problems;
  }

  /* Every piece of text a learner reads in the page's content. */
  function smallText(minimum, scope) {
    var problems = [];
    var root = document.querySelector(scope || "article");
    if (!root) return ["no " + (scope || "article") + " on the page"];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var seen = [];
    for (var text = walker.nextNode(); text; text = walker.nextNode()) {
      if (!text.nodeValue.trim()) continue;
      var parent = text.parentElement;
      if (seen.indexOf(parent) >= 0 || !shown(parent)) continue;
      seen.push(parent);
      var size = parseFloat(getComputedStyle(parent).fontSize);
      if (size + 0.01 < minimum) problems.push(size + "px " + describe(parent));
    }
    return problems;
  }

  return { overflow: overflow, smallTargets: smallTargets, smallText: smallText, describe: describe, shown: shown };
})();
