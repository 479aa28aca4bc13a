import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  hookCommand
} from "./chunk-MGW6EAEN.mjs";
import "./chunk-CPZPROH3.mjs";
import {
  EXIT,
  processIo
} from "./chunk-YN2G34MT.mjs";
import {
  wasmTunedForShortRuns
} from "./chunk-WIK5C6RR.mjs";
import "./chunk-72RH5EZN.mjs";
import "./chunk-SAI5SU2U.mjs";
import "./chunk-O7CMETT5.mjs";
import "./chunk-NIT4QXTO.mjs";
import "./chunk-4GD4C4T6.mjs";
import {
  isCavraError
} from "./chunk-7H2D2UDD.mjs";
import "./chunk-2543WERG.mjs";
import "./chunk-VGNHR5IA.mjs";
import "./chunk-KBDOPHKI.mjs";
import "./chunk-EEGBRVFG.mjs";
import "./chunk-N45RTMHM.mjs";
import "./chunk-ZSO65TAP.mjs";
import "./chunk-P4BCTC5C.mjs";
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
  processIo,
  runHookCli,
  wasmTunedForShortRuns
};
