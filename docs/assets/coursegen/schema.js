/* coursegen: the stored record's schema, applied to everything read, written or imported.
 *
 * The schema itself is generated from the Python models (generator/records/
 * schema.py) and reaches the page as data; this file only applies it. What
 * does not fit is dropped and reported by its path; everything else is kept.
 * Maps are built without a prototype, so an id such as ``constructor`` is
 * just a key.
 */
(function (root) {
  "use strict";

  var MAX_DROPPED = 50; // paths kept for the notice; the count is always exact

  function kind(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
  }

  function resolve(schema, node) {
    return node && node.$ref ? schema.$defs[node.$ref.split("/").pop()] : node;
  }

  function Cleaner(schema) {
    this.schema = schema;
    this.dropped = [];
    this.count = 0;
  }

  Cleaner.prototype.drop = function (path) {
    this.count += 1;
    if (this.dropped.length < MAX_DROPPED) this.dropped.push(path || "（整条记录）");
  };

  /* The value cleaned to fit ``node``, or undefined when it cannot fit at all. */
  Cleaner.prototype.clean = function (value, node, path) {
    node = resolve(this.schema, node);
    if (node.anyOf) {
      for (var i = 0; i < node.anyOf.length; i++) {
        var probe = new Cleaner(this.schema);
        var fitted = probe.clean(value, node.anyOf[i], path);
        if (fitted !== undefined && probe.count === 0) return fitted;
      }
      return undefined;
    }
    if ("const" in node) return value === node.const ? value : undefined;
    if (node.enum) return node.enum.indexOf(value) >= 0 ? value : undefined;
    var type = kind(value);
    if (node.type === "number" ? type !== "integer" && type !== "number" : type !== node.type) return undefined;
    if (type === "string") return this.string(value, node);
    if (type === "integer" || type === "number") return this.number(value, node);
    if (type === "array") return this.array(value, node, path);
    if (type === "object") return this.object(value, node, path);
    return value;
  };

  Cleaner.prototype.string = function (value, node) {
    if (node.maxLength !== undefined && value.length > node.maxLength) return undefined;
    if (node.minLength !== undefined && value.length < node.minLength) return undefined;
    if (node.pattern !== undefined && !new RegExp(node.pattern, "u").test(value)) return undefined;
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/.test(value)) return undefined;
    return value;
  };

  Cleaner.prototype.number = function (value, node) {
    if (node.minimum !== undefined && value < node.minimum) return undefined;
    if (node.maximum !== undefined && value > node.maximum) return undefined;
    return value;
  };

  /* A list is all or nothing: a list with one bad element is not the same list. */
  Cleaner.prototype.array = function (value, node, path) {
    if (node.maxItems !== undefined && value.length > node.maxItems) return undefined;
    if (node.minItems !== undefined && value.length < node.minItems) return undefined;
    var out = [];
    for (var i = 0; i < value.length; i++) {
      var probe = new Cleaner(this.schema);
      var item = node.items ? probe.clean(value[i], node.items, path + "[" + i + "]") : value[i];
      if (item === undefined || probe.count) return undefined;
      out.push(item);
    }
    return out;
  };

  Cleaner.prototype.object = function (value, node, path) {
    var self = this;
    var out = Object.create(null);
    var properties = node.properties || {};
    var patterns = node.patternProperties || {};
    var names = node.propertyNames || {};
    var keys = Object.keys(value);
    var before = { count: this.count, dropped: this.dropped.length };
    if (node.maxProperties !== undefined && keys.length > node.maxProperties) return undefined;
    keys.forEach(function (key) {
      var where = path ? path + "." + key : key;
      var sub = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : null;
      if (!sub) {
        var pattern = Object.keys(patterns).filter(function (p) { return new RegExp(p, "u").test(key); })[0];
        if (pattern && (names.maxLength === undefined || key.length <= names.maxLength)) sub = patterns[pattern];
      }
      if (!sub && node.additionalProperties && typeof node.additionalProperties === "object") {
        sub = node.additionalProperties;
      }
      if (!sub) return self.drop(where);
      var cleaned = self.clean(value[key], sub, where);
      if (cleaned === undefined) return self.drop(where);
      out[key] = cleaned;
    });
    if ((node.required || []).some(function (key) { return !(key in out); })) {
      // The whole object goes: report it once, not each of its parts as well.
      this.count = before.count;
      this.dropped.length = before.dropped;
      return undefined;
    }
    return out;
  };

  /* {value, dropped: [paths], count}: value is undefined when the whole thing does not fit. */
  function clean(value, schema) {
    var cleaner = new Cleaner(schema);
    var out = cleaner.clean(value, schema, "");
    if (out === undefined) cleaner.drop("");
    return { value: out, dropped: cleaner.dropped, count: cleaner.count };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Records written before version 2: visits became lesson pages (opened, not yet
     studied), practice answers gained an attempt count, and “passed” is worked out
     from the best score instead of being stored. */
  function migrate(record) {
    if (!isObject(record) || record.v !== 1 && record.v !== undefined) return record;
    var out = {};
    Object.keys(record).forEach(function (key) { out[key] = record[key]; });
    out.v = 2;
    if (isObject(record.visited)) {
      out.pages = {};
      Object.keys(record.visited).forEach(function (id) {
        var visit = record.visited[id];
        out.pages[id] = isObject(visit) && typeof visit.t === "number" ? { t: visit.t, s: 0 } : visit;
      });
    }
    delete out.visited;
    if (isObject(record.questions)) {
      out.questions = {};
      Object.keys(record.questions).forEach(function (id) {
        var entry = record.questions[id];
        out.questions[id] = isObject(entry) && "a" in entry ? Object.assign({ n: 1 }, entry) : entry;
      });
    }
    if (isObject(record.quizzes)) {
      out.quizzes = {};
      Object.keys(record.quizzes).forEach(function (id) {
        var stats = record.quizzes[id];
        if (isObject(stats)) {
          stats = Object.assign({}, stats);
          delete stats.passed;
          if (stats.best === null) delete stats.best;
          if (stats.last === null) delete stats.last;
        }
        out.quizzes[id] = stats;
      });
    }
    return out;
  }

  function fresh() {
    var record = Object.create(null);
    record.v = 2;
    ["pages", "questions", "quizzes", "checklists"].forEach(function (key) { record[key] = Object.create(null); });
    return record;
  }

  /* A record read from storage or a file: {record, dropped, count}, record never undefined. */
  function read(value, schema) {
    var result = clean(migrate(value), schema);
    var record = fresh();
    if (result.value) Object.keys(result.value).forEach(function (key) { record[key] = result.value[key]; });
    return { record: record, dropped: result.dropped, count: result.count };
  }

  var api = { clean: clean, read: read, migrate: migrate, fresh: fresh, isObject: isObject };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CourseGenSchema = api;
})(this);
