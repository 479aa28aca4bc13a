import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-ZL3E3FUA.mjs";
import "./chunk-GDBZIELI.mjs";
import "./chunk-KCJC54SM.mjs";
import "./chunk-RJ5L77CV.mjs";
import "./chunk-OQU3TEEL.mjs";
import "./chunk-ASJYCGRV.mjs";
import "./chunk-52PVGCAI.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
