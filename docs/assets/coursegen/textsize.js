/* coursegen: the reader's text size (标准 / 大 / 特大), remembered in this browser.
 *
 * Loaded in the page's <head>, so a saved size applies before anything is
 * drawn (no jump after loading). The page holds an empty `.cg-textsize`
 * placeholder where the switch belongs; this script fills it in.
 * The choice has its own small localStorage key, apart from learning records.
 * When storage is blocked or holds something else, the page uses 标准 and a
 * choice lasts until the page is left. coursegen.css scales the text by the
 * attribute on <html>.
 */
(function () {
  "use strict";

  var KEY = "coursegen:textsize";
  var ATTRIBUTE = "data-cg-text";
  var SIZES = [
    { id: "normal", label: "标准" },
    { id: "large", label: "大" },
    { id: "x-large", label: "特大" },
  ];
  var html = document.documentElement;

  function known(id) {
    return SIZES.some(function (size) { return size.id === id; });
  }

  function saved() {
    try {
      var value = window.localStorage.getItem(KEY);
      return known(value) ? value : "normal";
    } catch (e) {
      return "normal";
    }
  }

  function save(id) {
    try {
      if (id === "normal") window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, id);
    } catch (e) { /* blocked: the choice holds for this page */ }
  }

  var current = "normal";

  function apply(id) {
    current = id;
    if (id === "normal") html.removeAttribute(ATTRIBUTE);
    else html.setAttribute(ATTRIBUTE, id);
    document.querySelectorAll(".cg-textsize__option").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === id));
    });
  }

  function build(holder) {
    holder.textContent = "";
    holder.setAttribute("role", "group");
    holder.setAttribute("aria-label", "字号");
    var label = document.createElement("span");
    label.className = "cg-textsize__label";
    label.setAttribute("aria-hidden", "true");
    label.textContent = "字号";
    holder.appendChild(label);
    SIZES.forEach(function (size) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cg-textsize__option";
      button.setAttribute("data-size", size.id);
      button.textContent = size.label;
      button.addEventListener("click", function () {
        apply(size.id);
        save(size.id);
      });
      holder.appendChild(button);
    });
    holder.classList.add("cg-textsize--ready");
    holder.hidden = false;
  }

  function init() {
    document.querySelectorAll(".cg-textsize:not(.cg-textsize--ready)").forEach(build);
    apply(current);
  }

  apply(saved());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  // material's instant navigation swaps the page without loading it again.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  });
  // A choice made in another tab of the same site shows here too.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) apply(known(event.newValue) ? event.newValue : "normal");
  });
})();
