/* coursegen: search the pages of this course, or of every course in the catalog.
 *
 * Any run of characters that occurs in a page finds it, so a part of a term
 * (双责 in 一岗双责) works. Pages that hold the whole query come first; among
 * them the page that defines the term, whole words before parts of words, then
 * lessons before parts, concept and closing, glossary, checklists and quizzes.
 * A question that no page holds word for word is cut into the words of the
 * index and ranked by how much of it a page covers.
 *
 * The index (search/index.js beside each course, written at build time) is a
 * script, because pages opened from file:// may load scripts but not fetch
 * files. The catalog's index lists the courses; their indexes are loaded only
 * when someone searches all courses. The widget is our own element, mounted in
 * whatever header the theme has, so it does not depend on one engine's DOM.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.CourseGenSearch) return;
  var store = window.CourseGenStore;
  var el = store.el;
  var ROOT = new URL("../../", script.src).href; // this script lives in <site>/assets/coursegen/
  var INDEX = "search/index.js";
  var BREAK = "\u200b"; // the index marks word boundaries between two letters with it
  var ALNUM = /[\p{L}\p{N}]/u;
  var SEPARATORS = /[\s\p{P}\p{S}]+/u;
  // Words of a question, left out when a question is cut into the words that pages hold.
  var QUESTION_WORDS = ["怎么办", "怎么样", "为什么", "是什么", "什么是", "有哪些", "是不是", "有没有", "如何", "怎样",
    "怎么", "什么", "哪些", "哪个", "哪里", "为何", "是否", "能否", "可以", "应该", "应当", "需要", "请问", "一下",
    "我们", "这个", "那个", "还有", "以及", "关于"];
  var PAGE_SIZE = 20;
  var SNIPPET = 90;

  /* ---------- loading indexes ---------- */

  var loads = {};
  var waiting = {};

  /* Called by each index script as it runs; document.currentScript says which one it is. */
  window.coursegenSearchData = function (data) {
    var current = document.currentScript;
    if (current && waiting[current.src]) waiting[current.src](data);
  };

  function loadSite(base) {
    var url = new URL(INDEX, base).href;
    if (!loads[url]) {
      loads[url] = new Promise(function (resolve) {
        var node = document.createElement("script");
        var done = function (data) {
          delete waiting[url];
          resolve(data && Array.isArray(data.pages) ? prepare(data, base) : null);
        };
        waiting[url] = done;
        node.onload = function () { if (waiting[url]) done(null); };
        node.onerror = function () { done(null); };
        node.src = url;
        document.head.appendChild(node);
      });
    }
    return loads[url];
  }

  /* Case and full-width letters do not matter; the length never changes, so positions stay valid. */
  function fold(text) {
    var low = text.toLowerCase();
    if (low.length !== text.length) low = text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
    return low.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ");
  }

  function field(marked) {
    var plain = marked.indexOf(BREAK) < 0 ? marked : marked.split(BREAK).join("");
    return { marked: marked, plain: plain, low: fold(plain), breaks: null };
  }

  function prepare(data, base) {
    var site = { id: data.id, title: data.title || "", courses: data.courses || null, catalog: data.catalog || null,
      pages: [] };
    data.pages.forEach(function (p, order) {
      var title = field(p.t);
      site.pages.push({
        site: site, order: order, url: new URL(p.u, base).href, rank: p.r, shared: !!p.h,
        title: title, names: p.l ? [title, field(p.l)] : [title], defs: (p.d || []).map(fold),
        sections: p.s.map(function (s) { return { anchor: s[0], heading: field(s[1]), text: field(s[2]) }; }),
      });
    });
    return site;
  }

  /* ---------- matching and ranking ---------- */

  function boundary(f, i) {
    if (i <= 0 || i >= f.plain.length) return true;
    if (!f.breaks) {
      f.breaks = new Uint8Array(f.plain.length + 1);
      for (var k = 0, at = 0; k < f.marked.length; k++) {
        if (f.marked[k] === BREAK) f.breaks[at] = 1;
        else at++;
      }
    }
    return f.breaks[i] === 1 || !ALNUM.test(f.plain[i - 1]) || !ALNUM.test(f.plain[i]);
  }

  /* Where ``term`` occurs in a field: how often (up to 6) and whether once as a whole word. */
  function occurrences(f, term) {
    var count = 0, whole = false;
    for (var at = f.low.indexOf(term); at >= 0 && count < 6; at = f.low.indexOf(term, at + term.length)) {
      count++;
      whole = whole || (boundary(f, at) && boundary(f, at + term.length));
    }
    return { count: count, whole: whole };
  }

  function matchTerm(page, term) {
    var title = { count: 0, whole: false };
    page.names.forEach(function (name) { // the page's title and its label in the navigation
      var o = occurrences(name, term);
      title.count += o.count;
      title.whole = title.whole || o.whole;
    });
    var hit = { found: title.count > 0, title: title.count > 0, whole: title.whole, score: 0, sections: {} };
    var defines = page.defs.indexOf(term) >= 0 ? 2 : page.defs.some(function (d) { return d.indexOf(term) >= 0; }) ? 1 : 0;
    page.sections.forEach(function (s, i) {
      var h = occurrences(s.heading, term), t = occurrences(s.text, term);
      if (!h.count && !t.count) return;
      var score = 3 * (h.count > 0) + h.whole + t.count / 2 + t.whole;
      hit.found = true;
      hit.whole = hit.whole || h.whole || t.whole;
      hit.score += score;
      hit.sections[i] = score;
    });
    if (!hit.found && !defines) return null;
    hit.whole = hit.whole || defines === 2;
    hit.defines = defines;
    hit.score += 6 * (title.count > 0) + 2 * title.whole + 5 * (defines === 1);
    return hit;
  }

  /* A page's title or label equal to the query, or its part before "：" (术语表, 教案, 综合测试). */
  function titleIs(page, query) {
    return page.names.some(function (name) {
      var head = name.low.split(/[：:]/)[0].replace(/[\s\p{P}\p{S}\d]+/gu, "");
      return name.low.replace(/[\s\p{P}\p{S}]+/gu, "") === query || head === query;
    });
  }

  /* The pages' words (as the index cut them) and all their text, folded, for cutting questions. */
  function vocabulary(pages) {
    var words = new Set(), parts = [];
    pages.forEach(function (page) {
      var fields = page.names.slice();
      page.sections.forEach(function (s) { fields.push(s.heading, s.text); });
      fields.forEach(function (f) {
        parts.push(f.low);
        fold(f.marked).split(/[^\p{L}\p{N}]+|\u200b/u).forEach(function (w) { if (w.length > 1) words.add(w); });
      });
    });
    return { words: words, text: parts.join("\n") };
  }

  /* A chunk no page holds as a whole (a question, mostly): without its question words, cut into
     the fewest words of the pages; neighbours that some page holds together stay together. Unless
     those words make up more than half of it, nothing is found (回归测试 is not about 测试). */
  function cutChunk(chunk, vocab) {
    var terms = [];
    QUESTION_WORDS.forEach(function (word) { chunk = chunk.split(word).join(" "); });
    var length = chunk.replace(/ /g, "").length;
    chunk.split(" ").forEach(function (piece) {
      var best = [[]];
      for (var end = 1; end <= piece.length; end++) {
        best[end] = null;
        for (var start = Math.max(0, end - 12); start < end; start++) {
          var part = piece.slice(start, end);
          if (end - start > 1 && !vocab.words.has(part)) continue;
          if (!best[end] || best[start].length + 1 < best[end].length) best[end] = best[start].concat([part]);
        }
      }
      var merged = [];
      best[piece.length].forEach(function (part) {
        var last = merged.length - 1;
        if (last >= 0 && vocab.text.indexOf(merged[last] + part) >= 0) merged[last] += part;
        else merged.push(part);
      });
      merged.forEach(function (part) { if (part.length > 1) terms.push(part); });
    });
    return 2 * terms.join("").length > length ? terms : [];
  }

  function search(pages, raw, cache) {
    var chunks = fold(raw).split(SEPARATORS).filter(function (c, i, all) { return c && all.indexOf(c) === i; });
    if (!chunks.length) return [];
    var hits = pages.map(function (page) { return { page: page, terms: {} }; });
    var units = [], seen = {};
    function add(term, required) {
      if (!(term in seen)) {
        var df = 0;
        hits.forEach(function (h) { if ((h.terms[term] = matchTerm(h.page, term))) df++; });
        seen[term] = df;
        if (df) units.push({ term: term, required: required, weight: Math.log(1 + pages.length / df) });
      }
      return seen[term];
    }
    var complete = true;
    chunks.forEach(function (chunk) {
      if (add(chunk, true)) return;
      complete = false;
      if (cache.pages !== pages) { cache.pages = pages; cache.vocab = vocabulary(pages); }
      cutChunk(chunk, cache.vocab).forEach(function (term) { add(term, false); });
    });
    var total = units.reduce(function (sum, u) { return sum + u.weight; }, 0);
    var query = chunks.join("");
    var out = [];
    hits.forEach(function (h) {
      var covered = 0, all = complete, defines = 0, partly = 0, titled = 0, whole = 0, score = 0, blend = 0;
      var sections = {}, section = 0;
      units.forEach(function (u) {
        var m = h.terms[u.term];
        if (!m) { if (u.required) all = false; return; }
        covered += u.weight;
        blend += u.weight * (1 + 2 * m.title + m.whole + 2 * (m.defines === 2) + (m.defines === 1));
        defines += m.defines === 2 ? u.weight : 0;
        partly += m.defines === 1 ? u.weight : 0;
        titled += m.title ? u.weight : 0;
        whole += m.whole ? u.weight : 0;
        score += m.score * u.weight;
        Object.keys(m.sections).forEach(function (i) { sections[i] = (sections[i] || 0) + m.sections[i] * u.weight; });
      });
      if (!covered) return;
      Object.keys(sections).forEach(function (i) { if (sections[i] > (sections[section] || 0)) section = +i; });
      out.push({
        page: h.page, section: section, terms: units.map(function (u) { return u.term; }),
        // The query found whole: pages that hold all of it; a page named so; the page that defines
        // the term; the term in the title; as whole words; part of a term the page defines; the kind
        // of page; how often and where it occurs. A question no page holds whole: how much of it a
        // page holds and how well (in its title, as whole words, as its term), lessons before quizzes.
        // Equal pages of several courses: the searcher's own course first.
        key: (complete ? [all ? 1 : 0, titleIs(h.page, query) ? 1 : 0, defines, Math.round(4 * titled / total), whole,
          partly, -h.page.rank] : [blend / total * (1 - 0.1 * h.page.rank)])
          .concat([score, h.page.site === cache.home ? 1 : 0, -h.page.order]),
      });
    });
    out.sort(function (a, b) {
      for (var i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return b.key[i] - a.key[i];
      return 0;
    });
    return out;
  }

  /* ---------- showing results ---------- */

  /* Text with every occurrence of the terms marked; never parsed as HTML. */
  function marked(text, terms) {
    var low = fold(text), nodes = [], at = 0;
    while (at < text.length) {
      var next = -1, length = 0;
      terms.forEach(function (t) {
        var i = low.indexOf(t, at);
        if (i >= 0 && (next < 0 || i < next || (i === next && t.length > length))) { next = i; length = t.length; }
      });
      if (next < 0) break;
      if (next > at) nodes.push(text.slice(at, next));
      nodes.push(el("mark", { text: text.slice(next, next + length) }));
      at = next + length;
    }
    if (at < text.length) nodes.push(text.slice(at));
    return nodes;
  }

  function snippet(text, terms) {
    var low = fold(text), first = -1;
    terms.forEach(function (t) {
      var i = low.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    var start = Math.max(0, first - 24);
    var stop = text.slice(start, Math.max(first, start)).search(/[。！？；]\s*[^。！？；]*$/);
    if (first > 24 && stop >= 0) start += stop + 1;
    var piece = text.slice(start, start + SNIPPET).trim();
    return (start > 0 ? "…" : "") + piece + (start + SNIPPET < text.length ? "…" : "");
  }

  function resultLink(result, index, showCourse) {
    var page = result.page, section = page.sections[result.section] || page.sections[0];
    var href = page.url + "?h=" + encodeURIComponent(result.terms.join(" ")) + (section && section.anchor ? "#" + section.anchor : "");
    var where = [];
    if (showCourse && page.site.title) where.push(page.site.title);
    if (section && section.heading.plain) where.push(section.heading.plain);
    var text = section ? section.text.plain : "";
    return el("a", { class: "cg-search__result", role: "option", id: "cg-search-option-" + index, href: href,
      tabindex: "-1", "aria-selected": "false" }, [
      el("span", { class: "cg-search__title" }, marked(page.title.plain, result.terms)),
      where.length ? el("span", { class: "cg-search__where", text: where.join(" › ") }) : null,
      text ? el("span", { class: "cg-search__snippet" }, marked(snippet(text, result.terms), result.terms)) : null,
    ]);
  }

  /* ---------- the widget ---------- */

  var ICON = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 " +
    "6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";

  function icon() {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "cg-search__icon");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICON);
    svg.appendChild(path);
    return svg;
  }

  function Search() {
    var self = this;
    this.own = null; // this site's index, loaded when someone first reaches for the search
    this.catalog = null; // the catalog's index (its pages and the list of courses), once known
    this.scope = "course";
    this.loaded = {};
    this.cache = { course: {}, all: {} };
    this.results = [];
    this.shown = 0;
    this.active = -1;
    this.input = el("input", { class: "cg-search__input", type: "search", role: "combobox", "aria-label": "搜索本课程",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "cg-search-list", autocomplete: "off",
      autocapitalize: "off", spellcheck: "false", enterkeyhint: "search", placeholder: "搜索" });
    this.meta = el("p", { class: "cg-search__meta", role: "status" });
    this.list = el("div", { class: "cg-search__list", id: "cg-search-list", role: "listbox", "aria-label": "搜索结果", hidden: true });
    this.more = el("button", { type: "button", class: "cg-search__more", hidden: true, text: "显示更多结果",
      onclick: function () { self.render(self.shown + PAGE_SIZE); } });
    this.scopeButton = el("button", { type: "button", class: "cg-search__scope", hidden: true, text: "在全部课程中搜索",
      onclick: function () { self.setScope(self.scope === "all" ? "course" : "all"); } });
    this.output = el("div", { class: "cg-search__output", hidden: true }, [this.meta, this.list,
      el("div", { class: "cg-search__actions" }, [this.more, this.scopeButton])]);
    this.toggle = el("button", { type: "button", class: "cg-search__toggle", "aria-label": "搜索", "aria-expanded": "false",
      "aria-controls": "cg-search-panel", onclick: function () { self.open(); } }, [icon()]);
    this.close = el("button", { type: "button", class: "cg-search__close", "aria-label": "关闭搜索", text: "×",
      onclick: function () { self.dismiss(true); } });
    this.panel = el("div", { class: "cg-search__panel", id: "cg-search-panel", role: "search" }, [
      el("div", { class: "cg-search__bar" }, [icon(), this.input, this.close]), this.output]);
    this.root = el("div", { class: "cg-search", "data-cg-search": "" }, [this.toggle, this.panel]);

    // Typing, pasting, dictation and autofill all end in an input event; an input method's
    // words arrive whole at compositionend.
    ["input", "compositionend", "focus"].forEach(function (type) {
      self.input.addEventListener(type, function (event) {
        if (!(type === "input" && event.isComposing)) self.run();
      });
    });
    this.input.addEventListener("keydown", function (event) { self.key(event); });
    this.root.addEventListener("pointerenter", function () { self.prepare(); });
    this.root.addEventListener("touchstart", function () { self.prepare(); }, { passive: true });
    // Clicks in the results keep the focus in the field, so the list does not close under the pointer.
    this.output.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.root.addEventListener("focusout", function (event) {
      var phone = self.root.classList.contains("cg-search--open"); // the keyboard may hide; results stay
      if (!phone && !self.root.contains(event.relatedTarget)) self.show(null);
    });
  }

  /* Load this site's index, and learn whether a catalog of courses is around it. */
  Search.prototype.prepare = function () {
    var self = this;
    if (this.own) return this.own;
    this.own = loadSite(ROOT);
    this.own.then(function (site) {
      self.site = site;
      if (site && site.courses) self.setCatalog(site, ROOT, true);
      else if (site && site.catalog) { // a course inside a catalog (not one handed out on its own)
        var root = new URL(site.catalog, ROOT).href;
        loadSite(root).then(function (catalog) {
          if (catalog && catalog.courses && catalog.courses.indexOf(site.id) >= 0) self.setCatalog(catalog, root, false);
        });
      }
    });
    return this.own;
  };

  Search.prototype.setCatalog = function (catalog, root, isCatalog) {
    this.catalog = catalog;
    this.catalogRoot = root;
    if (isCatalog) this.setScope("all"); // on the catalog every search covers all courses
    else this.scopeButton.hidden = false;
  };

  Search.prototype.setScope = function (scope) {
    this.scope = scope;
    this.scopeButton.textContent = scope === "all" ? "只搜索本课程" : "在全部课程中搜索";
    this.input.setAttribute("aria-label", scope === "all" ? "搜索全部课程" : "搜索本课程");
    if (this.input.value.trim()) this.run();
  };

  /* The pages to search: this course, or the catalog's own pages and every course. */
  Search.prototype.pages = function () {
    var self = this;
    if (this.scope !== "all" || !this.catalog) return this.prepare().then(function (site) { return site && site.pages; });
    if (!this.allPages) {
      this.allPages = Promise.all(this.catalog.courses.map(function (id) {
        return loadSite(new URL(encodeURIComponent(id) + "/", self.catalogRoot).href);
      })).then(function (sites) {
        var pages = self.catalog.pages.slice();
        sites.forEach(function (site) {
          if (site) pages = pages.concat(site.pages.filter(function (p) { return !p.shared; }));
        });
        return pages;
      });
    }
    return this.allPages;
  };

  Search.prototype.run = function () {
    var self = this, query = this.input.value, scope = this.scope;
    if (!query.trim()) { this.show(null); return; }
    this.ticket = (this.ticket || 0) + 1;
    var ticket = this.ticket;
    if (!this.loaded[scope]) this.setMeta(scope === "all" ? "正在载入全部课程的索引…" : "正在载入搜索索引…");
    this.pages().then(function (pages) {
      if (ticket !== self.ticket) return; // a newer query is on its way
      if (!pages) { self.list.hidden = true; self.setMeta("搜索索引未能载入（search/index.js），请重新构建网站"); return; }
      self.loaded[scope] = true;
      self.cache[scope].home = self.site;
      self.results = search(pages, query, self.cache[scope]);
      self.show(query);
    });
  };

  Search.prototype.setMeta = function (text) {
    this.meta.textContent = text;
    this.output.hidden = false;
    this.setExpanded(true);
  };

  Search.prototype.setExpanded = function (open) {
    this.input.setAttribute("aria-expanded", open && !this.list.hidden ? "true" : "false");
    this.root.classList.toggle("cg-search--results", open);
  };

  Search.prototype.show = function (query) {
    if (query === null) {
      this.output.hidden = true;
      this.list.hidden = true;
      this.setExpanded(false);
      return;
    }
    var n = this.results.length;
    var where = this.scope === "all" && this.catalog ? "全部 " + this.catalog.courses.length + " 门课程中" : "本课程中";
    this.meta.textContent = n ? where + "找到 " + n + " 个结果" : where + "没有找到与“" + query.trim() + "”相关的内容";
    this.output.hidden = false;
    this.render(PAGE_SIZE);
  };

  Search.prototype.render = function (count) {
    var showCourse = this.scope === "all";
    this.shown = Math.min(count, this.results.length);
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.replaceChildren.apply(this.list, this.results.slice(0, this.shown).map(function (r, i) {
      return resultLink(r, i, showCourse);
    }));
    this.list.hidden = this.shown === 0;
    this.more.hidden = this.shown >= this.results.length;
    this.setExpanded(true);
  };

  Search.prototype.move = function (index) {
    var options = this.list.children;
    if (!options.length) return;
    if (this.active >= 0 && options[this.active]) options[this.active].setAttribute("aria-selected", "false");
    this.active = (index + options.length) % options.length;
    var option = options[this.active];
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Search.prototype.key = function (event) {
    var options = this.list.children;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (this.output.hidden) this.run();
      if (options.length) this.move(this.active < 0 && event.key === "ArrowUp" ? -1 : this.active + (event.key === "ArrowDown" ? 1 : -1));
      event.preventDefault();
    } else if (event.key === "Enter") {
      var chosen = options[this.active >= 0 ? this.active : 0];
      if (chosen && !event.isComposing && event.keyCode !== 229) { event.preventDefault(); chosen.click(); }
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (this.root.classList.contains("cg-search--open")) this.dismiss(true);
      else if (!this.output.hidden) this.show(null);
      else if (this.input.value) this.input.value = "";
      else this.dismiss(true);
    }
  };

  /* On a phone the search is a full-screen panel opened from the header's search button. It
     moves to the end of the page while open: a theme's header may clip what is fixed inside it. */
  Search.prototype.open = function () {
    this.prepare();
    this.root.classList.add("cg-search--open");
    this.panel.classList.add("cg-search__panel--open");
    document.body.appendChild(this.panel);
    this.toggle.setAttribute("aria-expanded", "true");
    this.input.focus();
  };

  Search.prototype.dismiss = function (returnFocus) {
    this.show(null);
    if (!this.root.classList.contains("cg-search--open")) return;
    this.panel.classList.remove("cg-search__panel--open");
    this.root.appendChild(this.panel);
    this.root.classList.remove("cg-search--open");
    this.toggle.setAttribute("aria-expanded", "false");
    if (returnFocus) this.toggle.focus();
  };

  Search.prototype.mount = function () {
    if (document.contains(this.root)) return;
    var spot = document.querySelector("[data-cg-search-mount]") || document.querySelector(".md-header__inner") ||
      document.querySelector("header nav") || document.querySelector("header");
    if (spot) spot.appendChild(this.root);
    else {
      this.root.classList.add("cg-search--floating");
      document.body.insertBefore(this.root, document.body.firstChild);
    }
  };

  /* ---------- marking the query on the page a result leads to ---------- */

  function highlight() {
    var terms = (new URLSearchParams(location.search).get("h") || "").split(/\s+/).filter(function (t) { return t.length; });
    var area = document.querySelector("article") || document.querySelector("main");
    if (!terms.length || !area || area.querySelector("mark.cg-search-hit")) return;
    var walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT, { acceptNode: function (node) {
      return node.parentNode.closest("script, style, mark, .cg-quiz, .cg-checklist, .cg-progress, [data-search-exclude]")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    } });
    var nodes = [];
    while (walker.nextNode() && nodes.length < 500) nodes.push(walker.currentNode);
    var count = 0;
    nodes.forEach(function (node) {
      if (count >= 100) return;
      var parts = marked(node.nodeValue, terms.map(fold));
      if (parts.length < 2 && typeof parts[0] === "string") return;
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part) {
        if (typeof part !== "string") { part.className = "cg-search-hit"; count++; }
        fragment.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
      });
      node.parentNode.replaceChild(fragment, node);
    });
  }

  var widget = new Search();
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
    if (typing || event.altKey) return;
    if (event.key === "/" || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k")) {
      event.preventDefault();
      if (getComputedStyle(widget.toggle).display !== "none") widget.open();
      else widget.input.focus();
    }
  });
  if (window.matchMedia) { // the phone's panel makes no sense once the window is wide
    window.matchMedia("(max-width: 59.984375em)").addEventListener("change", function (event) {
      if (!event.matches) widget.dismiss(false);
    });
  }
  store.onEveryPage(function () {
    widget.mount();
    widget.dismiss(false);
    setTimeout(highlight, 0); // after instant navigation the address changes just after the page
  });
  window.CourseGenSearch = { search: search, widget: widget };
})();
