// Real-browser test of the search page on the built example site (Debian's Chromium, driven by
// playwright-core). The site is built once (relative links, as the example site.toml says) and
// opened twice: from disk (file://) and over HTTP under a path prefix (/mirror/). Each time the
// test types queries the way a reader does and reads the first result:
//
//   known item          "kualitas udara"                 -> the air-quality article
//   Indonesian forms    "berlari" (the text has lari, pelari) -> the morning-run article
//   Indonesian forms    "pembangunan" (the text has membangun, dibangun, bangun) -> the bridge
//                       article of tests/browser/fixtures/, added to the copy of the site
//   prefix as typed     "kulin" (kuliner)                -> the food-festival article
//   phrase              "\"musim hujan\""                 -> only the rainy-season article
//   filter              "hujan" + the source Kabar Ibu Kota -> only the flood article
//   filter in the query "hujan source:kabar-ibu-kota"    -> the same
//   keyboard            ArrowDown from the box focuses the first result; Enter opens it
//   header box          the GET form of the home page's header lands on the search page with results
//
// and that no request leaves the site (no other host, nothing outside the prefix). Each site is
// checked at desktop width (1280 px) and at phone width (360 px); at each width no page is wider
// than the screen (no horizontal scrolling). Over HTTP the index is held back until the page has
// been measured: the filter menus, the status line and the results list must be where they were
// once the index and the results are in (no layout shift).
//
// Run through tests/browser/run.sh (after the serve test), or directly:
//   NODE_PATH=tests/browser/.tools/node_modules node tests/browser/search_test.mjs
// Environment: CERMIN_BIN (default target/debug/cermin), CERMIN_SITE (default: the repository
// root), CERMIN_BROWSER (default /usr/bin/chromium).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from './playwright.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const SITE = process.env.CERMIN_SITE || REPO;
const BIN = path.resolve(process.env.CERMIN_BIN || path.join(REPO, 'target/debug/cermin'));
const BROWSER = process.env.CERMIN_BROWSER || '/usr/bin/chromium';
const PREFIX = '/mirror/';

class TestFailure extends Error {}
function check(condition, message) {
  if (!condition) throw new TestFailure(message);
}

const QUERIES = [
  { name: 'known item', type: 'kualitas udara', first: '/2025/02/10/pemkot-buka-data-kualitas-udara/' },
  { name: 'Indonesian word form', type: 'berlari', first: '/2025/10/05/lari-pagi-jakarta-diikuti-8000-pelari/' },
  {
    name: 'Indonesian word form (pe-an to meN-)',
    type: 'pembangunan',
    first: '/2024/05/20/warga-sukamaju-bangun-jembatan-bambu/',
    count: 1,
  },
  { name: 'prefix as typed', type: 'kulin', first: '/2025/06/21/festival-kuliner-nusantara-kota-tua/' },
  {
    name: 'phrase',
    type: '"musim hujan"',
    first: '/2023/11/02/musim-hujan-diperkirakan-memuncak-januari/',
    count: 1,
  },
  {
    name: 'filter in the query',
    type: 'hujan source:kabar-ibu-kota',
    first: '/2023/11/02/hujan-deras-genangi-23-rt-di-jakarta-timur/',
    count: 1,
  },
];

function build() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cermin-search-'));
  const site = path.join(tmp, 'site');
  for (const name of ['site.toml', 'content', 'themes', 'static']) {
    fs.cpSync(path.join(SITE, name), path.join(site, name), { recursive: true });
  }
  // An article with meN-/di- forms of `bangun`, which the example site has none of.
  const fixture = 'warga-sukamaju-bangun-jembatan-bambu.md';
  fs.cpSync(path.join(HERE, 'fixtures', fixture), path.join(site, 'content', '2024', '05', fixture));
  const out = path.join(tmp, 'public');
  execFileSync(BIN, ['build', '--root', site, '--output', out, '--no-cache'], { stdio: 'pipe' });
  return { tmp, out };
}

/** A static server of `dir` under PREFIX, recording every path asked for. */
function serve(dir, asked) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    asked.push(url.pathname);
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(PREFIX)) {
      res.writeHead(404).end();
      return;
    }
    rel = rel.slice(PREFIX.length);
    let file = path.join(dir, rel);
    if (rel === '' || rel.endsWith('/')) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function firstResults(page) {
  return page.$$eval('.search-result-title a', (as) => as.map((a) => a.href));
}

/** Types `text` into the search box key by key and waits for the results to settle. */
async function type(page, text) {
  await page.fill('#search-q', '');
  await page.type('#search-q', text, { delay: 15 });
  await page.waitForFunction(
    (t) => document.getElementById('search-q').value === t && document.getElementById('search-status').textContent !== '',
    text,
  );
  await page.waitForTimeout(400);
}

/** The page is no wider than the screen: nothing to scroll sideways to. */
async function checkNoOverflow(page, label) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  check(scroll <= client, `${label}: the page is ${scroll} px wide on a ${client} px screen`);
}

/** Where the search form's parts and the results list are on the page. */
async function searchLayout(page) {
  return page.evaluate(() =>
    ['.search-filters', '#search-year', '#search-source', '#search-category', '#search-tag', '#search-status', '#search-results']
      .map((sel) => {
        const r = document.querySelector(sel).getBoundingClientRect();
        // The results list grows as results come in; where it starts must not move.
        return sel === '#search-results' ? `${sel} ${r.x},${r.y}` : `${sel} ${r.x},${r.y} ${r.width}x${r.height}`;
      }),
  );
}

