import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { Project } from "../project";
import { decodeContent, encodeContent } from "./content";
import { exportZip, zipBaseName } from "./export";
import { importZip } from "./import";

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 17 + (i >> 3)) & 0xff);

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Patches a field of the first central-directory header (to forge lying or hostile headers). */
function patchCentral(zip: Uint8Array, offset: number, value: number): Uint8Array {
  const out = zip.slice();
  for (let i = 0; i < out.length - 4; i++)
    if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 0x01 && out[i + 3] === 0x02) {
      new DataView(out.buffer).setUint32(i + offset, value, true);
      return out;
    }
  throw new Error("no central directory");
}

/** Patches a field of the end-of-central-directory record. */
function patchEnd(zip: Uint8Array, offset: number, value: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const end = out.length - 22;
  if (offset === 10) view.setUint16(end + offset, value, true);
  else view.setUint32(end + offset, value, true);
  return out;
}

describe("export → import", () => {
  it("round-trips text (BOM, CRLF, unicode), binary, empty files and empty folders byte for byte", () => {
    const files: Array<[string, string | Uint8Array]> = [
      ["index.html", "<!doctype html>\n<script>alert(1)</script>\n"],
      ["bom.txt", "\ufeffwith BOM\r\nand CRLF\r\n"],
      ["ünïcødé/日本語 file.md", "# héllo 👋\n"],
      ["src/deep/nested/a.ts", "export const a = 1;\n"],
      ["empty.txt", ""],
      ["image.png", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe])],
      ["blob.bin", bytes(100_000)],
    ];
    const zip = unwrap(exportZip({ files, dirs: ["empty-folder", "src/also-empty"], rootFolder: "My <script> App" }));
    const imported = unwrap(importZip(zip));
    expect(imported.strippedFolder).toBe("My-script-App");
    const back = new Map(imported.files);
    expect([...back.keys()].sort()).toEqual(files.map(([p]) => p).sort());
    for (const [path, content] of files) expect(encodeContent(back.get(path) ?? "missing")).toEqual(encodeContent(content));
    expect(typeof back.get("bom.txt")).toBe("string");
    expect(back.get("blob.bin")).toBeInstanceOf(Uint8Array);
    expect(imported.dirs.sort()).toEqual(["empty-folder", "src/also-empty"]);
    // Export again: same bytes per entry.
    const again = unwrap(importZip(unwrap(exportZip({ files: imported.files, dirs: imported.dirs }))));
    for (const [path, content] of files) expect(encodeContent(new Map(again.files).get(path) ?? "")).toEqual(encodeContent(content));
  });

  it("exports a Project's files and loads back into an equal Project", () => {
    const project = new Project({ files: [["a.txt", "A"], ["lib/b.js", "B"]], dirs: ["docs"] });
    const zip = unwrap(exportZip({ files: project.listFiles().map((f) => [f.path, f.content] as const), dirs: ["docs"] }));
    const back = unwrap(importZip(zip));
    const copy = new Project({ files: back.files, dirs: back.dirs });
    expect(copy.listFiles().map((f) => [f.path, f.content])).toEqual([["a.txt", "A"], ["lib/b.js", "B"]]);
    expect(copy.listDirs()).toContain("docs");
  });

  it("makes safe zip names", () => {
    expect(zipBaseName("My <App>")).toBe("My-App");
    expect(zipBaseName("../../etc")).toBe("etc");
    expect(zipBaseName("   ")).toBe("project");
    expect(zipBaseName("Über app 2")).toBe("Über-app-2");
  });
});

describe("import: top-level folder", () => {
  it("strips a single top-level folder", () => {
    const r = unwrap(importZip(zipSync({ "repo-main/": new Uint8Array(), "repo-main/a.js": strToU8("a"), "repo-main/src/b.js": strToU8("b") })));
    expect(r.files.map(([p]) => p).sort()).toEqual(["a.js", "src/b.js"]);
    expect(r.strippedFolder).toBe("repo-main");
    expect(r.dirs).toEqual([]);
  });

  it("keeps the layout when there are files at the top or several folders", () => {
    expect(unwrap(importZip(zipSync({ "a.js": strToU8("a"), "src/b.js": strToU8("b") }))).strippedFolder).toBeUndefined();
    const two = unwrap(importZip(zipSync({ "x/a.js": strToU8("a"), "y/b.js": strToU8("b") })));
    expect(two.files.map(([p]) => p).sort()).toEqual(["x/a.js", "y/b.js"]);
  });

  it("skips macOS metadata", () => {
    const r = unwrap(importZip(zipSync({ "p/a.js": strToU8("a"), "__MACOSX/p/._a.js": strToU8("x"), "p/.DS_Store": strToU8("x") })));
    expect(r.files.map(([p]) => p)).toEqual(["a.js"]);
    expect(r.skipped).toHaveLength(2);
  });
});

