import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  evidenceCommand,
  readInput,
  readJsonObject
} from "./chunk-2ZC65CXQ.mjs";
import "./chunk-IQTRS245.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  evidenceCommand,
  readInput,
  readJsonObject
};
