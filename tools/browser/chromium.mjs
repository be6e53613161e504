// Runs a program built with TARGET=browser in a real headless Chromium.
//
//   node tools/browser/chromium.mjs [OPTIONS] PROGRAM.js [ARGS...]
//
//   --timeout SECONDS   fail after this long (default 900)
//   --until TEXT        a program that keeps running (a page): succeed once it
//                       prints a line containing TEXT, printing the page's
//                       text then
//   --screenshot FILE   with --until: save a PNG of the page at that moment
//   --serve             only serve the page and print its address, until
//                       interrupted (open it in any browser)
//
// 1. Serves PROGRAM.js's folder on 127.0.0.1 (a free port) with the
//    cross-origin isolation headers (COOP same-origin, COEP require-corp)
//    that SharedArrayBuffer, and so threads, need; plus one generated page
//    that sets up emscripten's Module (arguments, output, exit) and loads
//    the program.
// 2. Launches Debian's Chromium through playwright-core (installed in
//    tools/browser/node_modules by .ci/setup browser) with a fresh profile
//    (playwright makes a temporary one).
// 3. Streams the program's stdout and stderr to ours as it prints, and
//    exits with the program's exit code once it exits.
// The run fails (exit status 1, with the reason) on an uncaught page error,
// a console error that is not the program's own stderr, a failed request,
// or the timeout (default 900 s).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const argv = process.argv.slice(2);
let timeoutSeconds = 900;
let until = null;
let screenshot = null;
let serveOnly = false;
while (argv[0]?.startsWith('--')) {
  const flag = argv.shift();
  if (flag === '--timeout') timeoutSeconds = Number(argv.shift());
  else if (flag === '--until') until = argv.shift();
  else if (flag === '--screenshot') screenshot = argv.shift();
  else if (flag === '--serve') serveOnly = true;
  else {
    process.stderr.write(`chromium.mjs: unknown option ${flag}\n`);
    process.exit(2);
  }
}
const [program, ...args] = argv;
if (!program || !(timeoutSeconds > 0) || (screenshot && !until) || until === undefined) {
  process.stderr.write('usage: chromium.mjs [--timeout S] [--until TEXT [--screenshot FILE]] [--serve] PROGRAM.js [ARGS...]\n');
  process.exit(2);
}
const root = resolve(dirname(program));
const script = basename(program);

const kTypes = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
};

// The page: Module's hooks report to the runner through window.__prt
// (exposed below); output is line-buffered by emscripten already.
const page = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${script}</title>
<script>
  var Module = {
    arguments: ${JSON.stringify(args)},
    print: (line) => window.__prt('out', String(line)),
    printErr: (line) => window.__prt('err', String(line)),
    onExit: (code) => window.__prt('exit', String(code)),
    onAbort: (what) => window.__prt('abort', String(what)),
  };
</script>
<script src="${script}"></script>
`;

const server = createServer(async (req, res) => {
  const headers = {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cache-Control': 'no-store',
  };
  const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  if (path === '/' || path === '/__prt_runner.html') {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html' });
    res.end(page);
    return;
  }
  const file = resolve(root, '.' + path);
  if (!file.startsWith(root + sep)) {
    res.writeHead(403, headers);
    res.end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'Content-Type': kTypes[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, headers);
    res.end();
  }
});
await new Promise((ok) => server.listen(serveOnly ? 8080 : 0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/__prt_runner.html`;
if (serveOnly) {
  process.stdout.write(`serving ${program} with COOP/COEP at ${url} (Ctrl-C stops)\n`);
  await new Promise(() => {});
}

// launch() gives the browser a fresh temporary profile of its own.
const browser = await chromium.launch({
  executablePath: process.env.PRT_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});

let finish;
const finished = new Promise((ok) => { finish = ok; });
const fail = (why) => finish({ code: 1, why });

try {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.exposeFunction('__prt', async (kind, text) => {
    if (kind === 'out') {
      process.stdout.write(text + '\n');
      if (until !== null && text.includes(until)) {
        // The page has reached the awaited state: record it, then succeed.
        try {
          const body = await tab.evaluate(() => document.body.innerText);
          process.stdout.write(`--- page text ---\n${body}\n--- end of page text ---\n`);
          if (screenshot) await tab.screenshot({ path: screenshot, fullPage: true });
          finish({ code: 0 });
        } catch (e) {
          fail(`could not record the page: ${e.message}`);
        }
      }
    }
    else if (kind === 'err') process.stderr.write(text + '\n');
    else if (kind === 'exit') finish({ code: Number(text) });
    else if (kind === 'abort') fail(`the program aborted: ${text}`);
  });
  tab.on('pageerror', (e) => fail(`uncaught error in the page: ${e.message}`));
  tab.on('console', (m) => {
    // The program's stderr arrives through printErr; a console error is
    // the page's or the loader's own.
    if (m.type() === 'error') fail(`console error: ${m.text()}`);
  });
  tab.on('requestfailed', (r) => fail(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  const timer = setTimeout(() => fail(`timed out after ${timeoutSeconds} s`), timeoutSeconds * 1000);
  await tab.goto(url);
  const { code, why } = await finished;
  clearTimeout(timer);
  if (why) process.stderr.write(`tools/browser/chromium: ${why}\n`);
  process.exitCode = code;
} catch (e) {
  process.stderr.write(`tools/browser/chromium: ${e.stack || e}\n`);
  process.exitCode = 1;
} finally {
  await browser.close().catch(() => {});
  server.close();
}
