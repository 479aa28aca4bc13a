import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-W2F4OIYR.mjs";
import "./chunk-MQE7CP6J.mjs";
import "./chunk-B6GJCC5Z.mjs";
import "./chunk-YQVUNQ2A.mjs";
import "./chunk-ZS7SFWEG.mjs";
import "./chunk-GLTT7IJK.mjs";
import "./chunk-47BHDAET.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
