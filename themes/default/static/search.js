/* cermin search: queries the index `cermin build` writes under search/ (see
   docs/search.md). Loaded only by the search page. Index files are scripts that
   call cerminSearch(name, data), so they load from file:// as well as over HTTP.
   Words are folded and stemmed exactly as src/search/fold.rs and stem.rs do it; both are
   checked against tests/search/*_vectors.tsv. */
(function () {
  "use strict";

  /* ---------- words: src/search/fold.rs ---------- */

  var MAX_WORD_CHARS = 32;
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var ASCII = /^[\x00-\x7f]*$/;
  var MARK = /\p{M}/gu;

  function fold(word) {
    var folded = word.toLowerCase().normalize("NFD").replace(MARK, "");
    return Array.from(folded).slice(0, MAX_WORD_CHARS).join("");
  }

  function words(text) {
    var out = [];
    var found = text.match(WORD) || [];
    for (var i = 0; i < found.length; i++) {
      var w = found[i];
      var folded = ASCII.test(w) ? w.toLowerCase().slice(0, MAX_WORD_CHARS) : fold(w);
      if (folded) out.push(folded);
    }
    return out;
  }

  /* ---------- stems: src/search/stem.rs ---------- */

  var NONE = 0, VERB = 1, NOUN = 2, SECOND = 3;

  function isVowel(c) {
    return c === "a" || c === "e" || c === "i" || c === "o" || c === "u";
  }

  function vowels(w) {
    var n = 0;
    for (var i = 0; i < w.length; i++) if (isVowel(w[i])) n++;
    return n;
  }

  function firstChar(w) {
    return w.length ? Array.from(w)[0] : undefined;
  }

  function firstOrderPrefix(w) {
    var nextIsVowel = function (rest) { return isVowel(firstChar(rest)); };
    var verbal = [["me", VERB], ["pe", NOUN]];
    for (var i = 0; i < verbal.length; i++) {
      var prefix = verbal[i][0], kind = verbal[i][1];
      if (!w.startsWith(prefix)) continue;
      var after = w.slice(prefix.length), rest;
      if (after.startsWith("ng")) return [after.slice(2), kind];
      if (after.startsWith("ny") && nextIsVowel(after.slice(2))) return ["s" + after.slice(2), kind];
      if (after.startsWith("m")) {
        rest = after.slice(1);
        return [nextIsVowel(rest) ? "p" + rest : rest, kind];
      }
      if (after.startsWith("n")) {
        rest = after.slice(1);
        return [nextIsVowel(rest) ? "t" + rest : rest, kind];
      }
      var c = firstChar(after);
      if (prefix === "me" && (c === "l" || c === "r" || c === "w" || c === "y")) return [after, kind];
    }
    var plain = [["di", VERB], ["ter", VERB], ["ke", NOUN]];
    for (var j = 0; j < plain.length; j++) {
      if (w.startsWith(plain[j][0])) return [w.slice(plain[j][0].length), plain[j][1]];
    }
    return [w, NONE];
  }

  function secondOrderPrefix(w) {
    if (w.startsWith("ber") || w.startsWith("per")) return w.slice(3);
    var rest, c;
    if (w.startsWith("be")) {
      rest = w.slice(2);
      c = firstChar(rest);
      if (c !== undefined && !isVowel(c) && rest.slice(c.length).startsWith("er")) return rest;
    }
    if (w.startsWith("pe")) {
      rest = w.slice(2);
      c = firstChar(rest);
      if (c !== undefined && !isVowel(c)) return rest;
    }
    return null;
  }

  function stripSuffix(w, prefix) {
    var rest;
    if (w.endsWith("kan")) {
      rest = w.slice(0, -3);
      if ((prefix === NONE || prefix === VERB) && vowels(rest) >= 2) return rest;
    }
    if (w.endsWith("an")) {
      rest = w.slice(0, -2);
      if (prefix !== VERB && vowels(rest) >= 2) return rest;
    }
    if (w.endsWith("i")) {
      rest = w.slice(0, -1);
      if ((prefix === NONE || prefix === VERB) && !rest.endsWith("s") && vowels(rest) >= 2) return rest;
    }
    return w;
  }

  function indonesian(word) {
    var w = word;
    if (vowels(w) <= 2) return w;
    var sets = [["lah", "kah", "pun"], ["nya", "ku", "mu"]];
    for (var s = 0; s < sets.length; s++) {
      for (var i = 0; i < sets[s].length; i++) {
        var suffix = sets[s][i];
        if (w.endsWith(suffix)) {
          var rest = w.slice(0, -suffix.length);
          if (vowels(rest) >= 2) w = rest;
          break;
        }
      }
    }
    var first = firstOrderPrefix(w);
    var second;
    if (first[1] !== NONE && vowels(first[0]) >= 2) {
      w = stripSuffix(first[0], first[1]);
      second = secondOrderPrefix(w);
      if (second !== null && vowels(second) >= 2) w = second;
    } else {
      var prefix = NONE;
      second = secondOrderPrefix(w);
      if (second !== null && vowels(second) >= 2) {
        w = second;
        prefix = SECOND;
      }
      w = stripSuffix(w, prefix);
    }
    return w;
  }

  function undouble(w) {
    var chars = Array.from(w), n = chars.length;
    if (n >= 2 && chars[n - 1] === chars[n - 2] && "aeioulsz".indexOf(chars[n - 1]) < 0) {
      return chars.slice(0, -1).join("");
    }
    return w;
  }

  function english(w) {
    var n = Array.from(w).length;
    if (n <= 3) return w;
    if (w.endsWith("ies") && n > 4) return w.slice(0, -3) + "y";
    if (w.endsWith("sses")) return w.slice(0, -2);
    if (w.endsWith("s")) {
      var rest = w.slice(0, -1);
      if (!rest.endsWith("s") && !rest.endsWith("u") && !rest.endsWith("i")) return rest;
    }
    var suffixes = ["ing", "ed"];
    for (var i = 0; i < suffixes.length; i++) {
      if (w.endsWith(suffixes[i])) {
        var r = w.slice(0, -suffixes[i].length);
        if (Array.from(r).length >= 3 && /[aeiouy]/.test(r)) return undouble(r);
      }
    }
    return w;
  }

  function stem(stemmer, word) {
    if (/[0-9]/.test(word)) return word;
    if (stemmer === "id") return indonesian(word);
    if (stemmer === "en") return english(word);
    return word;
  }

  /* ---------- the engine: queries over the index files `load(name)` gives ---------- */

  var PHRASE_CHECKED = 20;

  function createEngine(load) {
    /** Terms compare by code point, as Rust sorts them. */
    function cmp(a, b) {
      var i = 0, j = 0;
      while (i < a.length && j < b.length) {
        var x = a.codePointAt(i), y = b.codePointAt(j);
        if (x !== y) return x < y ? -1 : 1;
        i += x > 0xffff ? 2 : 1;
        j += y > 0xffff ? 2 : 1;
      }
      return (a.length - i) - (b.length - j);
    }

    /** The position of the last chunk whose first term is <= term. */
    function chunkOf(root, term) {
      var lo = 0, hi = root.chunks.length - 1, at = 0;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (cmp(root.chunks[mid][0], term) <= 0) { at = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return at;
    }

    function loadChunk(root, at) {
      var name = root.chunks[at][1];
      return load(name).then(function (data) {
        if (!data.offsets) {
          var binary = atob(data.postings);
          var bytes = new Uint8Array(binary.length);
          for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
          data.bytes = bytes;
          data.offsets = [];
          var off = 0;
          for (var k = 0; k < data.lengths.length; k++) { data.offsets.push(off); off += data.lengths[k]; }
        }
        return data;
      });
    }

    /** (delta, impact) pairs from `pos` to `end`: {docs: [...], impacts: [...], end}. */
    function pairs(bytes, pos, end) {
      var docs = [], impacts = [], doc = 0;
      while (pos < end) {
        var n = 0, shift = 0, b;
        do { b = bytes[pos++]; n += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
        doc += n;
        docs.push(doc);
        impacts.push(bytes[pos++]);
      }
      return { docs: docs, impacts: impacts };
    }

    /** A term's postings: {docs: [...], impacts: [...]}. A dense one (src/search/index.rs,
        `densify`) is the rest's impact, a bitmap of its documents, then its best pairs. */
    function postingsAt(root, chunk, i) {
      var bytes = chunk.bytes, pos = chunk.offsets[i], end = pos + chunk.lengths[i];
      if (!chunk.dense || !chunk.dense[i]) return pairs(bytes, pos, end);
      var rest = 0, shift = 0, b;
      do { b = bytes[pos++]; rest += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
      var bitmapEnd = pos + Math.ceil(root.documents / 8);
      var best = pairs(bytes, bitmapEnd, end);
      var docs = [], impacts = [], k = 0;
      for (var at = pos; at < bitmapEnd; at++) {
        var byte = bytes[at];
        if (!byte) continue;
        for (var bit = 0; bit < 8; bit++) {
          if (!(byte & (1 << bit))) continue;
          var doc = (at - pos) * 8 + bit;
          docs.push(doc);
          if (k < best.docs.length && best.docs[k] === doc) impacts.push(best.impacts[k++]);
          else impacts.push(rest);
        }
      }
      return { docs: docs, impacts: impacts };
    }

    function findTerm(chunk, term) {
      var lo = 0, hi = chunk.terms.length - 1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1, c = cmp(chunk.terms[mid], term);
        if (c === 0) return mid;
        if (c < 0) lo = mid + 1; else hi = mid - 1;
      }
      return -1;
    }

    /** The postings of one exact term, or null. */
    function lookup(root, term) {
      return loadChunk(root, chunkOf(root, term)).then(function (chunk) {
        var i = findTerm(chunk, term);
        return i < 0 ? null : { term: term, count: chunk.counts[i], postings: postingsAt(root, chunk, i) };
      });
    }

    var PREFIX_TERMS = 20;
    var PREFIX_CHUNKS = 3;

    /** The most used terms starting with `prefix` (from at most PREFIX_CHUNKS chunks). */
    function lookupPrefix(root, prefix) {
      var found = [];
      function scan(at, left) {
        return loadChunk(root, at).then(function (chunk) {
          for (var i = 0; i < chunk.terms.length; i++) {
            var t = chunk.terms[i];
            if (t.startsWith(prefix) && t.indexOf(":") < 0) found.push({ chunk: chunk, i: i });
            else if (cmp(t, prefix) > 0 && !t.startsWith(prefix)) return;
          }
          if (left > 1 && at + 1 < root.chunks.length && root.chunks[at + 1][0].startsWith(prefix)) {
            return scan(at + 1, left - 1);
          }
        });
      }
      return scan(chunkOf(root, prefix), PREFIX_CHUNKS).then(function () {
        found.sort(function (a, b) { return b.chunk.counts[b.i] - a.chunk.counts[a.i]; });
        return found.slice(0, PREFIX_TERMS).map(function (f) {
          return { term: f.chunk.terms[f.i], count: f.chunk.counts[f.i], postings: postingsAt(root, f.chunk, f.i) };
        });
      });
    }

    /* ---------- queries ---------- */

    var FILTER = /^(year|source|tag|category):(.+)$/i;

    /** The query as groups of terms (a word: its stem, the word being typed: its prefix too),
        filter terms and phrases. */
    function parse(root, text, filters) {
      var query = { groups: [], filters: filters.slice(), phrases: [], marks: [], prefixes: [] };
      var typing = !/\s$/.test(text);
      var parts = text.match(/"[^"]*"?|\S+/g) || [];
      parts.forEach(function (part, n) {
        var last = n === parts.length - 1;
        if (part.charAt(0) === '"') {
          var phrase = words(part);
          if (phrase.length > 1) query.phrases.push(phrase.map(function (w) { return stem(root.stemmer, w); }));
          phrase.forEach(function (w) { addWord(root, query, w, false); });
          return;
        }
        var filter = FILTER.exec(part);
        if (filter) {
          var kind = filter[1].toLowerCase();
          var value = kind === "year" ? filter[2] : words(filter[2]).join("-");
          query.filters.push(kind + ":" + value);
          return;
        }
        var ws = words(part);
        ws.forEach(function (w, i) { addWord(root, query, w, typing && last && i === ws.length - 1); });
      });
      return query;
    }

    function addWord(root, query, word, prefix) {
      var s = stem(root.stemmer, word);
      query.groups.push({ stem: s, prefix: prefix ? word : null });
      query.marks.push(s);
      if (prefix) query.prefixes.push(word);
    }

    /** The day (since 1970) of a result chunk's first document: the root holds each as the
        days since the one before. */
    function dayOf(root, doc) {
      if (!root.firstDays) {
        var sum = 0;
        root.firstDays = root.days.map(function (d) { return (sum += d); });
      }
      return root.firstDays[Math.floor(doc / root.docs_per_meta)];
    }

    function idf(root, count) {
      var n = root.documents;
      return Math.log(1 + (n - count + 0.5) / (count + 0.5));
    }

    /** A group's documents and their scores: the best of its terms for each document. */
    function groupScores(root, group) {
      var exact = lookup(root, group.stem);
      var more = group.prefix ? lookupPrefix(root, group.prefix) : Promise.resolve([]);
      return Promise.all([exact, more]).then(function (r) {
        var lists = (r[0] ? [r[0]] : []).concat(r[1]);
        var scores = new Map();
        lists.forEach(function (list) {
          // Completions of the word being typed count a little less than the word itself.
          var weight = idf(root, list.count) * (list.term === group.stem ? 1 : 0.8) * root.max_tf_part / 255;
          var p = list.postings;
          for (var i = 0; i < p.docs.length; i++) {
            var s = p.impacts[i] * weight;
            var old = scores.get(p.docs[i]);
            if (old === undefined || s > old) scores.set(p.docs[i], s);
          }
        });
        return scores;
      });
    }

    function filterDocs(root, term) {
      return lookup(root, term).then(function (list) {
        return new Set(list ? list.postings.docs : []);
      });
    }

    /** Every matching document with its score, best first. */
    function rank(root, query) {
      return Promise.all([
        Promise.all(query.groups.map(function (g) { return groupScores(root, g); })),
        Promise.all(query.filters.map(function (f) { return filterDocs(root, f); })),
      ]).then(function (r) {
        var groups = r[0], filters = r[1];
        var passes = function (doc) { return filters.every(function (f) { return f.has(doc); }); };
        var total = new Map(), matched = new Map();
        groups.forEach(function (scores) {
          scores.forEach(function (s, doc) {
            if (!passes(doc)) return;
            total.set(doc, (total.get(doc) || 0) + s);
            matched.set(doc, (matched.get(doc) || 0) + 1);
          });
        });
        if (!groups.length && filters.length) {
          // Filters alone: every document they let through, newest first.
          filters[0].forEach(function (doc) { if (passes(doc)) { total.set(doc, 0); matched.set(doc, 0); } });
        }
        var all = groups.length;
        var every = [];
        total.forEach(function (s, doc) { if (matched.get(doc) === all) every.push(doc); });
        // All words where some document has them all; else the documents with the most.
        var docs = every.length ? every : Array.from(total.keys());
        var newest = dayOf(root, root.documents - 1);
        var results = docs.map(function (doc) {
          var day = dayOf(root, doc);
          var recency = 1 + 0.3 * Math.pow(0.5, (newest - day) / 180);
          var coverage = all ? matched.get(doc) / all : 1;
          return { doc: doc, score: (total.get(doc) + 1e-6) * recency * coverage * coverage };
        });
        results.sort(function (a, b) { return b.score - a.score || b.doc - a.doc; });
        return results;
      });
    }

    function meta(root, doc) {
      var chunk = Math.floor(doc / root.docs_per_meta);
      return load("m/" + chunk).then(function (rows) {
        var row = rows[doc % root.docs_per_meta];
        return { doc: doc, title: row[0], path: row[1], date: row[2], iso: row[3], source: row[4], snippet: row[5] };
      });
    }

    /** Whether the phrase (stems in order) is in the result's title or snippet. */
    function hasPhrase(root, result, phrase) {
      var ws = words(result.title + " \u0000 " + result.snippet).map(function (w) { return stem(root.stemmer, w); });
      outer: for (var i = 0; i + phrase.length <= ws.length; i++) {
        for (var j = 0; j < phrase.length; j++) if (ws[i + j] !== phrase[j]) continue outer;
        return true;
      }
      return false;
    }

    /** Every result of a query (best first) with the parsed query and the root. Phrases
        are checked on the best results' title and snippet. */
    function search(text, filters) {
      return load("root").then(function (root) {
        var query = parse(root, text, filters);
        return rank(root, query).then(function (results) {
          if (!query.phrases.length) return results;
          var top = results.slice(0, PHRASE_CHECKED);
          return Promise.all(top.map(function (r) { return meta(root, r.doc); })).then(function (metas) {
            var kept = [];
            metas.forEach(function (m, i) {
              if (query.phrases.every(function (ph) { return hasPhrase(root, m, ph); })) {
                top[i].meta = m;
                kept.push(top[i]);
              }
            });
            return kept.length ? kept : results;
          });
        }).then(function (results) {
          return { root: root, query: query, results: results };
        });
      });
    }

    return { search: search, meta: meta };
  }

  var lib = { words: words, stem: stem, createEngine: createEngine };
  if (typeof document === "undefined") {
    // Node: tests/search/vectors.test.mjs and bench/search_relevance.mjs.
    globalThis.cerminSearchLib = lib;
    return;
  }

  /* ---------- the index files ---------- */

  var script = document.currentScript;
  var indexDir = new URL(script.getAttribute("data-index"), document.baseURI).href.replace(/root\.js$/, "");
  var home = new URL(script.getAttribute("data-home"), document.baseURI).href.replace(/index\.html$/, "");
  var relative = script.getAttribute("data-relative") === "true";
  var loaded = {};
  var waiting = {};

  window.cerminSearch = function (name, data) {
    if (waiting[name]) waiting[name](data);
  };

  function load(name) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var el = document.createElement("script");
        el.src = indexDir + name + ".js";
        el.onerror = function () { reject(new Error("cannot load " + el.src)); };
        document.head.appendChild(el);
      });
    }
    return loaded[name];
  }

  /* ---------- the page ---------- */

  var PER_PAGE = 10;
  var engine = createEngine(load);
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var current = { results: [], shown: 0, root: null, query: null };
  var generation = 0;

  function link(path) {
    return home + path.replace(/^\//, "") + (relative && /\/$/.test(path) ? "index.html" : "");
  }

  /** Text with the query's words marked. */
  function marked(root, text, query) {
    var frag = document.createDocumentFragment();
    var last = 0;
    text.replace(WORD, function (w, at) {
      var f = words(w)[0] || "";
      var hit = f && (query.marks.indexOf(stem(root.stemmer, f)) >= 0 ||
        query.prefixes.some(function (p) { return f.startsWith(p); }));
      if (hit) {
        frag.appendChild(document.createTextNode(text.slice(last, at)));
        var m = document.createElement("mark");
        m.textContent = w;
        frag.appendChild(m);
        last = at + w.length;
      }
      return w;
    });
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function show(root, query, items) {
    items.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "search-result";
      var h = document.createElement("h2");
      h.className = "search-result-title";
      var a = document.createElement("a");
      a.href = link(r.path);
      a.appendChild(marked(root, r.title, query));
      h.appendChild(a);
      var line = document.createElement("p");
      line.className = "search-result-meta";
      var time = document.createElement("time");
      time.dateTime = r.iso;
      time.textContent = r.date;
      line.appendChild(time);
      if (r.source) line.appendChild(document.createTextNode(" · " + r.source));
      var p = document.createElement("p");
      p.className = "search-result-snippet";
      p.appendChild(marked(root, r.snippet, query));
      li.appendChild(h);
      li.appendChild(line);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function showMore() {
    var mine = generation;
    var next = current.results.slice(current.shown, current.shown + PER_PAGE);
    current.shown += next.length;
    more.hidden = current.shown >= current.results.length;
    return Promise.all(next.map(function (r) { return r.meta || engine.meta(current.root, r.doc); })).then(function (items) {
      if (mine === generation) show(current.root, current.query, items);
    });
  }

  function chosenFilters() {
    return selects.filter(function (s) { return s.value; }).map(function (s) { return s.value; });
  }

  function run() {
    var mine = ++generation;
    var text = input.value;
    var filters = chosenFilters();
    remember(text);
    if (!text.trim() && !filters.length) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    return engine.search(text, filters).then(function (found) {
      if (mine !== generation) return;
      var results = found.results;
      current = { results: results, shown: 0, root: found.root, query: found.query };
      list.textContent = "";
      status.textContent = results.length
        ? results.length + " " + status.getAttribute("data-results")
        : status.getAttribute("data-none");
      return showMore();
    }).catch(function (e) {
      if (mine === generation) status.textContent = e.message;
    });
  }

  /** The query in the address, so a search can be shared, reloaded and gone back to. */
  function remember(text) {
    var params = new URLSearchParams();
    if (text) params.set("q", text);
    selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
    var search = params.toString();
    try {
      history.replaceState(null, "", search ? "?" + search : location.pathname);
    } catch (e) { /* file:// in some browsers */ }
  }

  function fillFilters(root) {
    selects.forEach(function (s) {
      var values = root.filters[s.getAttribute("data-filter")] || [];
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v[0];
        o.textContent = v[1] + " (" + v[2] + ")";
        s.appendChild(o);
      });
      // The menus are on the page from the start, so filling them moves nothing (no layout
      // shift); a kind the site has no values of keeps its place, unseen. (A theme that
      // writes its menus `hidden` has those with values shown.)
      var box = s.closest(".search-filter");
      s.disabled = values.length === 0;
      box.classList.toggle("is-empty", values.length === 0);
      if (values.length) box.hidden = false;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  selects.forEach(function (s) { s.addEventListener("change", run); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore().then(function () {
      var a = list.children[first] && list.children[first].querySelector("a");
      if (a) a.focus();
    });
  });
  // Arrow keys move between the search box and the results.
  form.parentNode.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll(".search-result-title a"));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement === input && e.key === "ArrowDown" && links.length) {
      links[0].focus();
    } else if (at >= 0) {
      if (e.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
      else if (e.key === "ArrowUp") (at > 0 ? links[at - 1] : input).focus();
      else return;
    } else return;
    e.preventDefault();
  });

  form.classList.add("has-script");
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  load("root").then(function (root) {
    fillFilters(root);
    selects.forEach(function (s) {
      var v = params.get(s.name);
      if (v) s.value = v;
    });
    if (input.value || chosenFilters().length) run();
  }).catch(function (e) {
    status.textContent = e.message;
  });
})();
