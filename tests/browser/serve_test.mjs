// Real-browser end-to-end test of `cermin serve --watch`.
//
// Copies the example site to a temp folder, serves it, opens one article in Debian's Chromium
// (driven by playwright-core; no browser is downloaded) and edits files on disk the way an
// editor does. The test never calls reload() or goto() after the first page load: every change
// must reach the tab through the live-reload script alone.
//
//   a. edit the article            -> the page reloads and shows the new paragraph
//   b. break its front matter      -> an error overlay names the file; the last good page stays
//   c. fix it                      -> the overlay goes away with a reload
//   d. change only CSS             -> the stylesheet is swapped without a page reload
//   e. delete the article          -> the tab reloads onto the 404 page; the URL answers 404
//   f. restore it                  -> the tab reloads from the 404 page back onto the article
//   g. change its date             -> the tab follows the article to its new address
//
// Run through tests/browser/run.sh, or directly with:
//   NODE_PATH=tests/browser/.tools/node_modules node tests/browser/serve_test.mjs
// Environment: CERMIN_BIN (default target/debug/cermin in this repository), CERMIN_SITE (the example
// site, default: the repository root), CERMIN_BROWSER (default /usr/bin/chromium),
// CERMIN_KEEP_TMP=1 keeps the temp site for inspection.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from './playwright.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const SITE = process.env.CERMIN_SITE || REPO;
const BIN = path.resolve(process.env.CERMIN_BIN || path.join(REPO, 'target/debug/cermin'));
const BROWSER = process.env.CERMIN_BROWSER || '/usr/bin/chromium';

const ARTICLE_REL = path.join('content', '2025', '02', 'pemkot-buka-data-kualitas-udara.md');
const ARTICLE_URL = '/2025/02/10/pemkot-buka-data-kualitas-udara/';
const ARTICLE_TEXT = 'Pemerintah kota membuka data pengukuran kualitas udara';
const NOT_FOUND_TITLE = 'Halaman tidak ditemukan';
const OVERLAY = '#cermin-error-overlay';

const STEP_TIMEOUT = 10_000; // write -> visible in the tab
const SERVER_START_TIMEOUT = 30_000;

// ---------------------------------------------------------------------------------------------
// State used by the failure report and the cleanup.

let server = null;
let serverOut = '';
let serverErr = '';
const serverChunks = []; // { at: performance.now(), text } for write -> rebuilt timings
let browser = null;
let page = null;
let tmp = null; // holds site/ (served) and scratch/ (editor temp files)
let site = null;
let scratch = null;
let currentStep = 'setup';
const timings = [];
const pageLog = [];

function log(message) {
  console.log(`[${(performance.now() / 1000).toFixed(2)}s] ${message}`);
}

class TestFailure extends Error {}

function check(condition, message) {
  if (!condition) throw new TestFailure(message);
}

// ---------------------------------------------------------------------------------------------
// Files, written the way editors write them: the whole text to a temp file, renamed over.
//
// The temp file lives in a scratch folder next to the site (same file system, so the rename is
// atomic), not in the article's own folder: cermin rebuilds and reloads tabs for any file event
// in content/, so a temp file created there can cost a separate no-op rebuild and `reload` a
// few ms before the real one when the debounce window splits the two. (Lost reloads are covered
// by check K1 below; this keeps the timings of the main steps clean.)

