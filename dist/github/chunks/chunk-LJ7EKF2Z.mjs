import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:fs
var require_fs = __commonJS({
  "builtin-through-require:fs"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:fs");
    module.exports = /* @__PURE__ */ Object.create({
      get "appendFile"() {
        return load()["appendFile"];
      },
      get "appendFileSync"() {
        return load()["appendFileSync"];
      },
      get "access"() {
        return load()["access"];
      },
      get "accessSync"() {
        return load()["accessSync"];
      },
      get "chown"() {
        return load()["chown"];
      },
      get "chownSync"() {
        return load()["chownSync"];
      },
      get "chmod"() {
        return load()["chmod"];
      },
      get "chmodSync"() {
        return load()["chmodSync"];
      },
      get "close"() {
        return load()["close"];
      },
      get "closeSync"() {
        return load()["closeSync"];
      },
      get "copyFile"() {
        return load()["copyFile"];
      },
      get "copyFileSync"() {
        return load()["copyFileSync"];
      },
      get "cp"() {
        return load()["cp"];
      },
      get "cpSync"() {
        return load()["cpSync"];
      },
      get "createReadStream"() {
        return load()["createReadStream"];
      },
      get "createWriteStream"() {
        return load()["createWriteStream"];
      },
      get "exists"() {
        return load()["exists"];
      },
      get "existsSync"() {
        return load()["existsSync"];
      },
      get "fchown"() {
        return load()["fchown"];
      },
      get "fchownSync"() {
        return load()["fchownSync"];
      },
      get "fchmod"() {
        return load()["fchmod"];
      },
      get "fchmodSync"() {
        return load()["fchmodSync"];
      },
      get "fdatasync"() {
        return load()["fdatasync"];
      },
      get "fdatasyncSync"() {
        return load()["fdatasyncSync"];
      },
      get "fstat"() {
        return load()["fstat"];
      },
      get "fstatSync"() {
        return load()["fstatSync"];
      },
      get "fsync"() {
        return load()["fsync"];
      },
      get "fsyncSync"() {
        return load()["fsyncSync"];
      },
      get "ftruncate"() {
        return load()["ftruncate"];
      },
      get "ftruncateSync"() {
        return load()["ftruncateSync"];
      },
      get "futimes"() {
        return load()["futimes"];
      },
      get "futimesSync"() {
        return load()["futimesSync"];
      },
      get "glob"() {
        return load()["glob"];
      },
      get "globSync"() {
        return load()["globSync"];
      },
      get "lchown"() {
        return load()["lchown"];
      },
      get "lchownSync"() {
        return load()["lchownSync"];
      },
      get "lchmod"() {
        return load()["lchmod"];
      },
      get "lchmodSync"() {
        return load()["lchmodSync"];
      },
      get "link"() {
        return load()["link"];
      },
      get "linkSync"() {
        return load()["linkSync"];
      },
      get "lstat"() {
        return load()["lstat"];
      },
      get "lstatSync"() {
        return load()["lstatSync"];
      },
      get "lutimes"() {
        return load()["lutimes"];
      },
      get "lutimesSync"() {
        return load()["lutimesSync"];
      },
      get "mkdir"() {
        return load()["mkdir"];
      },
      get "mkdirSync"() {
        return load()["mkdirSync"];
      },
      get "mkdtemp"() {
        return load()["mkdtemp"];
      },
      get "mkdtempSync"() {
        return load()["mkdtempSync"];
      },
      get "mkdtempDisposableSync"() {
        return load()["mkdtempDisposableSync"];
      },
      get "open"() {
        return load()["open"];
      },
      get "openSync"() {
        return load()["openSync"];
      },
      get "openAsBlob"() {
        return load()["openAsBlob"];
      },
      get "readdir"() {
        return load()["readdir"];
      },
      get "readdirSync"() {
        return load()["readdirSync"];
      },
      get "read"() {
        return load()["read"];
      },
      get "readSync"() {
        return load()["readSync"];
      },
      get "readv"() {
        return load()["readv"];
      },
      get "readvSync"() {
        return load()["readvSync"];
      },
      get "readFile"() {
        return load()["readFile"];
      },
      get "readFileSync"() {
        return load()["readFileSync"];
      },
      get "readlink"() {
        return load()["readlink"];
      },
      get "readlinkSync"() {
        return load()["readlinkSync"];
      },
      get "realpath"() {
        return load()["realpath"];
      },
      get "realpathSync"() {
        return load()["realpathSync"];
      },
      get "rename"() {
        return load()["rename"];
      },
      get "renameSync"() {
        return load()["renameSync"];
      },
      get "rm"() {
        return load()["rm"];
      },
      get "rmSync"() {
        return load()["rmSync"];
      },
      get "rmdir"() {
        return load()["rmdir"];
      },
      get "rmdirSync"() {
        return load()["rmdirSync"];
      },
      get "stat"() {
        return load()["stat"];
      },
      get "statfs"() {
        return load()["statfs"];
      },
      get "statSync"() {
        return load()["statSync"];
      },
      get "statfsSync"() {
        return load()["statfsSync"];
      },
      get "symlink"() {
        return load()["symlink"];
      },
      get "symlinkSync"() {
        return load()["symlinkSync"];
      },
      get "truncate"() {
        return load()["truncate"];
      },
      get "truncateSync"() {
        return load()["truncateSync"];
      },
      get "unwatchFile"() {
        return load()["unwatchFile"];
      },
      get "unlink"() {
        return load()["unlink"];
      },
      get "unlinkSync"() {
        return load()["unlinkSync"];
      },
      get "utimes"() {
        return load()["utimes"];
      },
      get "utimesSync"() {
        return load()["utimesSync"];
      },
      get "watch"() {
        return load()["watch"];
      },
      get "watchFile"() {
        return load()["watchFile"];
      },
      get "writeFile"() {
        return load()["writeFile"];
      },
      get "writeFileSync"() {
        return load()["writeFileSync"];
      },
      get "write"() {
        return load()["write"];
      },
      get "writeSync"() {
        return load()["writeSync"];
      },
      get "writev"() {
        return load()["writev"];
      },
      get "writevSync"() {
        return load()["writevSync"];
      },
      get "Dirent"() {
        return load()["Dirent"];
      },
      get "Stats"() {
        return load()["Stats"];
      },
      get "ReadStream"() {
        return load()["ReadStream"];
      },
      get "WriteStream"() {
        return load()["WriteStream"];
      },
      get "FileReadStream"() {
        return load()["FileReadStream"];
      },
      get "FileWriteStream"() {
        return load()["FileWriteStream"];
      },
      get "Utf8Stream"() {
        return load()["Utf8Stream"];
      },
      get "_toUnixTimestamp"() {
        return load()["_toUnixTimestamp"];
      },
      get "Dir"() {
        return load()["Dir"];
      },
      get "opendir"() {
        return load()["opendir"];
      },
      get "opendirSync"() {
        return load()["opendirSync"];
      },
      get "constants"() {
        return load()["constants"];
      },
      get "promises"() {
        return load()["promises"];
      }
    });
  }
});

