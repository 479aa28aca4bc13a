import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  hookCommand
} from "./chunk-VNMVW4W6.mjs";
import "./chunk-CPZPROH3.mjs";
import "./chunk-5UFVST4S.mjs";
import "./chunk-V4KCLJIU.mjs";
import "./chunk-6DU4K2F4.mjs";
import "./chunk-SITSZGGZ.mjs";
import "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";
export {
  hookCommand
};
