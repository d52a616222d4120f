// Real-browser test of the site issue 17 is judged on (made by tests/browser/photo_site.sh: a
// new site with page bundles, pages imported with their saved images, hostile image files).
// Every HTML page of the built site is opened over HTTP in Chromium at phone width (360 px,
// 2 device pixels per CSS pixel) and at desktop width (1350 px, 1 device pixel), scrolled to
// its end so lazy images load, and checked:
//
//   - every request goes to the site's own host (the network log), and none fails;
//   - every <img> has width and height, and has loaded (no broken image);
//   - every responsive image loaded the variant that fits: its width covers the image's
//     width on screen in device pixels, and no narrower candidate would have (or it is the
//     widest there is);
//   - the cumulative layout shift is 0;
//   - no page is wider than the screen.
//
// And, read from the files: og:image / twitter:image of every article page name a JPEG of
// the site whose pixel size is og:image:width × og:image:height, with og:image:alt; the feed's
// <media:content> and <enclosure> name such a file, and <enclosure length> is its size.
//
// Run through tests/browser/run.sh, or directly (after photo_site.sh DIR):
//   NODE_PATH=tests/browser/.tools/node_modules node tests/browser/photos_test.mjs DIR/public
// Environment: CERMIN_BROWSER (default /usr/bin/chromium).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from './playwright.mjs';

const BROWSER = process.env.CERMIN_BROWSER || '/usr/bin/chromium';
const PUBLIC = path.resolve(process.argv[2] || '');
const BASE_URL = 'https://cermin.example.id/';

const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
}

const WIDTHS = [
  { name: '360 px', viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 },
  { name: '1350 px', viewport: { width: 1350, height: 900 }, deviceScaleFactor: 1 },
];

// Pages to take a picture of with PHOTOS_SCREENSHOTS=DIR (to look at, not compared).
const SCREENSHOTS = ['/', '/2026/11/20/lari-pagi/', '/2026/11/22/berkas-rusak/', '/2026/11/24/banjir-rendam-kampung-melayu/'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** A static server of public/ on 127.0.0.1 (folders serve their index.html). */
function serve(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function htmlPages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) pages.push('/' + path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return pages.map((p) => p.replace(/index\.html$/, ''));
}

/** Width × height of a JPEG (its first SOFn segment) or PNG file. */
function pixelSize(file) {
  const b = fs.readFileSync(file);
  if (b[0] === 0x89 && b.toString('latin1', 1, 4) === 'PNG') return [b.readUInt32BE(16), b.readUInt32BE(20)];
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    const len = b.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return [b.readUInt16BE(at + 7), b.readUInt16BE(at + 5)];
    }
    at += 2 + len;
  }
  return null;
}

/** The file of public/ an absolute URL of the site names. */
function fileOf(url) {
  check(url.startsWith(BASE_URL), `${url} is not an address of the site (${BASE_URL})`);
  return path.join(PUBLIC, decodeURIComponent(url.slice(BASE_URL.length)));
}

