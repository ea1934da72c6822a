// Zip import and export on Home, driven like a person: pick a file, watch it import, open it, export it again.
import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { strToU8, zipSync, type Zippable } from "fflate";
import { importZip } from "../lib/zip/import";
import { encodeContent } from "../lib/zip/content";
import { expect, test } from "./support/fixtures";

/** Deterministic "random" bytes (incompressible enough to keep zips big). */
function noise(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const ORIGINAL: Record<string, Uint8Array> = {
  "index.html": strToU8("<!doctype html>\n<script>alert(1)</script>\n"),
  "bom and crlf.txt": strToU8("\ufeffline one\r\nline two\r\n"),
  "ünïcødé/日本語.md": strToU8("# héllo 👋\n"),
  "<img src=x onerror=alert(1)>.js": strToU8("// hostile name\n"),
  "src/deep/nested/a.js": strToU8("export const a = 1;\n"),
  "empty.txt": new Uint8Array(0),
  "assets/noise.bin": noise(200_000),
  "assets/latin1.txt": Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), // "café" in Latin-1: not UTF-8, stays bytes
};

function zipOf(files: Record<string, Uint8Array>, root = "", dirs: string[] = []): Uint8Array {
  const entries: Zippable = {};
  for (const [path, bytes] of Object.entries(files)) entries[root + path] = bytes;
  for (const dir of dirs) entries[`${root}${dir}/`] = new Uint8Array(0);
  return zipSync(entries);
}

/** Back to Home like a person: the header link from a workspace (no full reload), else a normal visit. */
async function goHome(page: Page) {
  if (page.url().includes("/p/")) await page.getByRole("link", { name: "Tandem" }).click();
  else await page.goto("/");
  await expect(page.getByRole("heading", { name: "New project" })).toBeVisible();
}

async function upload(page: Page, name: string, file: Uint8Array | string) {
  await goHome(page);
  const input = page.getByTestId("import-zip-input");
  if (typeof file === "string") await input.setInputFiles(file);
  else await input.setInputFiles({ name, mimeType: "application/zip", buffer: Buffer.from(file) });
}

async function exportFromHome(page: Page, projectName: string): Promise<Uint8Array> {
  await goHome(page);
  const row = page.getByTestId("project-row").filter({ has: page.getByText(projectName, { exact: true }) });
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByTestId("project-export").click()]);
  return new Uint8Array(readFileSync(await download.path()));
}

function contentsOf(zip: Uint8Array): Map<string, Uint8Array> {
  const result = importZip(zip);
  if (!result.ok) throw new Error(result.error.message);
  return new Map(result.value.files.map(([path, content]) => [path, encodeContent(content)]));
}

test("zip import → export → import round-trips byte for byte (text, binary, BOM, unicode and hostile names)", async ({ page }) => {
  await upload(page, "round trip.zip", zipOf(ORIGINAL, "round-trip/", ["empty-dir"]));
  await expect(page.getByTestId("import-done")).toContainText("Imported “round trip”: 8 files");
  await page.screenshot({ path: "e2e/.artifacts/home-import-done.png", fullPage: true });

  const first = contentsOf(await exportFromHome(page, "round trip"));
  expect([...first.keys()].sort()).toEqual(Object.keys(ORIGINAL).sort());
  for (const [path, bytes] of Object.entries(ORIGINAL)) expect(Buffer.from(first.get(path) ?? []).equals(Buffer.from(bytes)), path).toBe(true);

  // Open it: the tree shows the files, the empty folder and the hostile name as text.
  await page.getByTestId("project-row").filter({ hasText: "round trip" }).getByTestId("project-open").click();
  await expect(page.getByRole("treeitem", { name: "<img src=x onerror=alert(1)>.js", exact: true })).toBeVisible();
  await expect(page.getByRole("treeitem", { name: "empty-dir", exact: true })).toBeVisible();

  // Export from the workspace header when it offers the button (the lead places it), else from Home again.
  const headerExport = page.getByTestId("export-zip");
  let second: Uint8Array;
  if ((await headerExport.count()) > 0) {
    const [download] = await Promise.all([page.waitForEvent("download"), headerExport.click()]);
    second = new Uint8Array(readFileSync(await download.path()));
  } else second = await exportFromHome(page, "round trip");

  // Re-import the export and export again: still the same bytes.
  const again = test.info().outputPath("again.zip");
  writeFileSync(again, second);
  await upload(page, "again.zip", again);
  await expect(page.getByTestId("import-done")).toContainText("Imported “again”: 8 files");
  const third = contentsOf(await exportFromHome(page, "again"));
  for (const [path, bytes] of Object.entries(ORIGINAL)) expect(Buffer.from(third.get(path) ?? []).equals(Buffer.from(bytes)), path).toBe(true);
});

