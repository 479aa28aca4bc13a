import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-LX5233TI.mjs";
import "./chunk-WA7UJTUA.mjs";
import "./chunk-JDV2MTAY.mjs";
import "./chunk-CFHQ3IBN.mjs";
import "./chunk-RRLSDT7W.mjs";
import "./chunk-ZS7SFWEG.mjs";
import "./chunk-2OZ6LO36.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
