import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  require_fs
} from "./chunk-ZSO65TAP.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/process-io.ts
var import_node_fs = __toESM(require_fs(), 1);
var processIo = {
  async readStdin() {
    try {
      return (0, import_node_fs.readFileSync)(0, "utf8");
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      return readStream(process.stdin);
    }
  },
  async writeStdout(text) {
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    try {
      while (written < bytes.length) written += (0, import_node_fs.writeSync)(1, bytes, written);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      await new Promise((resolve, reject) => process.stdout.write(bytes.subarray(written), (failure) => failure ? reject(failure) : resolve()));
    }
  }
};
async function readStream(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

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
  processIo,
  readStream,
  EXIT,
  readStdin,
  writeStdout,
  writeStderr,
  writeAll
};
