import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-ZGILREKF.mjs";
import "./chunk-TXKR4PGQ.mjs";
import "./chunk-KG4MNFG3.mjs";
import "./chunk-WG4SXDLO.mjs";
import "./chunk-ZS7SFWEG.mjs";
import "./chunk-TAI4HHBT.mjs";
import "./chunk-6CFSHMWB.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
