// Loaded by `jco run --jco-import` (tools/wasi/run) before the module
// starts: preopens the current directory as ".", as the node:wasi runner
// does, so both hosts show a module the same files. (jco's own default
// preopens nothing a preview 1 module can reach.)
import process from 'node:process';
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

_setPreopens({ '.': process.cwd() });