function writeAtomic(file, text) {
  const temp = path.join(scratch, `${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

function copySite(to) {
  for (const name of ['site.toml', 'content', 'themes', 'static']) {
    const from = path.join(SITE, name);
    check(fs.existsSync(from), `example site is missing ${from}`);
    fs.cpSync(from, path.join(to, name), { recursive: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The server.

function startServer(root) {
  return new Promise((resolve, reject) => {
    check(fs.existsSync(BIN), `cermin binary not found at ${BIN} (build it with cargo build, or set CERMIN_BIN)`);
    server = spawn(BIN, ['serve', '--watch', '--port', '0', '--root', root], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const timer = setTimeout(
      () => reject(new TestFailure(`server printed no URL within ${SERVER_START_TIMEOUT} ms`)),
      SERVER_START_TIMEOUT,
    );
    server.stdout.setEncoding('utf8');
    server.stderr.setEncoding('utf8');
    server.stdout.on('data', (chunk) => {
      serverOut += chunk;
      serverChunks.push({ at: performance.now(), text: chunk });
      const m = serverOut.match(/serving .* at (http:\/\/127\.0\.0\.1:\d+)\/ /);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.stderr.on('data', (chunk) => {
      serverErr += chunk;
      serverChunks.push({ at: performance.now(), text: chunk });
    });
    server.on('error', (e) => {
      clearTimeout(timer);
      reject(new TestFailure(`cannot start ${BIN}: ${e.message}`));
    });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      log(`server exited (code ${code}, signal ${signal})`);
      reject(new TestFailure(`server exited early (code ${code}, signal ${signal})`));
    });
  });
}

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => server.kill('SIGKILL'), 3000);
    server.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    server.kill('SIGINT'); // graceful: the server handles Ctrl-C
  });
}

// ---------------------------------------------------------------------------------------------
// The page.

// Remembers every EventSource the page opens, so the test knows when the live-reload stream is
// connected (a change written before that would be missed by any browser, not just this test).
const TRACK_EVENT_SOURCES = `(() => {
  const Original = window.EventSource;
  window.__cerminSources = [];
  window.__cerminEvents = [];
  window.EventSource = class extends Original {
    constructor(...args) {
      super(...args);
      window.__cerminSources.push(this);
      for (const type of ['reload', 'css', 'build-error']) {
        this.addEventListener(type, () => window.__cerminEvents.push(type));
      }
    }
  };
})();`;

let navigations = 0;

async function waitForLiveStream() {
  await page.waitForFunction(
    () => Array.isArray(window.__cerminSources) && window.__cerminSources.some((s) => s.readyState === 1),
    null,
    { timeout: STEP_TIMEOUT },
  );
}

// Like page.waitForFunction, but survives the page navigating (reloading) while it waits.
async function waitInPage(fn, arg, timeout = STEP_TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new TestFailure(`timed out after ${timeout} ms`);
    try {
      await page.waitForFunction(fn, arg, { timeout: left, polling: 'raf' });
      return;
    } catch (e) {
      const msg = String(e && e.message);
      if (/Execution context was destroyed|Cannot find context|navigat|Target closed/i.test(msg) && !/Timeout/i.test(msg)) {
        continue;
      }
      if (/Timeout/i.test(msg)) throw new TestFailure(`timed out after ${timeout} ms`);
      throw e;
    }
  }
}

// Writes, then waits for the tab to show the effect; records and prints the delay.
async function writeAndWait(label, write, fn, arg) {
  const started = performance.now();
  write();
  try {
    await waitInPage(fn, arg);
  } catch (e) {
    throw new TestFailure(`${label}: ${e.message}`);
  }
  const ms = performance.now() - started;
  // When the server reported the rebuild (or the error): the rest is the browser's share.
  const said = serverChunks.find((c) => c.at >= started && /^(Rebuilt in|error:)/m.test(c.text));
  const serverMs = said ? said.at - started : NaN;
  timings.push({ label, ms, serverMs });
  log(`${label}: visible ${ms.toFixed(0)} ms after the write (server reported after ${serverMs.toFixed(0)} ms)`);
  return ms;
}

async function pageExcerpt() {
  if (!page) return '(no page)';
  try {
    return await page.evaluate(() => {
      const overlay = document.getElementById('cermin-error-overlay');
      const body = document.body ? document.body.innerText : '(no body)';
      return [
        `url: ${location.href}`,
        `title: ${document.title}`,
        `overlay: ${overlay ? JSON.stringify(overlay.innerText.slice(0, 800)) : '(none)'}`,
        `live events received: ${JSON.stringify(window.__cerminEvents || [])}`,
        `body outline: ${document.body ? getComputedStyle(document.body).outline : ''}`,
        `body text (first 1500 chars):\n${body.slice(0, 1500)}`,
      ].join('\n');
    });
  } catch (e) {
    return `(cannot read the page: ${e.message})`;
  }
}

// ---------------------------------------------------------------------------------------------
// The test.

async function main() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cermin-browser-'));
  site = path.join(tmp, 'site');
  scratch = path.join(tmp, 'scratch');
  fs.mkdirSync(site);
  fs.mkdirSync(scratch);
  copySite(site);
  const article = path.join(site, ARTICLE_REL);
  const original = fs.readFileSync(article, 'utf8');
  check(/^date: .*$/m.test(original), `${ARTICLE_REL} has no date line`);
  log(`site copied to ${site}`);

  const base = await startServer(site);
  log(`server: ${serverOut.split('\n')[0]}`);
  const url = base + ARTICLE_URL;

  browser = await chromium.launch({
    executablePath: BROWSER,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext();
  await context.addInitScript(TRACK_EVENT_SOURCES);
  page = await context.newPage();
  page.on('console', (m) => pageLog.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => pageLog.push(`pageerror: ${e.message}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) {
      navigations += 1;
      pageLog.push(`navigated (#${navigations}): ${frame.url()}`);
    }
  });

  currentStep = 'open the article';
  const response = await page.goto(url, { waitUntil: 'load' });
  check(response && response.status() === 200, `GET ${url} answered ${response && response.status()}`);
  check((await page.textContent('body')).includes(ARTICLE_TEXT), 'the article text is not on the page');
  await waitForLiveStream();
  log(`opened ${url} (live-reload stream connected)`);

  // a. Edit the article: the tab reloads and shows the new paragraph.
  currentStep = 'a. edit the article';
  const marker = `Penanda uji ${process.pid}-${Date.now().toString(36)}`;
  const edited = `${original.trimEnd()}\n\n${marker}: paragraf tambahan dari uji peramban.\n`;
  let before = navigations;
  await writeAndWait(
    'a. edit markdown -> new paragraph shown',
    () => writeAtomic(article, edited),
    (m) => document.body && document.body.innerText.includes(m),
    marker,
  );
  check(navigations > before, 'the new paragraph appeared without a page reload (?)');
  await waitForLiveStream();

  // b. Break the front matter: the overlay names the file; the last good page stays underneath.
  currentStep = 'b. break the front matter';
  const broken = edited.replace(/^date: .*$/m, 'date: besok pagi');
  before = navigations;
  await writeAndWait(
    'b. bad front matter -> error overlay shown',
    () => writeAtomic(article, broken),
    ({ sel, file }) => {
      const box = document.querySelector(sel);
      if (!box) return false;
      const r = box.getBoundingClientRect();
      const style = getComputedStyle(box);
      const visible = r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
      return visible && box.innerText.includes(file) && box.innerText.includes('is not a date');
    },
    { sel: OVERLAY, file: path.basename(ARTICLE_REL) },
  );
  check(await page.locator(OVERLAY).isVisible(), 'the overlay is not visible');
  check((await page.getAttribute(OVERLAY, 'role')) === 'alert', 'the overlay has no role=alert');
  const overlayText = await page.locator(OVERLAY).innerText();
  log(`overlay says: ${JSON.stringify(overlayText.replace(/\s+/g, ' ').slice(0, 300))}`);
  check(navigations === before, 'the page reloaded on a build error; it should keep the last good version');
  const bodyUnder = await page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelector('#cermin-error-overlay')?.remove();
    return clone.textContent;
  });
  check(bodyUnder.includes(ARTICLE_TEXT) && bodyUnder.includes(marker), 'the last good article is not under the overlay');
  // The server itself keeps serving the last good version too.
  const lastGood = await fetch(url);
  const lastGoodText = await lastGood.text();
  check(lastGood.status === 200 && lastGoodText.includes(marker), `while broken, GET ${url} answered ${lastGood.status} without the last good text`);

  // c. Fix it: the overlay goes away (with a reload) and the edited article is back.
  currentStep = 'c. fix the front matter';
  before = navigations;
  await writeAndWait(
    'c. fixed front matter -> overlay gone',
    () => writeAtomic(article, edited),
    ({ sel, m }) => document.readyState === 'complete' && !document.querySelector(sel) && document.body.innerText.includes(m),
    { sel: OVERLAY, m: marker },
  );
  check(navigations > before, 'the overlay went away without a reload (?)');
  await waitForLiveStream();
  // The fixed site must not bring the overlay back (e.g. a stale error replayed on reconnect).
  await page.waitForTimeout(300);
  check((await page.locator(OVERLAY).count()) === 0, 'the overlay came back after the fix');

  // d. CSS-only change: the stylesheet is swapped in place, no reload.
  currentStep = 'd. CSS-only change';
  await page.evaluate(() => {
    window.__cerminMarker = 42;
  });
  const themeCss = fs.readFileSync(path.join(site, 'themes', 'default', 'static', 'style.css'), 'utf8');
  check(
    (await page.evaluate(() => getComputedStyle(document.body).outlineWidth)) !== '7px',
    'the body already has a 7px outline before the CSS change',
  );
  before = navigations;
  await writeAndWait(
    'd. static/style.css override -> new style applied',
    () => writeAtomic(path.join(site, 'static', 'style.css'), `${themeCss}\nbody{outline:7px solid rgb(1, 2, 3)}\n`),
    () => getComputedStyle(document.body).outlineWidth === '7px',
    null,
  );
  const outline = await page.evaluate(() => getComputedStyle(document.body).outlineColor);
  check(outline === 'rgb(1, 2, 3)', `outline colour is ${outline}`);
  check((await page.evaluate(() => window.__cerminMarker)) === 42, 'window.__cerminMarker is gone: the page was reloaded');
  check(navigations === before, 'the page navigated on a CSS-only change');
  const events = await page.evaluate(() => window.__cerminEvents.slice());
  check(events.at(-1) === 'css', `the last live event was ${events.at(-1)}, not css`);

  // e. Delete the article: the tab reloads onto the 404 page, and the URL now answers 404.
  currentStep = 'e. delete the article';
  before = navigations;
  await writeAndWait(
    'e. delete markdown -> 404 page shown',
    () => fs.unlinkSync(article),
    (t) => document.readyState !== 'loading' && document.title.includes(t),
    NOT_FOUND_TITLE,
  );
  check(navigations > before, 'the 404 page appeared without a reload (?)');
  check(page.url() === url, `the tab moved to ${page.url()}`);
  const gone = await fetch(url, { redirect: 'manual' });
  const goneText = await gone.text();
  check(gone.status === 404, `GET ${url} answered ${gone.status}, not 404`);
  check(goneText.includes(NOT_FOUND_TITLE), 'the 404 answer is not the theme 404 page');
  const inTab = await page.evaluate(async (u) => (await fetch(u, { cache: 'no-store' })).status, url);
  check(inTab === 404, `fetch() in the tab got ${inTab}, not 404`);
  await waitForLiveStream();

  // f. Bring the article back: the tab, still on the 404 page, reloads onto it.
  currentStep = 'f. restore the article';
  await writeAndWait(
    'f. restore markdown -> article shown again',
    () => writeAtomic(article, original),
    ({ t, text }) => document.readyState !== 'loading' && !document.title.includes(t) && document.body.innerText.includes(text),
    { t: NOT_FOUND_TITLE, text: ARTICLE_TEXT },
  );
  await waitForLiveStream();

  // g. Change the article's date: its address changes, and the tab follows it there (the
  // server sends the old address on to the new one) instead of landing on the 404 page.
  currentStep = 'g. move the article';
  const [, day] = ARTICLE_URL.match(/^\/\d{4}\/\d{2}\/(\d{2})\//);
  const nextDay = String(Number(day) + 1).padStart(2, '0');
  const movedUrl = url.replace(`/${day}/`, `/${nextDay}/`);
  const dateLine = original.match(/^date: .*$/m)[0];
  const movedDate = dateLine.replace(/(\d{4}-\d{2}-)(\d{2})/, `$1${nextDay}`);
  check(movedDate !== dateLine, `cannot move the date in "${dateLine}"`);
  await writeAndWait(
    'g. change the date -> the tab follows the article',
    () => writeAtomic(article, original.replace(dateLine, movedDate)),
    ({ to, text }) => document.readyState !== 'loading' && location.href === to && document.body.innerText.includes(text),
    { to: movedUrl, text: ARTICLE_TEXT },
  );
  check(page.url() === movedUrl, `the tab is on ${page.url()}, not ${movedUrl}`);
  writeAtomic(article, original);
  await waitInPage((u) => document.readyState !== 'loading' && location.href === u, url);
  await waitForLiveStream();

  await regressions({ article, original, url });
}

