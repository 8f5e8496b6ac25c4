/* coursegen: the exported learning record and its record code.
 *
 * The record code is the first 16 hex digits of SHA-256 over the record's
 * canonical JSON (keys sorted, no spaces), without the export time. A trainer's
 * ``coursegen records`` computes the same and flags a file edited after export.
 * It is a check against accidental or casual edits, not a signature: anyone
 * who reads this file can compute a new code. SHA-256 is written out here
 * because crypto.subtle is asynchronous and missing on some file:// pages.
 */
(function (root) {
  "use strict";

  var rules = typeof module === "object" && module.exports ? require("./rules.js") : root.CourseGenRules;
  var FORMAT = "coursegen.record";
  var VERSION = 2;

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ];

  function utf8(text) {
    return new TextEncoder().encode(text);
  }

  /* SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
  function sha256(text) {
    var bytes = utf8(text);
    var length = bytes.length;
    var padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    view.setUint32(padded.length - 4, (length << 3) >>> 0);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    var rotr = function (x, n) { return (x >>> n) | (x << (32 - n)); };
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k].map(function (x) {
        return x | 0;
      });
    }
    return h.map(function (x) { return ("00000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }

  /* JSON with keys sorted at every level and no spaces (Python: sort_keys, separators=(",", ":")). */
  function canonical(value) {
    if (value === null || typeof value !== "object") return JSON.stringify(value);
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    return "{" + Object.keys(value).sort()
      .filter(function (key) { return value[key] !== undefined; })
      .map(function (key) { return JSON.stringify(key) + ":" + canonical(value[key]); })
      .join(",") + "}";
  }

  /* The code of an exported record: its content without ``exported`` and ``code``. */
  function recordCode(document) {
    var content = {};
    Object.keys(document).forEach(function (key) {
      if (key !== "exported" && key !== "code") content[key] = document[key];
    });
    var hex = sha256(canonical(content)).slice(0, 16).toUpperCase();
    return hex.match(/.{4}/g).join("-");
  }

  /* What the site works out from the record when it is exported or printed. */
  function summary(record, course) {
    var study = rules.study(record, course);
    var done = rules.completion(record, course);
    var out = {
      study_seconds: study.counted, course_seconds: study.total,
      pages_learned: study.learned, pages_total: study.pages,
      quizzes: course.quizzes.map(function (quiz) {
        var stats = rules.own(record.quizzes, quiz.id) || {};
        var entry = { id: quiz.id, title: quiz.title, pass_mark: quiz.passMark,
                      passed: rules.passed(stats.best, quiz.passMark), attempts: stats.attempts || 0 };
        if (typeof stats.best === "number") entry.best = stats.best;
        return entry;
      }),
      complete: done.complete,
      remaining: done.remaining.map(function (c) { return c.text; }),
    };
    if (study.started !== null) out.started = study.started;
    if (study.lastActive !== null) out.last_active = study.lastActive;
    return out;
  }

  function exportDocument(record, course, now) {
    var document = {
      format: FORMAT, version: VERSION, exported: new Date(now).toISOString(),
      course: { id: course.course, title: course.title, version: course.courseVersion },
      learner: { name: record.learner || "", org: record.org || "" },
      summary: summary(record, course),
      record: record,
    };
    document.code = recordCode(document);
    return document;
  }

  /* 学习记录-姓名-课程标识.json, with only characters every file system accepts. */
  function fileName(name, courseId) {
    var safe = String(name || "").replace(/[\u0000-\u001f\u007f\\/:*?"<>|]+/g, "").replace(/\s+/g, " ").trim()
      .replace(/^\.+/, "").slice(0, 30);
    return "学习记录-" + (safe || "未署名") + "-" + courseId + ".json";
  }

  var api = { FORMAT: FORMAT, VERSION: VERSION, sha256: sha256, canonical: canonical, recordCode: recordCode,
              summary: summary, exportDocument: exportDocument, fileName: fileName };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CourseGenRecord = api;
})(this);
