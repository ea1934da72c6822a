// node:zlib over fflate: what Node's zlib makes, this one reads, and the other way round (bytes made by Node 24's
// zlib for the same input are decompressed here).
import { describe, expect, it } from "vitest";
import { testShell } from "./test-shell";

describe("node:zlib", () => {
  it("round-trips gzip, deflate and raw deflate, sync, with callbacks and as streams; reads what Node made", async () => {
    const { run } = testShell({
      "main.js": `const zlib = require('zlib');
const { pipeline, Readable, Writable } = require('stream');
const input = 'hello '.repeat(100);
const gz = zlib.gzipSync(input);
console.log(gz[0], gz[1], zlib.gunzipSync(gz).toString() === input, zlib.unzipSync(gz).length);
console.log(zlib.inflateSync(zlib.deflateSync(Buffer.from('abc'))).toString(), zlib.inflateRawSync(zlib.deflateRawSync('raw')).toString());
// gzip of "node made this" by Node 24's zlib.
console.log(zlib.gunzipSync(Buffer.from('H4sIAAAAAAAAA8vLT0lVyE1MSVUoycgsBgAugDJyDgAAAA==', 'base64')).toString());
try { zlib.gunzipSync(Buffer.from('not gzip')); } catch (e) { console.log(e.code, e.errno); }
zlib.gzip('async', (err, out) => zlib.gunzip(out, (e2, back) => {
  console.log('async', err, e2, back.toString());
  const parts = [];
  pipeline(Readable.from([Buffer.from('streamed '), Buffer.from('data')]), zlib.createGzip(), zlib.createGunzip(),
    new Writable({ write(c, _e, cb) { parts.push(c); cb(); } }),
    (e) => console.log('stream', e ?? null, Buffer.concat(parts).toString()));
}));
`,
    });
    const r = await run("node main.js");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("31 139 true 600\nabc raw\nnode made this\nZ_DATA_ERROR -3\nasync null null async\nstream null streamed data\n");
  });
});