function checkSocialCards(pages) {
  let articles = 0;
  for (const page of pages) {
    const html = fs.readFileSync(path.join(PUBLIC, page.endsWith('/') ? page + 'index.html' : page), 'utf8');
    if (!html.includes('<meta property="og:type" content="article">')) continue;
    articles++;
    const meta = (attr, name) => {
      const m = html.match(new RegExp(`<meta ${attr}="${name}" content="([^"]*)">`));
      return m ? m[1].replace(/&amp;/g, '&') : null;
    };
    const image = meta('property', 'og:image');
    check(image, `${page}: no og:image`);
    if (!image) continue;
    check(/\.jpe?g$/i.test(image), `${page}: og:image ${image} is not a JPEG`);
    check(meta('name', 'twitter:image') === image, `${page}: twitter:image is not og:image`);
    check(meta('name', 'twitter:card') === 'summary_large_image', `${page}: twitter:card is not summary_large_image`);
    const file = fileOf(image);
    check(fs.existsSync(file), `${page}: og:image ${image} is not in public/`);
    if (!fs.existsSync(file)) continue;
    const [w, h] = pixelSize(file) || [];
    check(w <= 1200, `${page}: og:image is ${w} pixels wide, more than 1200`);
    check(meta('property', 'og:image:width') === String(w), `${page}: og:image:width ${meta('property', 'og:image:width')}, the file is ${w} wide`);
    check(meta('property', 'og:image:height') === String(h), `${page}: og:image:height ${meta('property', 'og:image:height')}, the file is ${h} high`);
    check(meta('property', 'og:image:type') === 'image/jpeg', `${page}: og:image:type is not image/jpeg`);
    check((meta('property', 'og:image:alt') || '').length > 0, `${page}: no og:image:alt`);
  }
  check(articles >= 8, `only ${articles} article pages found`);
  console.log(`  social cards: ${articles} article pages checked`);
}

function checkFeed() {
  const rss = fs.readFileSync(path.join(PUBLIC, 'rss.xml'), 'utf8');
  const items = rss.split('<item>').slice(1);
  let withImage = 0;
  for (const item of items) {
    const title = (item.match(/<title>([^<]*)<\/title>/) || [])[1];
    const media = item.match(/<media:content url="([^"]*)" medium="image" type="image\/jpeg"/);
    const enclosure = item.match(/<enclosure url="([^"]*)" length="(\d+)" type="image\/jpeg"\/>/);
    check(Boolean(media) === Boolean(enclosure), `rss.xml "${title}": media:content and enclosure do not come together`);
    if (!media || !enclosure) continue;
    withImage++;
    check(media[1] === enclosure[1], `rss.xml "${title}": media:content and enclosure name different files`);
    const file = fileOf(enclosure[1]);
    check(fs.existsSync(file), `rss.xml "${title}": ${enclosure[1]} is not in public/`);
    if (fs.existsSync(file)) {
      check(fs.statSync(file).size === Number(enclosure[2]), `rss.xml "${title}": enclosure length ${enclosure[2]}, the file has ${fs.statSync(file).size} bytes`);
      check((pixelSize(file) || [0])[0] <= 1200, `rss.xml "${title}": the image is wider than 1200 pixels`);
    }
  }
  check(withImage >= 5, `rss.xml: only ${withImage} items carry an image`);
  console.log(`  rss.xml: ${items.length} items, ${withImage} with an image`);
}

