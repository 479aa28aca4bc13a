import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-TJJ5RMNC.mjs";
import "./chunk-OUY2YG3K.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-YN2G34MT.mjs";
import "./chunk-WIK5C6RR.mjs";
import "./chunk-72RH5EZN.mjs";
import "./chunk-SAI5SU2U.mjs";
import "./chunk-O7CMETT5.mjs";
import "./chunk-NIT4QXTO.mjs";
import "./chunk-4GD4C4T6.mjs";
import {
  CavraError
} from "./chunk-7H2D2UDD.mjs";
import "./chunk-2543WERG.mjs";
import "./chunk-VGNHR5IA.mjs";
import "./chunk-KBDOPHKI.mjs";
import {
  require_url
} from "./chunk-EEGBRVFG.mjs";
import "./chunk-N45RTMHM.mjs";
import {
  require_fs
} from "./chunk-ZSO65TAP.mjs";
import {
  require_path
} from "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/demo.ts
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var import_node_url = __toESM(require_url(), 1);
var demoCommand = async (args, io) => gateCommand(["--provider", "local", "--mode", "shadow", "--session", findDemoSession(), ...args], io);
function findDemoSession() {
  let dir = (0, import_node_path.dirname)((0, import_node_url.fileURLToPath)(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = (0, import_node_path.join)(dir, "fixtures", "demo", "requests.jsonl");
    if ((0, import_node_fs.existsSync)(candidate)) return candidate;
    dir = (0, import_node_path.dirname)(dir);
  }
  throw new CavraError("ERR_INPUT_UNREADABLE", "cannot find the bundled demo scenario `fixtures/demo/requests.jsonl`", { hint: "run from a checkout of the cavra repository" });
}
export {
  demoCommand
};
