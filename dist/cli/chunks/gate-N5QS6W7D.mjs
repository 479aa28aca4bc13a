import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-ARUVE4XR.mjs";
import "./chunk-IKGPR7UY.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-MR5ZBU6V.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
