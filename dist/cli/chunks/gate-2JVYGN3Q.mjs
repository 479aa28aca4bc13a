import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-CYK3IKMR.mjs";
import "./chunk-PE3JXAFV.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-V4KCLJIU.mjs";
import "./chunk-6DU4K2F4.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
