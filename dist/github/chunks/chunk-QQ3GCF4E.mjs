import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:process
var require_process = __commonJS({
  "builtin-through-require:process"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:process");
    module.exports = /* @__PURE__ */ Object.create({
      get "version"() {
        return load()["version"];
      },
      get "versions"() {
        return load()["versions"];
      },
      get "arch"() {
        return load()["arch"];
      },
      get "platform"() {
        return load()["platform"];
      },
      get "release"() {
        return load()["release"];
      },
      get "_rawDebug"() {
        return load()["_rawDebug"];
      },
      get "moduleLoadList"() {
        return load()["moduleLoadList"];
      },
      get "binding"() {
        return load()["binding"];
      },
      get "_linkedBinding"() {
        return load()["_linkedBinding"];
      },
      get "_events"() {
        return load()["_events"];
      },
      get "_eventsCount"() {
        return load()["_eventsCount"];
      },
      get "_maxListeners"() {
        return load()["_maxListeners"];
      },
      get "domain"() {
        return load()["domain"];
      },
      get "_exiting"() {
        return load()["_exiting"];
      },
      get "exitCode"() {
        return load()["exitCode"];
      },
      get "config"() {
        return load()["config"];
      },
      get "dlopen"() {
        return load()["dlopen"];
      },
      get "uptime"() {
        return load()["uptime"];
      },
      get "_getActiveRequests"() {
        return load()["_getActiveRequests"];
      },
      get "_getActiveHandles"() {
        return load()["_getActiveHandles"];
      },
      get "getActiveResourcesInfo"() {
        return load()["getActiveResourcesInfo"];
      },
      get "reallyExit"() {
        return load()["reallyExit"];
      },
      get "_kill"() {
        return load()["_kill"];
      },
      get "loadEnvFile"() {
        return load()["loadEnvFile"];
      },
      get "cpuUsage"() {
        return load()["cpuUsage"];
      },
      get "threadCpuUsage"() {
        return load()["threadCpuUsage"];
      },
      get "resourceUsage"() {
        return load()["resourceUsage"];
      },
      get "memoryUsage"() {
        return load()["memoryUsage"];
      },
      get "constrainedMemory"() {
        return load()["constrainedMemory"];
      },
      get "availableMemory"() {
        return load()["availableMemory"];
      },
      get "kill"() {
        return load()["kill"];
      },
      get "exit"() {
        return load()["exit"];
      },
      get "execve"() {
        return load()["execve"];
      },
      get "ref"() {
        return load()["ref"];
      },
      get "unref"() {
        return load()["unref"];
      },
      get "finalization"() {
        return load()["finalization"];
      },
      get "hrtime"() {
        return load()["hrtime"];
      },
      get "openStdin"() {
        return load()["openStdin"];
      },
      get "getuid"() {
        return load()["getuid"];
      },
      get "geteuid"() {
        return load()["geteuid"];
      },
      get "getgid"() {
        return load()["getgid"];
      },
      get "getegid"() {
        return load()["getegid"];
      },
      get "getgroups"() {
        return load()["getgroups"];
      },
      get "allowedNodeEnvironmentFlags"() {
        return load()["allowedNodeEnvironmentFlags"];
      },
      get "features"() {
        return load()["features"];
      },
      get "_fatalException"() {
        return load()["_fatalException"];
      },
      get "setUncaughtExceptionCaptureCallback"() {
        return load()["setUncaughtExceptionCaptureCallback"];
      },
      get "hasUncaughtExceptionCaptureCallback"() {
        return load()["hasUncaughtExceptionCaptureCallback"];
      },
      get "emitWarning"() {
        return load()["emitWarning"];
      },
      get "nextTick"() {
        return load()["nextTick"];
      },
      get "_tickCallback"() {
        return load()["_tickCallback"];
      },
      get "sourceMapsEnabled"() {
        return load()["sourceMapsEnabled"];
      },
      get "setSourceMapsEnabled"() {
        return load()["setSourceMapsEnabled"];
      },
      get "getBuiltinModule"() {
        return load()["getBuiltinModule"];
      },
      get "_debugProcess"() {
        return load()["_debugProcess"];
      },
      get "_debugEnd"() {
        return load()["_debugEnd"];
      },
      get "_startProfilerIdleNotifier"() {
        return load()["_startProfilerIdleNotifier"];
      },
      get "_stopProfilerIdleNotifier"() {
        return load()["_stopProfilerIdleNotifier"];
      },
      get "stdout"() {
        return load()["stdout"];
      },
      get "stdin"() {
        return load()["stdin"];
      },
      get "stderr"() {
        return load()["stderr"];
      },
      get "abort"() {
        return load()["abort"];
      },
      get "umask"() {
        return load()["umask"];
      },
      get "chdir"() {
        return load()["chdir"];
      },
      get "cwd"() {
        return load()["cwd"];
      },
      get "initgroups"() {
        return load()["initgroups"];
      },
      get "setgroups"() {
        return load()["setgroups"];
      },
      get "setegid"() {
        return load()["setegid"];
      },
      get "seteuid"() {
        return load()["seteuid"];
      },
      get "setgid"() {
        return load()["setgid"];
      },
      get "setuid"() {
        return load()["setuid"];
      },
      get "env"() {
        return load()["env"];
      },
      get "title"() {
        return load()["title"];
      },
      get "argv"() {
        return load()["argv"];
      },
      get "execArgv"() {
        return load()["execArgv"];
      },
      get "pid"() {
        return load()["pid"];
      },
      get "ppid"() {
        return load()["ppid"];
      },
      get "execPath"() {
        return load()["execPath"];
      },
      get "debugPort"() {
        return load()["debugPort"];
      },
      get "argv0"() {
        return load()["argv0"];
      },
      get "_preload_modules"() {
        return load()["_preload_modules"];
      },
      get "report"() {
        return load()["report"];
      }
    });
  }
});

export {
  require_process
};
