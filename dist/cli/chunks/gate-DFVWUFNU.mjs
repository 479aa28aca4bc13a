import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-ICHE6NHZ.mjs";
import "./chunk-T3FIUHDF.mjs";
import "./chunk-II3JFQ47.mjs";
import "./chunk-4K4RSZB7.mjs";
import "./chunk-OQU3TEEL.mjs";
import "./chunk-44Y6K3WM.mjs";
import "./chunk-M6OT5ZQH.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
