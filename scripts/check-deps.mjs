// Fails when a layer imports one above it, or an import cycle appears (rules in .dependency-cruiser.cjs).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const result = spawnSync(
  path.join(root, "node_modules", ".bin", "depcruise"),
  ["--config", ".dependency-cruiser.cjs", "--output-type", "err", "app", "components", "lib"],
  { cwd: root, stdio: "inherit" },
);
process.exit(result.status ?? 1);
