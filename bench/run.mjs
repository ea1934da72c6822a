// `npm run bench`: runs every bench/*.bench.mjs in turn (each writes its own section of BENCHMARKS.md).
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./harness.mjs";

const only = process.argv.slice(2);
const files = readdirSync(path.join(root, "bench"))
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const mod = await import(pathToFileURL(path.join(root, "bench", file)).href);
  await mod.default();
}
console.log("\nBENCHMARKS.md updated.");
