import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-CYK3IKMR.mjs";
import "./chunk-PE3JXAFV.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-V4KCLJIU.mjs";
import "./chunk-6DU4K2F4.mjs";
import "./chunk-SITSZGGZ.mjs";
import {
  CavraError
} from "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/demo.ts
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var demoCommand = async (args, io) => gateCommand(["--provider", "local", "--mode", "shadow", "--session", findDemoSession(), ...args], io);
function findDemoSession() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, "fixtures", "demo", "requests.jsonl");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new CavraError("ERR_INPUT_UNREADABLE", "cannot find the bundled demo scenario `fixtures/demo/requests.jsonl`", { hint: "run from a checkout of the cavra repository" });
}
export {
  demoCommand
};