// builtin-through-require:fs/promises
var require_promises = __commonJS({
  "builtin-through-require:fs/promises"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:fs/promises");
    module.exports = /* @__PURE__ */ Object.create({
      get "access"() {
        return load()["access"];
      },
      get "copyFile"() {
        return load()["copyFile"];
      },
      get "cp"() {
        return load()["cp"];
      },
      get "glob"() {
        return load()["glob"];
      },
      get "open"() {
        return load()["open"];
      },
      get "opendir"() {
        return load()["opendir"];
      },
      get "rename"() {
        return load()["rename"];
      },
      get "truncate"() {
        return load()["truncate"];
      },
      get "rm"() {
        return load()["rm"];
      },
      get "rmdir"() {
        return load()["rmdir"];
      },
      get "mkdir"() {
        return load()["mkdir"];
      },
      get "readdir"() {
        return load()["readdir"];
      },
      get "readlink"() {
        return load()["readlink"];
      },
      get "symlink"() {
        return load()["symlink"];
      },
      get "lstat"() {
        return load()["lstat"];
      },
      get "stat"() {
        return load()["stat"];
      },
      get "statfs"() {
        return load()["statfs"];
      },
      get "link"() {
        return load()["link"];
      },
      get "unlink"() {
        return load()["unlink"];
      },
      get "chmod"() {
        return load()["chmod"];
      },
      get "lchmod"() {
        return load()["lchmod"];
      },
      get "lchown"() {
        return load()["lchown"];
      },
      get "chown"() {
        return load()["chown"];
      },
      get "utimes"() {
        return load()["utimes"];
      },
      get "lutimes"() {
        return load()["lutimes"];
      },
      get "realpath"() {
        return load()["realpath"];
      },
      get "mkdtemp"() {
        return load()["mkdtemp"];
      },
      get "mkdtempDisposable"() {
        return load()["mkdtempDisposable"];
      },
      get "writeFile"() {
        return load()["writeFile"];
      },
      get "appendFile"() {
        return load()["appendFile"];
      },
      get "readFile"() {
        return load()["readFile"];
      },
      get "watch"() {
        return load()["watch"];
      },
      get "constants"() {
        return load()["constants"];
      }
    });
  }
});

// builtin-through-require:os
var require_os = __commonJS({
  "builtin-through-require:os"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:os");
    module.exports = /* @__PURE__ */ Object.create({
      get "arch"() {
        return load()["arch"];
      },
      get "availableParallelism"() {
        return load()["availableParallelism"];
      },
      get "cpus"() {
        return load()["cpus"];
      },
      get "endianness"() {
        return load()["endianness"];
      },
      get "freemem"() {
        return load()["freemem"];
      },
      get "getPriority"() {
        return load()["getPriority"];
      },
      get "homedir"() {
        return load()["homedir"];
      },
      get "hostname"() {
        return load()["hostname"];
      },
      get "loadavg"() {
        return load()["loadavg"];
      },
      get "networkInterfaces"() {
        return load()["networkInterfaces"];
      },
      get "platform"() {
        return load()["platform"];
      },
      get "release"() {
        return load()["release"];
      },
      get "setPriority"() {
        return load()["setPriority"];
      },
      get "tmpdir"() {
        return load()["tmpdir"];
      },
      get "totalmem"() {
        return load()["totalmem"];
      },
      get "type"() {
        return load()["type"];
      },
      get "userInfo"() {
        return load()["userInfo"];
      },
      get "uptime"() {
        return load()["uptime"];
      },
      get "version"() {
        return load()["version"];
      },
      get "machine"() {
        return load()["machine"];
      },
      get "constants"() {
        return load()["constants"];
      },
      get "EOL"() {
        return load()["EOL"];
      },
      get "devNull"() {
        return load()["devNull"];
      }
    });
  }
});

export {
  require_fs,
  require_os,
  require_promises
};