test("malformed, empty, hostile and oversized zips are refused with a clear message", async ({ page }) => {
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ["notes.zip", strToU8("I am a text file, not a zip"), /not a \.zip archive/],
    ["garbage.zip", Uint8Array.from([0x50, 0x4b, ...noise(500)]), /damaged or not a zip/],
    ["truncated.zip", zipOf(ORIGINAL).slice(0, 5000), /damaged or not a zip/],
    ["slip.zip", zipOf({ "ok.txt": strToU8("ok"), "../../evil.sh": strToU8("rm -rf /") }), /unsafe path "\.\.\/\.\.\/evil\.sh".*leaves the project/],
    ["absolute.zip", zipOf({ "/etc/passwd": strToU8("root") }), /unsafe path "\/etc\/passwd".*absolute/],
    ["nul.zip", zipOf({ "a\u0000b.txt": strToU8("x") }), /unsafe path "a\\x00b\.txt".*NUL/],
    ["empty-archive.zip", zipSync({}), /contains no files/],
  ];
  for (const [name, bytes, message] of cases) {
    await upload(page, name, bytes);
    await expect(page.getByTestId("import-error"), name).toContainText(message);
  }
  await page.screenshot({ path: "e2e/.artifacts/home-import-error.png", fullPage: true });

  await upload(page, "zero.zip", new Uint8Array(0));
  await expect(page.getByTestId("import-error")).toContainText("“zero.zip” is empty (0 bytes)");
});

test("zip bombs, oversized files and too many files are refused from the headers", async ({ page }) => {
  test.setTimeout(180_000);

  // A zip bomb: 300 MB of zeros in a few hundred KB. Refused from its headers, before anything is inflated.
  const bombEntries: Zippable = {};
  for (let i = 0; i < 5; i++) bombEntries[`zeros${i}.bin`] = [new Uint8Array(60 * 1024 * 1024), { level: 1 }];
  const bomb = test.info().outputPath("bomb.zip");
  writeFileSync(bomb, zipSync(bombEntries));
  await upload(page, "bomb.zip", bomb);
  await expect(page.getByTestId("import-error")).toContainText("unpacks to more than 256.0 MB");

  // One file over the per-file limit.
  const big = test.info().outputPath("big.zip");
  writeFileSync(big, zipSync({ "huge.bin": [new Uint8Array(65 * 1024 * 1024), { level: 1 }] }));
  await upload(page, "big.zip", big);
  await expect(page.getByTestId("import-error")).toContainText('"huge.bin" is 65.0 MB; files can be at most 64.0 MB');

  // Too many files.
  const many: Zippable = {};
  for (let i = 0; i < 20_001; i++) many[`f/${i}.txt`] = new Uint8Array(0);
  await upload(page, "many.zip", zipSync(many, { level: 0 }));
  await expect(page.getByTestId("import-error")).toContainText("more than 20,000 files");
  await expect(page.getByTestId("no-projects")).toBeVisible(); // nothing half-imported
});

test("a 0-byte file and a 50 MB file import and open", async ({ page }) => {
  test.setTimeout(240_000);
  const path = test.info().outputPath("fifty.zip");
  writeFileSync(path, zipSync({ "empty.txt": new Uint8Array(0), "big/fifty.bin": [noise(50 * 1024 * 1024, 7), { level: 0 }], "ok.md": strToU8("# ok\n") }));
  await upload(page, "fifty.zip", path);
  await expect(page.getByTestId("import-done")).toContainText("Imported “fifty”: 3 files, 50.0 MB", { timeout: 60_000 });
  await page.getByTestId("import-done").getByRole("link", { name: "Open it" }).click();
  await expect(page.getByRole("treeitem", { name: "empty.txt", exact: true })).toBeVisible();
  await page.getByRole("treeitem", { name: "big", exact: true }).click();
  await page.getByRole("treeitem", { name: "fifty.bin", exact: true }).click();
  await page.screenshot({ path: "e2e/.artifacts/home-fifty-mb.png" });
  const exported = await exportFromHome(page, "fifty");
  const back = contentsOf(exported);
  expect(back.get("empty.txt")?.byteLength).toBe(0);
  expect(Buffer.from(back.get("big/fifty.bin") ?? []).equals(Buffer.from(noise(50 * 1024 * 1024, 7)))).toBe(true);
});

test("a 10,000-file zip imports with progress and opens with a usable tree", async ({ page }) => {
  test.setTimeout(120_000);
  const entries: Zippable = {};
  for (let i = 0; i < 10_000; i++) entries[`proj/dir${String(i % 100).padStart(2, "0")}/file${i}.js`] = strToU8(`export const n = ${i};\n`);
  await upload(page, "ten thousand.zip", zipSync(entries));
  await expect(page.getByTestId("import-done")).toContainText("Imported “ten thousand”: 10000 files", { timeout: 60_000 });
  await page.getByTestId("import-done").getByRole("link", { name: "Open it" }).click();
  await expect(page.getByRole("treeitem", { name: "dir00", exact: true })).toHaveAttribute("aria-setsize", "100");
  // It opened with its first file, shown inside its open folder; fold that folder to see the top level again.
  await expect(page.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveAttribute("data-path", "dir00/file0.js");
  await page.getByRole("treeitem", { name: "dir00", exact: true }).click();
  await expect(page.getByRole("treeitem", { name: "dir00", exact: true })).toHaveAttribute("aria-expanded", "false");
  // dir42 is below the fold (rows are virtualized): scroll it into view, open it.
  await page.getByRole("tree", { name: "Project files" }).evaluate((el) => el.scrollTo({ top: 40 * 24 }));
  const dir = page.getByRole("treeitem", { name: "dir42", exact: true });
  await expect(dir).toBeVisible();
  await dir.click();
  await expect(dir).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("treeitem", { name: "file42.js", exact: true })).toBeVisible();
  await expect(page.getByRole("treeitem", { name: "file42.js", exact: true })).toHaveAttribute("aria-setsize", "100");
  await page.screenshot({ path: "e2e/.artifacts/home-ten-thousand.png" });
});
