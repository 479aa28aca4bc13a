import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-WHB2E63Y.mjs";
import "./chunk-AWHN5VWT.mjs";
import "./chunk-SPFZZR3C.mjs";
import "./chunk-KZN2PEO3.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
