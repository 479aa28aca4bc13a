import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);

// packages/cli/src/io.ts
var EXIT = { ok: 0, failed: 1, usage: 2 };
function writeAll(stream, text) {
  return new Promise((resolve, reject) => {
    if (text === "") return resolve();
    stream.write(text, (error) => error ? reject(error) : resolve());
  });
}

export {
  EXIT,
  writeAll
};
