// Runs the conformance cases under real Node 24 — the binary the README's commands fetch (`npx -p node@24`), or the
// one running this test when it already is Node 24 — each in a fresh folder laid out like the offline runtime's
// (/project/<case>, HOME=/home/user, both under one temporary root that `normalize` takes off again).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Case, Outcome } from "./cases";

export function node24(): string {
  if (process.versions.node.startsWith("24.")) return process.execPath;
  const probe = spawnSync("npx", ["-y", "-p", "node@24", "node", "-p", "process.execPath"], { encoding: "utf8" });
  const found = probe.stdout?.trim().split("\n").pop();
  if (probe.status !== 0 || !found) throw new Error(`Node 24 is needed for the conformance suite: npx -p node@24 failed (${probe.stderr})`);
  return found;
}

export interface RealRun {
  root: string;
  run(c: Case): Promise<Outcome>;
}

export function prepareRealRuns(cases: Case[]): RealRun {
  const root = mkdtempSync(path.join(tmpdir(), "tandem-conformance-"));
  mkdirSync(path.join(root, "home", "user"), { recursive: true });
  mkdirSync(path.join(root, "tmp"), { recursive: true });
  for (const c of cases)
    for (const [p, content] of Object.entries(c.files)) {
      const abs = path.join(root, "project", c.dir, p);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  const nodeBin = path.dirname(node24());
  const vars: Record<string, string> = {
    HOME: path.join(root, "home", "user"),
    USER: "user",
    PATH: `${nodeBin}:/usr/local/bin:/usr/bin:/bin`,
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    SHELL: "/bin/bash",
    TMPDIR: path.join(root, "tmp"),
    // npm's own chatter (update notices, funding) is not the program's output, and npm/npx never reach for the
    // registry here (the offline runtime cannot either): a slow or failing lookup must not decide a case.
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    npm_config_offline: "true",
    npm_config_yes: "true",
  };
  // Next's types make NODE_ENV required in ProcessEnv; the child gets exactly these variables.
  const env = vars as unknown as NodeJS.ProcessEnv;
  return {
    root,
    run: (c) =>
      new Promise<Outcome>((resolve) => {
        const child = spawn("bash", ["-c", c.cmd], { cwd: path.join(root, "project", c.dir), env, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.on("close", (code) => {
          clearTimeout(timer);
          const strip = (s: string) => s.split(root).join("");
          resolve({ stdout: strip(stdout), stderr: strip(stderr), exitCode: code ?? 137 });
        });
        // A program that exits without reading its input closes the pipe first.
        child.stdin.on("error", () => undefined);
        child.stdin.end(c.stdin ?? "");
      }),
  };
}
