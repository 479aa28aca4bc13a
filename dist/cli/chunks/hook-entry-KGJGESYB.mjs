import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  hookCommand
} from "./chunk-VNMVW4W6.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-5UFVST4S.mjs";
import {
  EXIT
} from "./chunk-V4KCLJIU.mjs";
import "./chunk-6DU4K2F4.mjs";
import "./chunk-SITSZGGZ.mjs";
import {
  isCavraError
} from "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/hook-entry.ts
async function runHookCli(args, io) {
  try {
    return await hookCommand(args, io);
  } catch (error) {
    const message = isCavraError(error) ? `${error.message}${error.hint ? ` (${error.hint})` : ""} [${error.code}]` : error instanceof Error ? error.message : String(error);
    io.stderr.write(`cavra: ${message}
`);
    return EXIT.usage;
  }
}
export {
  runHookCli
};
