import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  gateCommand
} from "./chunk-ZQADJS5Y.mjs";
import "./chunk-GDEA5W7I.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-V4KCLJIU.mjs";
import "./chunk-CL4N2HGV.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  gateCommand
};
