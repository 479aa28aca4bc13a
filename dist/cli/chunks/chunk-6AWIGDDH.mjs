import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  readStream
} from "./chunk-F6YFSTBB.mjs";

// packages/cli/src/io.ts
var EXIT = { ok: 0, failed: 1, usage: 2 };
function readStdin(io) {
  return io.process ? io.process.readStdin() : readStream(io.stdin);
}
function writeStdout(io, text) {
  return io.process ? io.process.writeStdout(text) : writeAll(io.stdout, text);
}
function writeStderr(io, text) {
  return text === "" ? Promise.resolve() : writeAll(io.stderr, text);
}
function writeAll(stream, text) {
  return new Promise((resolve, reject) => {
    if (text === "") return resolve();
    stream.write(text, (error) => error ? reject(error) : resolve());
  });
}

export {
  EXIT,
  readStdin,
  writeStdout,
  writeStderr,
  writeAll
};
