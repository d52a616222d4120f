// Runs queries against a built site's search index with the search page's own engine
// (themes/default/static/search.js), the way the page runs them, and reports for each the
// rank of the expected article and the bytes the query fetched (each index file once, sized
// raw and gzip-compressed as a static host serves it).
//
//   node bench/search_query.mjs PUBLIC_DIR QUERIES.tsv [--json]
//
// QUERIES.tsv: `query<TAB>expected site path` a line (`#` comments). A query may hold filters
// (`year:2024`, `source:…`, `tag:…`) and phrases in quotes. Prints one line a query and the
// mean reciprocal rank (MRR; a result below 10 counts 0), with the median and largest bytes
// per query. Each query starts with an empty cache, as a reader arriving on the page does.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [dir, queriesFile, flag] = process.argv.slice(2);
if (!dir || !queriesFile) {
  console.error('usage: node bench/search_query.mjs PUBLIC_DIR QUERIES.tsv [--json]');
  process.exit(2);
}
const script = fs.readFileSync(path.join(HERE, '..', 'themes/default/static/search.js'), 'utf8');
const context = { atob };
vm.runInNewContext(script, context);
const { createEngine } = context.cerminSearchLib;

const sizes = new Map(); // file -> [raw, gzip]
function loader(fetched) {
  const cache = new Map();
  return (name) => {
    if (!cache.has(name)) {
      const file = path.join(dir, 'search', `${name}.js`);
      const text = fs.readFileSync(file);
      if (!sizes.has(file)) sizes.set(file, [text.length, zlib.gzipSync(text, { level: 6 }).length]);
      fetched.push(sizes.get(file));
      let data;
      vm.runInNewContext(text.toString('utf8'), { cerminSearch: (_, d) => { data = d; } });
      cache.set(name, Promise.resolve(data));
    }
    return cache.get(name);
  };
}

const rows = fs
  .readFileSync(queriesFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t'));

const RESULTS_SHOWN = 10;
const out = [];
for (const [query, expected] of rows) {
  const fetched = [];
  const engine = createEngine(loader(fetched));
  const found = await engine.search(query, []);
  // The page then shows the first ten: their result chunks count too.
  const shown = await Promise.all(
    found.results.slice(0, RESULTS_SHOWN).map((r) => r.meta || engine.meta(found.root, r.doc)),
  );
  const rank = shown.findIndex((m) => m.path === expected) + 1;
  const raw = fetched.reduce((s, f) => s + f[0], 0);
  const gzip = fetched.reduce((s, f) => s + f[1], 0);
  out.push({ query, expected, rank, results: found.results.length, files: fetched.length, raw, gzip, first: shown[0] && shown[0].path });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
};
// Queries with `-` for the article are only for their bytes.
const ranked = out.filter((r) => r.expected !== '-');
const mrr = ranked.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / (ranked.length || 1);
if (flag === '--json') {
  console.log(JSON.stringify({ mrr, queries: out }, null, 1));
} else {
  for (const r of out) {
    console.log(
      `${r.expected === '-' ? '-' : r.rank ? `rank ${r.rank}` : 'MISSED'}\t${(r.gzip / 1024).toFixed(1)} KB gz\t${r.files} files\t${r.results} results\t${r.query}${r.rank === 1 || r.expected === '-' ? '' : `\t(first: ${r.first})`}`,
    );
  }
  console.log(
    `MRR ${mrr.toFixed(3)} over ${ranked.length} queries; bytes a query: median ${(median(out.map((r) => r.gzip)) / 1024).toFixed(1)} KB gzip (${(median(out.map((r) => r.raw)) / 1024).toFixed(1)} KB raw), largest ${(Math.max(...out.map((r) => r.gzip)) / 1024).toFixed(1)} KB gzip`,
  );
}