// Checks for cermin bugs found while writing this test (both fixed; kept as regression tests).
async function regressions({ article, original, url }) {
  const failures = [];

  // K1. Two saves ~120 ms apart (an editor's save, then a formatter or a second save): the first
  // `reload` sends the tab away, the second arrives before the new page has reconnected and is
  // lost, so the tab keeps showing the first save although the server serves the second.
  currentStep = 'K1. two quick saves';
  const first = `Simpan pertama ${Date.now().toString(36)}`;
  const second = `Simpan kedua ${Date.now().toString(36)}`;
  fs.writeFileSync(article, `${original.trimEnd()}\n\n${first}\n`);
  await new Promise((r) => setTimeout(r, 120));
  const started = performance.now();
  fs.writeFileSync(article, `${original.trimEnd()}\n\n${first} ${second}\n`);
  try {
    await waitInPage((m) => document.body && document.body.innerText.includes(m), second);
    log(`K1 ok: the second save shown after ${(performance.now() - started).toFixed(0)} ms`);
  } catch (e) {
    const served = (await (await fetch(url)).text()).includes(second);
    failures.push(`K1: the tab never showed the second of two saves 120 ms apart (server serves it: ${served})`);
  }
  await waitForLiveStream().catch(() => {});
  await page.waitForTimeout(500);
  await waitForLiveStream().catch(() => {});

  // K2. A CSS-only change while an article is broken: cermin skips re-reading content, renders
  // the site without the broken article, clears the error and reloads the tab, which lands on the
  // 404 page with no overlay; "serving the last good version" no longer holds.
  currentStep = 'K2. CSS change while broken';
  fs.writeFileSync(article, original.replace(/^date: .*$/m, 'date: besok pagi'));
  await waitInPage((sel) => !!document.querySelector(sel), OVERLAY).catch(() => {});
  const css = path.join(site, 'static', 'style.css');
  fs.writeFileSync(css, `${fs.readFileSync(css, 'utf8')}\nbody{outline-offset:1px}\n`);
  await page.waitForTimeout(2000);
  const status = (await fetch(url)).status;
  const overlay = await page.locator(OVERLAY).count().catch(() => 0);
  if (status !== 200 || overlay !== 1) {
    failures.push(`K2: after a CSS edit while ${path.basename(article)} is broken, GET ${ARTICLE_URL} answers ${status} (want 200, the last good version) and the overlay is ${overlay ? 'shown' : 'gone'} (want shown)`);
  } else {
    log('K2 ok: the overlay and the last good article survive a CSS edit');
  }
  fs.writeFileSync(article, original);

  check(failures.length === 0, `known cermin bugs still present:\n  ${failures.join('\n  ')}`);
}

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  if (tmp && !process.env.CERMIN_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
}