/**
 * Opens a search in the address with the index held back, measures the page, lets the index
 * in, waits for the results and measures again: nothing above the results may have moved.
 */
async function checkNoLayoutShift(browser, base, label, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/search/root.js', async (route) => {
    await held;
    await route.continue();
  });
  // Not until "load": the page preloads the held index.
  await page.goto(new URL('search/index.html?q=kualitas+udara', base).href, { waitUntil: 'domcontentloaded' });
  const before = await searchLayout(page);
  release();
  await page.waitForSelector('.search-result-title a');
  await page.waitForFunction(() => !document.getElementById('search-year').disabled);
  const after = await searchLayout(page);
  check(
    JSON.stringify(before) === JSON.stringify(after),
    `${label}: the page moved when the index came in:\n  before ${before.join('; ')}\n  after  ${after.join('; ')}`,
  );
  await checkNoOverflow(page, `${label}: results`);
  console.log(`ok ${label}: no layout shift`);
  await context.close();
}

async function checkSite(browser, base, label, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  const at = (sitePath) => {
    const rel = sitePath.replace(/^\//, '');
    return new URL(rel + (rel === '' || rel.endsWith('/') ? 'index.html' : ''), base).href;
  };
  await page.goto(at('/search/'));
  await checkNoOverflow(page, `${label}: the empty search page`);
  for (const q of QUERIES) {
    await type(page, q.type);
    const links = await firstResults(page);
    check(links.length > 0, `${label}: ${q.name}: "${q.type}" found nothing`);
    check(links[0] === at(q.first), `${label}: ${q.name}: "${q.type}" put ${links[0]} first, want ${at(q.first)}`);
    if (q.count) check(links.length === q.count, `${label}: ${q.name}: "${q.type}" found ${links.length}, want ${q.count}`);
    const marks = await page.$$eval('.search-result mark', (ms) => ms.length);
    check(marks > 0, `${label}: ${q.name}: no query word is marked in the results`);
    await checkNoOverflow(page, `${label}: ${q.name}`);
    console.log(`ok ${label}: ${q.name}: ${q.type}`);
  }

  // The source filter as a select.
  await type(page, 'hujan');
  await page.selectOption('#search-source', 'source:kabar-ibu-kota');
  await page.waitForTimeout(400);
  let links = await firstResults(page);
  check(
    links.length === 1 && links[0] === at('/2023/11/02/hujan-deras-genangi-23-rt-di-jakarta-timur/'),
    `${label}: source select: got ${links.join(', ')}`,
  );
  await page.selectOption('#search-source', '');
  console.log(`ok ${label}: filter select`);

  // Keyboard: from the box to the first result, and Enter opens it.
  await type(page, 'kualitas udara');
  await page.focus('#search-q');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.href || '');
  check(focused === at('/2025/02/10/pemkot-buka-data-kualitas-udara/'), `${label}: ArrowDown focused ${focused}`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(page.url() === at('/2025/02/10/pemkot-buka-data-kualitas-udara/'), `${label}: Enter opened ${page.url()}`);
  console.log(`ok ${label}: keyboard`);

  // The header's search box on the home page: a GET form to the search page.
  await page.goto(at('/'));
  await page.fill('#site-search-q', 'kualitas udara');
  await Promise.all([page.waitForNavigation(), page.press('#site-search-q', 'Enter')]);
  check(page.url().startsWith(at('/search/') + '?q='), `${label}: the header form went to ${page.url()}`);
  await page.waitForSelector('.search-result-title a');
  links = await firstResults(page);
  check(links[0] === at('/2025/02/10/pemkot-buka-data-kualitas-udara/'), `${label}: header search: ${links[0]}`);
  console.log(`ok ${label}: header search box`);

  const root = new URL('.', at('/')).href;
  const outside = requests.filter((u) => !u.startsWith(root));
  check(outside.length === 0, `${label}: requests outside the site: ${outside.join(', ')}`);
  check(errors.length === 0, `${label}: script errors: ${errors.join('; ')}`);
  await context.close();
}

const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: '360 px', viewport: { width: 360, height: 740 } },
];

let browser;
let server;
let tmp;
try {
  const built = build();
  tmp = built.tmp;
  browser = await chromium.launch({ executablePath: BROWSER, args: ['--no-sandbox'] });
  for (const w of WIDTHS) {
    await checkSite(browser, pathToFileURL(built.out + '/').href, `file:// ${w.name}`, w.viewport);
  }
  const asked = [];
  server = await serve(built.out, asked);
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  for (const w of WIDTHS) {
    await checkSite(browser, base, `http ${w.name}`, w.viewport);
    await checkNoLayoutShift(browser, base, `http ${w.name}`, w.viewport);
  }
  const strays = asked.filter((p) => !p.startsWith(PREFIX));
  check(strays.length === 0, `http: requests outside ${PREFIX}: ${strays.join(', ')}`);
  console.log('PASS search_test');
} catch (e) {
  console.error(`FAIL ${e instanceof TestFailure ? e.message : e.stack}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  if (server) server.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}
