import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-F7MNGCDN.mjs";
import "./chunk-6R3S2QEH.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-3VS7PCDK.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-YV7B2HN2.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
