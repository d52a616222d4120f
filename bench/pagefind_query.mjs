// Runs queries against a Pagefind index (the `pagefind/` folder Pagefind writes into a built
// site) with Pagefind's own browser API, and reports the bytes each query fetched, for the
// side-by-side of bench/search_bench.py --pagefind with cermin's own index.
//
//   node bench/pagefind_query.mjs PUBLIC_DIR QUERIES.tsv [--json]
//
// QUERIES.tsv as for bench/search_query.mjs (`query<TAB>anything`, `#` comments). For each
// query a fresh Pagefind instance (an empty cache, as a reader arriving on the page) loads
// over HTTP from a small server in this process, searches, and loads the data of the ten
// results shown. Every file fetched is counted once a query, at the size a static host
// serves: gzip -6 of it, or its own size when that is smaller (Pagefind's index chunks are
// stored compressed already). Counted apart: the engine (pagefind.js and its WebAssembly),
// which cermin's side counts nowhere either (its search.js is the page's script).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const [dir, queriesFile, flag] = process.argv.slice(2);
if (!dir || !queriesFile) {
  console.error('usage: node bench/pagefind_query.mjs PUBLIC_DIR QUERIES.tsv [--json]');
  process.exit(2);
}
const root = path.resolve(dir);

const served = new Map(); // url path -> bytes as served
let fetched = [];
const server = http.createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(root, name);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  const body = fs.readFileSync(file);
  if (!served.has(name)) {
    served.set(name, Math.min(body.length, zlib.gzipSync(body, { level: 6 }).length));
  }
  fetched.push(name);
  const type = name.endsWith('.wasm') || name.includes('wasm.') ? 'application/wasm' : 'application/octet-stream';
  res.writeHead(200, { 'content-type': type }).end(body);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/pagefind/`;

const engine = (name) => name.endsWith('pagefind.js') || name.includes('/wasm.');
const queries = fs
  .readFileSync(queriesFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => line.split('\t')[0]);
const rows = [];
for (const [i, query] of queries.entries()) {
  fetched = [];
  // A query string makes a new module instance: nothing cached from the query before.
  const pagefind = await import(`${pathToFileURL(path.join(root, 'pagefind', 'pagefind.js'))}?q=${i}`);
  await pagefind.options({ basePath: base });
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const names = [...new Set(fetched)];
  const data = names.filter((n) => !engine(n)).reduce((sum, n) => sum + served.get(n), 0);
  const engineBytes = names.filter(engine).reduce((sum, n) => sum + served.get(n), 0);
  rows.push({ query, results: search.results.length, files: names.length, gzip: data, engine: engineBytes });
}
server.close();

if (flag === '--json') {
  console.log(JSON.stringify({ queries: rows }));
} else {
  for (const r of rows) {
    console.log(`${r.query}\t${r.results} results\t${r.files} files\t${(r.gzip / 1024).toFixed(1)} KB data\t${(r.engine / 1024).toFixed(1)} KB engine`);
  }
}
