// Runs a WASI preview 1 command module under Node.js's built-in node:wasi.
//
//   node tools/wasi/node-wasi.mjs PROGRAM.wasm [ARGS...]
//
// The module sees ARGS as its arguments (argv[0] is its file name), the
// environment's PRT_* and GTEST_* variables, stdin/stdout/stderr, and the
// current directory preopened as ".". Its exit code becomes ours; a trap
// (a crash inside the module) reports the error and exits with 134.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { WASI } from 'node:wasi';

const [, , program, ...args] = process.argv;
if (!program) {
  process.stderr.write('usage: node-wasi.mjs PROGRAM.wasm [ARGS...]\n');
  process.exit(2);
}
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(PRT|GTEST)_/.test(k)));
const wasi = new WASI({
  version: 'preview1',
  args: [basename(program), ...args],
  env,
  preopens: { '.': process.cwd() },
  returnOnExit: true,
});
let bytes;
try {
  bytes = await readFile(program);
} catch (e) {
  process.stderr.write(`node-wasi: cannot read ${program}: ${e.message}\n`);
  process.exit(2);
}
try {
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  process.exitCode = wasi.start(instance);
} catch (e) {
  process.stderr.write(`node-wasi: ${program} trapped: ${e.stack || e}\n`);
  process.exitCode = 134;
}
