import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-Q3Z5RHUK.mjs";
import "./chunk-XGUSNVNK.mjs";
import "./chunk-WUWVOYZZ.mjs";
import "./chunk-CBP7PQNN.mjs";
import "./chunk-OQU3TEEL.mjs";
import "./chunk-VMD2WPSL.mjs";
import "./chunk-4F2SDX2D.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
