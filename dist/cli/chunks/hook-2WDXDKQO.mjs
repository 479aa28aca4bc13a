import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  hookCommand
} from "./chunk-MGW6EAEN.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-YN2G34MT.mjs";
import "./chunk-WIK5C6RR.mjs";
import "./chunk-72RH5EZN.mjs";
import "./chunk-SAI5SU2U.mjs";
import "./chunk-O7CMETT5.mjs";
import "./chunk-NIT4QXTO.mjs";
import "./chunk-4GD4C4T6.mjs";
import "./chunk-7H2D2UDD.mjs";
import "./chunk-2543WERG.mjs";
import "./chunk-VGNHR5IA.mjs";
import "./chunk-KBDOPHKI.mjs";
import "./chunk-EEGBRVFG.mjs";
import "./chunk-N45RTMHM.mjs";
import "./chunk-ZSO65TAP.mjs";
import "./chunk-P4BCTC5C.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  hookCommand
};
