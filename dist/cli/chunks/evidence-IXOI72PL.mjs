import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  evidenceCommand,
  readInput,
  readJsonObject
} from "./chunk-2IRJST2P.mjs";
import "./chunk-PYOF72J6.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-YV7B2HN2.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  evidenceCommand,
  readInput,
  readJsonObject
};
