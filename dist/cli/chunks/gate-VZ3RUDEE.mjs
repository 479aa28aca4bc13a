import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-6IEMNNS3.mjs";
import "./chunk-5GRJ32DH.mjs";
import "./chunk-QPSH6RT2.mjs";
import "./chunk-J4CKKIHH.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
