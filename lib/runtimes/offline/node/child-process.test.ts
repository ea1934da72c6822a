// node:child_process over the shell (process/children.ts). In the unit tests programs share this realm, which
// cannot block, so the Sync forms are checked in Chromium (conformance cases core/child-process-*), where
// they wait on Atomics.wait; here the async forms and the clear error of a Sync form without isolation.
import { describe, expect, it } from "vitest";
import { testShell } from "./test-shell";

describe("child_process", () => {
  it("spawn a node child with piped stdin/stdout, exec a shell line, execFile with env and cwd", async () => {
    const { run } = testShell({
      "main.js": `const { spawn, exec, execFile } = require('child_process');
const child = spawn('node', ['-e', 'process.stdin.on("data", (d) => process.stdout.write(String(d).toUpperCase()))']);
let out = '';
child.stdout.on('data', (d) => (out += d));
child.on('close', (code) => {
  console.log('spawn', code, JSON.stringify(out));
  exec('echo one && echo two >&2; exit 4', (err, stdout, stderr) => {
    console.log('exec', err && err.code, JSON.stringify(stdout), JSON.stringify(stderr));
    require('fs').mkdirSync('sub', { recursive: true });
    execFile('node', ['-p', 'process.env.V + " " + require("path").basename(process.cwd())'], { cwd: 'sub', env: { V: 'v1' } }, (e, so) => console.log('execFile', e, so.trim()));
  });
});
child.stdin.end('piped');
`,
    });
    const r = await run("node main.js");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('spawn 0 "PIPED"\nexec 4 "one\\n" "two\\n"\nexecFile null v1 sub\n');
  });

  it("a command that does not exist is an 'error' event with ENOENT, as Node's", async () => {
    const { run } = testShell({ "main.js": "require('child_process').spawn('nosuchtool', ['x']).on('error', (e) => console.log(e.code, e.message, e.syscall));" });
    expect((await run("node main.js")).stdout).toBe("ENOENT spawn nosuchtool ENOENT spawn nosuchtool\n");
  });

  it("Sync forms explain what they need where the realm cannot block", async () => {
    const { run } = testShell({ "main.js": "require('child_process').execSync('echo hi');" });
    const r = await run("node main.js");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("child_process Sync functions need a cross-origin isolated sandbox");
  });
});
