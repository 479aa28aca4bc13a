import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:crypto
var require_crypto = __commonJS({
  "builtin-through-require:crypto"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:crypto");
    module.exports = /* @__PURE__ */ Object.create({
      get "argon2"() {
        return load()["argon2"];
      },
      get "argon2Sync"() {
        return load()["argon2Sync"];
      },
      get "checkPrime"() {
        return load()["checkPrime"];
      },
      get "checkPrimeSync"() {
        return load()["checkPrimeSync"];
      },
      get "createCipheriv"() {
        return load()["createCipheriv"];
      },
      get "createDecipheriv"() {
        return load()["createDecipheriv"];
      },
      get "createDiffieHellman"() {
        return load()["createDiffieHellman"];
      },
      get "createDiffieHellmanGroup"() {
        return load()["createDiffieHellmanGroup"];
      },
      get "createECDH"() {
        return load()["createECDH"];
      },
      get "createHash"() {
        return load()["createHash"];
      },
      get "createHmac"() {
        return load()["createHmac"];
      },
      get "createMac"() {
        return load()["createMac"];
      },
      get "createPrivateKey"() {
        return load()["createPrivateKey"];
      },
      get "createPublicKey"() {
        return load()["createPublicKey"];
      },
      get "createSecretKey"() {
        return load()["createSecretKey"];
      },
      get "createSign"() {
        return load()["createSign"];
      },
      get "createVerify"() {
        return load()["createVerify"];
      },
      get "diffieHellman"() {
        return load()["diffieHellman"];
      },
      get "generatePrime"() {
        return load()["generatePrime"];
      },
      get "generatePrimeSync"() {
        return load()["generatePrimeSync"];
      },
      get "getCiphers"() {
        return load()["getCiphers"];
      },
      get "getCipherInfo"() {
        return load()["getCipherInfo"];
      },
      get "getCurves"() {
        return load()["getCurves"];
      },
      get "getDiffieHellman"() {
        return load()["getDiffieHellman"];
      },
      get "getHashes"() {
        return load()["getHashes"];
      },
      get "getMacs"() {
        return load()["getMacs"];
      },
      get "hkdf"() {
        return load()["hkdf"];
      },
      get "hkdfSync"() {
        return load()["hkdfSync"];
      },
      get "parsePKCS12"() {
        return load()["parsePKCS12"];
      },
      get "pbkdf2"() {
        return load()["pbkdf2"];
      },
      get "pbkdf2Sync"() {
        return load()["pbkdf2Sync"];
      },
      get "generateKeyPair"() {
        return load()["generateKeyPair"];
      },
      get "generateKeyPairSync"() {
        return load()["generateKeyPairSync"];
      },
      get "generateKey"() {
        return load()["generateKey"];
      },
      get "generateKeySync"() {
        return load()["generateKeySync"];
      },
      get "privateDecrypt"() {
        return load()["privateDecrypt"];
      },
      get "privateEncrypt"() {
        return load()["privateEncrypt"];
      },
      get "publicDecrypt"() {
        return load()["publicDecrypt"];
      },
      get "publicEncrypt"() {
        return load()["publicEncrypt"];
      },
      get "randomBytes"() {
        return load()["randomBytes"];
      },
      get "randomFill"() {
        return load()["randomFill"];
      },
      get "randomFillSync"() {
        return load()["randomFillSync"];
      },
      get "randomInt"() {
        return load()["randomInt"];
      },
      get "randomUUID"() {
        return load()["randomUUID"];
      },
      get "randomUUIDv7"() {
        return load()["randomUUIDv7"];
      },
      get "scrypt"() {
        return load()["scrypt"];
      },
      get "scryptSync"() {
        return load()["scryptSync"];
      },
      get "sign"() {
        return load()["sign"];
      },
      get "setEngine"() {
        return load()["setEngine"];
      },
      get "timingSafeEqual"() {
        return load()["timingSafeEqual"];
      },
      get "getFips"() {
        return load()["getFips"];
      },
      get "setFips"() {
        return load()["setFips"];
      },
      get "verify"() {
        return load()["verify"];
      },
      get "hash"() {
        return load()["hash"];
      },
      get "encapsulate"() {
        return load()["encapsulate"];
      },
      get "decapsulate"() {
        return load()["decapsulate"];
      },
      get "Certificate"() {
        return load()["Certificate"];
      },
      get "Cipheriv"() {
        return load()["Cipheriv"];
      },
      get "Decipheriv"() {
        return load()["Decipheriv"];
      },
      get "DiffieHellman"() {
        return load()["DiffieHellman"];
      },
      get "DiffieHellmanGroup"() {
        return load()["DiffieHellmanGroup"];
      },
      get "ECDH"() {
        return load()["ECDH"];
      },
      get "Hash"() {
        return load()["Hash"];
      },
      get "Hmac"() {
        return load()["Hmac"];
      },
      get "KeyObject"() {
        return load()["KeyObject"];
      },
      get "Sign"() {
        return load()["Sign"];
      },
      get "Verify"() {
        return load()["Verify"];
      },
      get "X509Certificate"() {
        return load()["X509Certificate"];
      },
      get "secureHeapUsed"() {
        return load()["secureHeapUsed"];
      },
      get "constants"() {
        return load()["constants"];
      },
      get "webcrypto"() {
        return load()["webcrypto"];
      },
      get "subtle"() {
        return load()["subtle"];
      },
      get "getRandomValues"() {
        return load()["getRandomValues"];
      }
    });
  }
});

export {
  require_crypto
};
