import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-BKCKGJBB.mjs";
import "./chunk-5CEKLBE4.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-PYOF72J6.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-YV7B2HN2.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
