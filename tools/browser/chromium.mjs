// Runs a program built with TARGET=browser in a real headless Chromium.
//
//   node tools/browser/chromium.mjs [--timeout SECONDS] PROGRAM.js [ARGS...]
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
if (argv[0] === '--timeout') {
  timeoutSeconds = Number(argv[1]);
  argv.splice(0, 2);
}
const [program, ...args] = argv;
if (!program || !(timeoutSeconds > 0)) {
  process.stderr.write('usage: chromium.mjs [--timeout SECONDS] PROGRAM.js [ARGS...]\n');
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
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/__prt_runner.html`;

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
  await tab.exposeFunction('__prt', (kind, text) => {
    if (kind === 'out') process.stdout.write(text + '\n');
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
