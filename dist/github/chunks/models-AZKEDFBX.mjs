import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  require_models
} from "./chunk-BFBBSQA4.mjs";
import "./chunk-EOPEIGEJ.mjs";
import "./chunk-OEJ5TTXT.mjs";
export default require_models();