let exitCode = 0;
try {
  await main();
  console.log('\nPASS: cermin serve live reload in a real browser');
  console.log(`  ${'step'.padEnd(52)} ${'visible'.padStart(8)} ${'server'.padStart(8)}   (ms after the write)`);
  for (const t of timings) {
    console.log(`  ${t.label.padEnd(52)} ${t.ms.toFixed(0).padStart(8)} ${t.serverMs.toFixed(0).padStart(8)}`);
  }
  const rebuilds = serverOut.split('\n').filter((l) => l.startsWith('Rebuilt in'));
  console.log(`  server rebuild lines: ${rebuilds.length} (${rebuilds.map((l) => l.match(/in (\d+) ms/)?.[1] + ' ms').join(', ')})`);
} catch (e) {
  exitCode = 1;
  console.error(`\nFAIL at step "${currentStep}": ${e instanceof TestFailure ? e.message : e.stack || e}`);
  console.error('\n--- page ---');
  console.error(await pageExcerpt());
  console.error('\n--- page events ---');
  console.error(pageLog.slice(-30).join('\n') || '(none)');
  console.error('\n--- server stdout ---');
  console.error(serverOut.trimEnd() || '(empty)');
  console.error('\n--- server stderr ---');
  console.error(serverErr.trimEnd() || '(empty)');
  if (timings.length) {
    console.error('\n--- timings so far ---');
    for (const t of timings) console.error(`  ${t.label}: ${t.ms.toFixed(0)} ms`);
  }
} finally {
  if (server) server.removeAllListeners('exit');
  await cleanup();
}
process.exit(exitCode);
