import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  hookCommand
} from "./chunk-MKYPDS6V.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-EANLXPRZ.mjs";
import "./chunk-2G4W7T3P.mjs";
import "./chunk-72RH5EZN.mjs";
import "./chunk-SAI5SU2U.mjs";
import "./chunk-O7CMETT5.mjs";
import "./chunk-NIT4QXTO.mjs";
import "./chunk-U2FEB4K6.mjs";
import "./chunk-EZW7IRUX.mjs";
import "./chunk-7H2D2UDD.mjs";
import "./chunk-NFUUJ2J2.mjs";
import "./chunk-QQJ7VXXW.mjs";
import "./chunk-VWNQZBN6.mjs";
import "./chunk-CDOWYKDD.mjs";
import "./chunk-EOZURJP4.mjs";
import "./chunk-K3EGU7I6.mjs";
import "./chunk-BFCUMFYK.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  hookCommand
};