describe("import: hostile paths are refused", () => {
  it.each([
    ["../evil.sh", /leaves the project/],
    ["safe/../../evil.sh", /leaves the project/],
    ["/etc/passwd", /absolute/],
    ["C:/Windows/evil.dll", /absolute/],
    ["a\\..\\..\\evil", /separator/],
    ["bad\u0000name.txt", /NUL/],
  ])("%j", (name, reason) => {
    const r = importZip(zipSync({ "ok.txt": strToU8("fine"), [name]: strToU8("x") }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("invalid-path");
    expect(r.error.message).toMatch(/unsafe path/);
    expect(r.error.message).toMatch(reason);
    expect(r.error.message).not.toContain("\u0000");
  });

  it("refuses duplicate entries and file/folder clashes", () => {
    const dup = importZip(zipSync({ "a//b.txt": strToU8("1"), "a/b.txt": strToU8("2") }));
    expect(!dup.ok && dup.error.message).toMatch(/twice/);
    const clash = importZip(zipSync({ "x/a": strToU8("file"), "x/a/b.txt": strToU8("inside") }));
    expect(!clash.ok && clash.error.message).toMatch(/both a file and a folder/);
  });
});

describe("import: limits, checked from headers before inflating", () => {
  it("refuses too many files", () => {
    const entries = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, strToU8("x")]));
    const r = importZip(zipSync(entries), { limits: { maxFiles: 10 } });
    expect(!r.ok && r.error).toMatchObject({ code: "too-large", message: expect.stringMatching(/more than 10 files/) });
    expect(importZip(zipSync(entries), { limits: { maxFiles: 11 } }).ok).toBe(true);
  });

  it("refuses a zip whose declared total is too big (a zip bomb) without inflating it", () => {
    // 8 MB of zeros deflates to a few KB.
    const bomb = zipSync({ "zeros.bin": new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const r = importZip(bomb, { limits: { maxTotalBytes: 1024 * 1024 } });
    expect(!r.ok && r.error).toMatchObject({ code: "too-large", message: expect.stringMatching(/more than 1\.0 MB/) });
  });

  it("trusts headers only: a forged 4 GB size is refused even though the data is garbage", () => {
    const forged = patchCentral(zipSync({ "a.bin": bytes(1000) }), 24, 0xffff_fff0);
    const r = importZip(forged);
    expect(!r.ok && r.error.code).toBe("too-large");
  });

  it("an entry that lies small cannot inflate past its declared size (and fails its checksum)", () => {
    const lying = patchCentral(zipSync({ "a.txt": new Uint8Array(100_000).fill(65) }, { level: 9 }), 24, 10);
    const r = importZip(lying);
    expect(!r.ok && r.error.message).toMatch(/damaged.*checksum/);
  });

  it("a flipped byte in the data is caught by the checksum", () => {
    const zip = zipSync({ "a.txt": strToU8("hello world") }, { level: 0 });
    const broken = zip.slice();
    const at = broken.indexOf(0x68); // the "h" of the stored text
    broken[at] = 0x48;
    const r = importZip(broken);
    expect(!r.ok && r.error.message).toMatch(/checksum/);
  });

  it("the async import gives the same result and reports progress", async () => {
    const { importZipAsync } = await import("./import");
    const entries = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`d/f${i}.txt`, strToU8(`file ${i}`)]));
    const progress: number[] = [];
    const r = unwrap(await importZipAsync(zipSync(entries), { onProgress: (done) => progress.push(done) }));
    expect(r.files).toHaveLength(600);
    expect(progress.length).toBeGreaterThan(2);
  });

  it("refuses a single file over the per-file limit", () => {
    const r = importZip(zipSync({ "big.bin": new Uint8Array(2048) }), { limits: { maxFileBytes: 1024 } });
    expect(!r.ok && r.error.message).toMatch(/big\.bin.*at most 1\.0 KB/);
  });

  it("reports progress up to the total", () => {
    const calls: number[] = [];
    unwrap(importZip(zipSync({ "a.txt": strToU8("aaaa"), "b.txt": strToU8("bb") }), { onProgress: (done) => calls.push(done) }));
    expect(calls.at(-1)).toBe(6);
  });
});

describe("import: malformed input is an error value, never a throw", () => {
  const valid = zipSync({ "a.txt": strToU8("hello"), "b.txt": strToU8("world") });
  it.each([
    ["0 bytes", new Uint8Array(0), /empty/],
    ["text", strToU8("hello, I am not a zip"), /not a \.zip/],
    ["PK then garbage", Uint8Array.from([0x50, 0x4b, ...bytes(200)]), /damaged/],
    ["truncated", valid.slice(0, valid.length - 30), /damaged/],
    ["central directory points nowhere", patchEnd(valid, 16, 0x7fff_0000), /damaged/],
    ["local header points nowhere", patchCentral(valid, 42, 0x7fff_ffff), /damaged/],
    ["entry count lies", patchEnd(valid, 10, 900), /damaged/],
  ])("%s", (_label, data, message) => {
    const r = importZip(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it("an empty zip is refused with a message", () => {
    const r = importZip(zipSync({}));
    expect(!r.ok && r.error.message).toMatch(/no files/);
  });
});

describe("text or bytes", () => {
  it("valid UTF-8 without NUL is text; anything else stays bytes", () => {
    expect(decodeContent(strToU8("héllo"))).toBe("héllo");
    expect(decodeContent(Uint8Array.from([0xff, 0xfe, 0x41]))).toBeInstanceOf(Uint8Array);
    expect(decodeContent(Uint8Array.from([0x41, 0, 0x42]))).toBeInstanceOf(Uint8Array);
    expect(decodeContent(new Uint8Array(0))).toBe("");
    expect(encodeContent(decodeContent(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])) as string)).toEqual(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]));
  });
});
