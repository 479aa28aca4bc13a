import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-O2PJ4O7V.mjs";
import "./chunk-5OGQEK5W.mjs";
import "./chunk-DU62AEHY.mjs";
import "./chunk-C27AM5TE.mjs";
import "./chunk-IQTRS245.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-DUYD24HV.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
