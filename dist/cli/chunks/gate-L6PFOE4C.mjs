import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-ABCFYSDI.mjs";
import "./chunk-MB3WSSS5.mjs";
import "./chunk-YGTYQITI.mjs";
import "./chunk-CX3QQTC4.mjs";
import "./chunk-ZS7SFWEG.mjs";
import "./chunk-MNHX25Z2.mjs";
import "./chunk-FDBBHQVB.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
