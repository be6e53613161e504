// Opens a local HTML file in headless Chromium with the network cut off,
// takes a full-page screenshot, and reports what rendered, as JSON on stdout.
//
//   node tools/browser/page-check.mjs PAGE.html SCREENSHOT.png [ATTRIBUTE...]
//
// For each ATTRIBUTE (e.g. data-metric) the report lists every element that
// carries it: the attribute's value and the element's rendered width and
// height (0 for an element that is in the page but not laid out). It also
// lists every request the page made besides loading itself (a
// self-contained page makes none), every console error and page error, and
// the page's size:
//   {"requests": [], "errors": [], "width": 1280, "height": 5120,
//    "elements": {"data-metric": [{"value": "native/task_spawn", "width": 220, "height": 38}, ...]}}
// Chromium is Debian's (PRT_CHROMIUM overrides the path), driven by
// playwright-core from tools/browser/node_modules (.ci/setup browser).
// Exit status: 0 once the report is written, 1 if the page failed to load,
// 2 for bad usage.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [page, shot, ...attributes] = process.argv.slice(2);
if (!page || !shot) {
  process.stderr.write('usage: node tools/browser/page-check.mjs PAGE.html SCREENSHOT.png [ATTRIBUTE...]\n');
  process.exit(2);
}
const pageUrl = pathToFileURL(resolve(page)).href;

const browser = await chromium.launch({
  executablePath: process.env.PRT_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
let code = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  const errors = [];
  // Anything but the page itself is refused and reported.
  await context.route('**/*', (route) => {
    if (route.request().url() === pageUrl) return route.continue();
    if (!requests.includes(route.request().url())) requests.push(route.request().url());
    return route.abort();
  });
  const tab = await context.newPage();
  tab.on('request', (r) => { if (r.url() !== pageUrl && !requests.includes(r.url())) requests.push(r.url()); });
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  tab.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  const response = await tab.goto(pageUrl, { waitUntil: 'load', timeout: 60000 });
  if (response && !response.ok()) throw new Error(`loading ${pageUrl}: status ${response.status()}`);
  await tab.screenshot({ path: shot, fullPage: true });
  const facts = await tab.evaluate((attrs) => {
    const elements = {};
    for (const attr of attrs) {
      elements[attr] = [...document.querySelectorAll(`[${attr}]`)].map((el) => {
        const box = el.getBoundingClientRect();
        return { value: el.getAttribute(attr), width: Math.round(box.width), height: Math.round(box.height) };
      });
    }
    return { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight, elements };
  }, attributes);
  process.stdout.write(JSON.stringify({ requests, errors, ...facts }) + '\n');
} catch (e) {
  process.stderr.write(`page-check: ${e.message}\n`);
  code = 1;
} finally {
  await browser.close();
}
process.exit(code);