/** Watches layout shifts from the first paint on (buffered entries count). */
const RECORD_SHIFTS = () => {
  window.__shift = 0;
  window.__shifted = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shift += e.value;
      for (const s of e.sources) {
        const node = s.node && (s.node.outerHTML || s.node.textContent || '').slice(0, 100);
        window.__shifted.push(`${node} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`);
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

async function checkPage(page, origin, rel, width) {
  const where = `${rel} at ${width.name}`;
  const requests = [];
  const failed = [];
  const onRequest = (r) => requests.push(r.url());
  const onFailed = (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`);
  const onResponse = (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} (${r.status()})`);
  };
  page.on('request', onRequest);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  await page.goto(origin + rel, { waitUntil: 'load' });
  // Scroll to the end a screen at a time, so every lazy image loads, then wait for them.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += width.viewport.height / 2) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => {}))));
  await page.waitForTimeout(100);
  const facts = await page.evaluate(() => {
    const candidates = (set) =>
      (set || '')
        .split(/,\s+/)
        .filter(Boolean)
        .map((c) => {
          const [url, w] = c.trim().split(/\s+/);
          return { url: new URL(url, document.baseURI).href, width: parseInt(w, 10) };
        });
    return {
      shift: window.__shift,
      shifted: window.__shifted,
      scrollWidth: document.documentElement.scrollWidth,
      images: [...document.images].map((img) => {
        const source = img.parentElement.tagName === 'PICTURE' ? img.parentElement.querySelector('source') : null;
        return {
          src: img.getAttribute('src'),
          width: img.getAttribute('width'),
          height: img.getAttribute('height'),
          complete: img.complete,
          natural: img.naturalWidth,
          shown: img.getBoundingClientRect().width,
          current: img.currentSrc,
          candidates: [...candidates(source?.getAttribute('srcset')), ...candidates(img.getAttribute('srcset'))],
        };
      }),
    };
  });
  page.off('request', onRequest);
  page.off('requestfailed', onFailed);
  page.off('response', onResponse);

  for (const url of requests) {
    check(url.startsWith(origin + '/') || url.startsWith('data:'), `${where}: a request to another host: ${url}`);
  }
  for (const f of failed) check(false, `${where}: a request failed: ${f}`);
  check(facts.shift === 0, `${where}: cumulative layout shift ${facts.shift}, not 0; moved: ${facts.shifted.join('; ')}`);
  check(facts.scrollWidth <= width.viewport.width, `${where}: the page is ${facts.scrollWidth} px wide`);
  for (const img of facts.images) {
    const what = `${where}: <img src="${img.src}">`;
    check(img.width && img.height, `${what} has no width and height`);
    check(img.complete && img.natural > 0, `${what} did not load (a broken image)`);
    const offered = img.candidates.filter((c) => c.url.split('.').pop() === img.current.split('.').pop());
    if (offered.length === 0 || img.shown === 0) continue;
    const chosen = offered.find((c) => c.url === img.current);
    check(chosen, `${what}: showed ${img.current}, not one of its candidates`);
    if (!chosen) continue;
    const needed = img.shown * width.deviceScaleFactor;
    const widest = Math.max(...offered.map((c) => c.width));
    const smallestThatFits = Math.min(...offered.filter((c) => c.width >= needed).map((c) => c.width), widest);
    check(
      chosen.width === smallestThatFits,
      `${what}: loaded the ${chosen.width}w variant for ${Math.round(needed)} device pixels; the one that fits is ${smallestThatFits}w`,
    );
  }
  return { images: facts.images.length, requests: requests.length };
}

async function main() {
  if (!fs.existsSync(path.join(PUBLIC, 'index.html'))) {
    console.error('usage: photos_test.mjs PUBLIC_DIR (a site built by photo_site.sh)');
    process.exit(2);
  }
  const pages = htmlPages(PUBLIC);
  console.log(`photos: ${pages.length} pages of ${PUBLIC}`);
  checkSocialCards(pages);
  checkFeed();
  const server = await serve(PUBLIC);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: BROWSER, args: ['--no-sandbox'] });
  try {
    for (const width of WIDTHS) {
      let images = 0;
      let requests = 0;
      for (const rel of pages) {
        // A fresh context a page: an empty cache, as a reader arriving at the page has
        // (Chromium would show a wider variant it already holds).
        const context = await browser.newContext({ viewport: width.viewport, deviceScaleFactor: width.deviceScaleFactor });
        await context.addInitScript(RECORD_SHIFTS);
        const page = await context.newPage();
        const seen = await checkPage(page, origin, rel, width);
        images += seen.images;
        requests += seen.requests;
        if (process.env.PHOTOS_SCREENSHOTS && SCREENSHOTS.includes(rel)) {
          const name = `${rel.replace(/\//g, '_')}${width.viewport.width}.png`;
          await page.screenshot({ path: path.join(process.env.PHOTOS_SCREENSHOTS, name), fullPage: true });
        }
        await context.close();
      }
      console.log(`  ${width.name}: ${pages.length} pages, ${images} images, ${requests} requests`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (failures.length) {
    console.error(`photos: ${failures.length} failure(s):\n  ` + failures.join('\n  '));
    process.exit(1);
  }
  console.log('photos: all checks passed');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
