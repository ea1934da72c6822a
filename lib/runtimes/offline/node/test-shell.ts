// For unit tests: the real offline shell (just-bash with our node) running in Node over a fresh MemFs. ES modules
// load as data: URLs through Node's own import().
import { MemFs } from "../mem-fs";
import { InThreadLauncher } from "../process/in-thread-launcher";
import { createShell } from "../shell";

export function testShell(files: Record<string, string>) {
  const fs = new MemFs();
  const launcher = new InThreadLauncher({
    fs,
    moduleUrl: (code) => `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`,
    importModule: (url) => import(/* @vite-ignore */ url),
  });
  const sh = createShell(fs, launcher);
  fs.external(() => {
    for (const [p, c] of Object.entries(files)) fs.writeDeepSync(`/project/${p}`, c);
  });
  const run = (command: string) => sh.run({ command, cwd: "/project", env: {} });
  return { fs, run, shell: sh };
}
