// node:crypto as programs use it, run through the real shell; expected output is what Node 24 prints.
import { describe, expect, it } from "vitest";
import { testShell } from "./test-shell";

const hashProgram = String.raw`const crypto = require('node:crypto');
console.log(crypto.createHash('sha256').update('hello').digest('hex'));
console.log(crypto.createHash('sha1').update('hello').digest('base64'));
console.log(crypto.createHash('md5').update(Buffer.from('hello')).digest('hex'));
console.log(crypto.createHash('SHA512').update('a').update('b').digest('hex').slice(0, 32));
console.log(crypto.createHash('sha256').update('hi').digest());
console.log(crypto.createHmac('sha256', 'secret').update('msg').digest('hex'));
console.log(crypto.randomBytes(16).length, Buffer.isBuffer(crypto.randomBytes(4)));
const n = crypto.randomInt(10);
console.log(n >= 0 && n < 10, Number.isInteger(crypto.randomInt(5, 7)));
console.log(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')));
try { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); } catch (e) { console.log(e.code, e.message); }
try { crypto.createHash('nope'); } catch (e) { console.log(e.message); }
const h = crypto.createHash('sha256');
h.digest();
try { h.update('x'); } catch (e) { console.log(e.code, e.message); }
try { crypto.randomInt(5, 5); } catch (e) { console.log(e.code, e.message); }
console.log(crypto.pbkdf2Sync('pw', 'salt', 1000, 16, 'sha256').toString('hex'), crypto.scryptSync('pw', 'salt', 16).toString('hex'));
console.log(typeof crypto.randomUUID(), crypto.hash('sha1', 'abc'));
`;

describe("node:crypto", () => {
  it("hashes, HMAC, key derivation, random values and timingSafeEqual match Node", async () => {
    const { run } = testShell({ "hash.js": hashProgram });
    const r = await run("node hash.js");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        "qvTGHdzF6KLavt4PO0gs2a6pQ00=",
        "5d41402abc4b2a76b9719d911017c592",
        "2d408a0717ec188158278a796c689044",
        "<Buffer 8f 43 43 46 64 8f 6b 96 df 89 dd a9 01 c5 17 6b 10 a6 d8 39 61 dd 3c 1a c8 8b 59 b2 dc 32 7a a4>",
        "fe4f9c418f683f034f6af90d1dd5b86ac0355dd96332c59cc74598d0736107f6",
        "16 true",
        "true true",
        "true false",
        "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH Input buffers must have the same byte length",
        "Digest method not supported",
        "ERR_CRYPTO_HASH_FINALIZED Digest already called",
        'ERR_OUT_OF_RANGE The value of "max" is out of range. It must be greater than the value of "min" (5). Received 5',
        "0a38253555ce37f5c72a6b703f996814 c0b515908e61334cae6d6003c00be60e",
        "string a9993e364706816aba3e25717850c26c9cd0d89d",
        "",
      ].join("\n"),
    );
  });

  it("ES modules import named functions; what is missing says so when called", async () => {
    const { run } = testShell({
      "esm.mjs": "import { createHash, createCipheriv } from 'node:crypto';\nconsole.log(createHash('md5').update('').digest('hex'));\ncreateCipheriv('aes-256-cbc');\n",
    });
    const r = await run("node esm.mjs");
    expect(r.stdout).toBe("d41d8cd98f00b204e9800998ecf8427e\n");
    expect(r.stderr).toContain("crypto.createCipheriv() is not available in the offline runtime");
    expect(r.exitCode).toBe(1);
  });
});
