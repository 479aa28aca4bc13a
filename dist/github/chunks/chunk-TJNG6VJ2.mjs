import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:zlib
var require_zlib = __commonJS({
  "builtin-through-require:zlib"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:zlib");
    module.exports = /* @__PURE__ */ Object.create({
      get "crc32"() {
        return load()["crc32"];
      },
      get "Deflate"() {
        return load()["Deflate"];
      },
      get "Inflate"() {
        return load()["Inflate"];
      },
      get "Gzip"() {
        return load()["Gzip"];
      },
      get "Gunzip"() {
        return load()["Gunzip"];
      },
      get "DeflateRaw"() {
        return load()["DeflateRaw"];
      },
      get "InflateRaw"() {
        return load()["InflateRaw"];
      },
      get "Unzip"() {
        return load()["Unzip"];
      },
      get "BrotliCompress"() {
        return load()["BrotliCompress"];
      },
      get "BrotliDecompress"() {
        return load()["BrotliDecompress"];
      },
      get "ZstdCompress"() {
        return load()["ZstdCompress"];
      },
      get "ZstdDecompress"() {
        return load()["ZstdDecompress"];
      },
      get "deflate"() {
        return load()["deflate"];
      },
      get "deflateSync"() {
        return load()["deflateSync"];
      },
      get "gzip"() {
        return load()["gzip"];
      },
      get "gzipSync"() {
        return load()["gzipSync"];
      },
      get "deflateRaw"() {
        return load()["deflateRaw"];
      },
      get "deflateRawSync"() {
        return load()["deflateRawSync"];
      },
      get "unzip"() {
        return load()["unzip"];
      },
      get "unzipSync"() {
        return load()["unzipSync"];
      },
      get "inflate"() {
        return load()["inflate"];
      },
      get "inflateSync"() {
        return load()["inflateSync"];
      },
      get "gunzip"() {
        return load()["gunzip"];
      },
      get "gunzipSync"() {
        return load()["gunzipSync"];
      },
      get "inflateRaw"() {
        return load()["inflateRaw"];
      },
      get "inflateRawSync"() {
        return load()["inflateRawSync"];
      },
      get "brotliCompress"() {
        return load()["brotliCompress"];
      },
      get "brotliCompressSync"() {
        return load()["brotliCompressSync"];
      },
      get "brotliDecompress"() {
        return load()["brotliDecompress"];
      },
      get "brotliDecompressSync"() {
        return load()["brotliDecompressSync"];
      },
      get "zstdCompress"() {
        return load()["zstdCompress"];
      },
      get "zstdCompressSync"() {
        return load()["zstdCompressSync"];
      },
      get "zstdDecompress"() {
        return load()["zstdDecompress"];
      },
      get "zstdDecompressSync"() {
        return load()["zstdDecompressSync"];
      },
      get "createDeflate"() {
        return load()["createDeflate"];
      },
      get "createInflate"() {
        return load()["createInflate"];
      },
      get "createDeflateRaw"() {
        return load()["createDeflateRaw"];
      },
      get "createInflateRaw"() {
        return load()["createInflateRaw"];
      },
      get "createGzip"() {
        return load()["createGzip"];
      },
      get "createGunzip"() {
        return load()["createGunzip"];
      },
      get "createUnzip"() {
        return load()["createUnzip"];
      },
      get "createBrotliCompress"() {
        return load()["createBrotliCompress"];
      },
      get "createBrotliDecompress"() {
        return load()["createBrotliDecompress"];
      },
      get "createZstdCompress"() {
        return load()["createZstdCompress"];
      },
      get "createZstdDecompress"() {
        return load()["createZstdDecompress"];
      },
      get "constants"() {
        return load()["constants"];
      },
      get "codes"() {
        return load()["codes"];
      }
    });
  }
});

export {
  require_zlib
};
