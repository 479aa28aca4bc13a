import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:module
var require_module = __commonJS({
  "builtin-through-require:module"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:module");
    module.exports = /* @__PURE__ */ Object.create({
      get "_cache"() {
        return load()["_cache"];
      },
      get "_pathCache"() {
        return load()["_pathCache"];
      },
      get "_extensions"() {
        return load()["_extensions"];
      },
      get "globalPaths"() {
        return load()["globalPaths"];
      },
      get "_debug"() {
        return load()["_debug"];
      },
      get "isBuiltin"() {
        return load()["isBuiltin"];
      },
      get "_findPath"() {
        return load()["_findPath"];
      },
      get "_nodeModulePaths"() {
        return load()["_nodeModulePaths"];
      },
      get "_resolveLookupPaths"() {
        return load()["_resolveLookupPaths"];
      },
      get "_load"() {
        return load()["_load"];
      },
      get "_resolveFilename"() {
        return load()["_resolveFilename"];
      },
      get "createRequire"() {
        return load()["createRequire"];
      },
      get "_initPaths"() {
        return load()["_initPaths"];
      },
      get "_preloadModules"() {
        return load()["_preloadModules"];
      },
      get "syncBuiltinESMExports"() {
        return load()["syncBuiltinESMExports"];
      },
      get "Module"() {
        return load()["Module"];
      },
      get "registerHooks"() {
        return load()["registerHooks"];
      },
      get "builtinModules"() {
        return load()["builtinModules"];
      },
      get "runMain"() {
        return load()["runMain"];
      },
      get "register"() {
        return load()["register"];
      },
      get "constants"() {
        return load()["constants"];
      },
      get "enableCompileCache"() {
        return load()["enableCompileCache"];
      },
      get "findPackageJSON"() {
        return load()["findPackageJSON"];
      },
      get "flushCompileCache"() {
        return load()["flushCompileCache"];
      },
      get "getCompileCacheDir"() {
        return load()["getCompileCacheDir"];
      },
      get "stripTypeScriptTypes"() {
        return load()["stripTypeScriptTypes"];
      },
      get "findSourceMap"() {
        return load()["findSourceMap"];
      },
      get "SourceMap"() {
        return load()["SourceMap"];
      },
      get "getSourceMapsSupport"() {
        return load()["getSourceMapsSupport"];
      },
      get "setSourceMapsSupport"() {
        return load()["setSourceMapsSupport"];
      }
    });
  }
});

export {
  require_module
};
