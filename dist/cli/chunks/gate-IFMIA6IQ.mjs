import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-SRZ3TY6A.mjs";
import "./chunk-D3K67HVV.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-V4KCLJIU.mjs";
import "./chunk-NEXQUDKQ.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
