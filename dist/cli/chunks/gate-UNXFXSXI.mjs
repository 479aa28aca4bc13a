import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-QOISNPNB.mjs";
import "./chunk-ETAHAL2L.mjs";
import "./chunk-5CEKSWO4.mjs";
import "./chunk-OLFIZXR7.mjs";
import "./chunk-OQU3TEEL.mjs";
import "./chunk-6LD5ITL2.mjs";
import "./chunk-3SNYH3PB.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
