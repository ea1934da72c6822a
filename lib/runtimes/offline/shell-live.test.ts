// Live terminal output: what reaches the terminal while a command runs, in order, without breaking pipes or state.
import { describe, expect, it } from "vitest";
import { testShell } from "./node/test-shell";
import { PROJECT_ROOT } from "./shell";
import { nodeTests } from "@/lib/templates/node-tests";

function setup(files: Record<string, string> = {}) {
  const { fs, shell } = testShell(files);
  const chunks: Array<{ stream: string; text: string }> = [];
  const run = (command: string, onChunk?: (text: string) => void) =>
    shell.run({
      command,
      cwd: PROJECT_ROOT,
      env: {},
      live: (stream, text) => {
        chunks.push({ stream, text });
        onChunk?.(text);
      },
    });
  const seen = (stream = "stdout") => chunks.filter((c) => c.stream === stream).map((c) => c.text).join("");
  return { fs, run, chunks, seen };
}

describe("offline shell, live output", () => {
  it("hands a running program's output over before the program ends", async () => {
    const { run, fs, seen } = setup({
      // The program only finishes once it sees the file the test creates on receiving "first": without live output it
      // would wait forever (the test would time out).
      "wait.js": "console.log('first');\nconst t = setInterval(() => { if (require('fs').existsSync('go')) { clearInterval(t); console.log('second'); } }, 5);",
    });
    const result = await run("node wait.js", (text) => {
      if (text.includes("first")) fs.writeDeepSync(`${PROJECT_ROOT}/go`, "");
    });
    expect(seen()).toBe("first\nsecond\n");
    expect(result.stdout).toBe("");
    expect(result.exitCode).toBe(0);
  });

  it("keeps the order of output across commands and streams", async () => {
    const { run, chunks } = setup();
    const result = await run(`echo a && node -e "console.log('b'); console.error('e')" && echo c; ls missing-dir || echo d`);
    const text = chunks.map((c) => `${c.stream[3]}:${c.text}`).join("");
    expect(text).toMatch(/^o:a\no:b\ne:e\no:c\ne:ls: .*missing-dir.*\no:d\n$/s);
    expect(result.stdout).toBe("");
    expect(result.exitCode).toBe(0);
  });

  it("still pipes and redirects node output instead of showing it", async () => {
    const { run, fs, seen } = setup();
    await run(`node -e "console.log('one')" | tr o 0 && node -e "console.log('two')" > two.txt && echo "$(node -p 40+2)"`);
    expect(seen()).toBe("0ne\n42\n");
    expect(fs.readTextSync(`${PROJECT_ROOT}/two.txt`)).toBe("two\n");
  });

  it("keeps shell state: cd, variables, functions, exit codes", async () => {
    const { run, seen } = setup({ "src/x.js": "" });
    const result = await run("cd src && pwd; X=7; greet() { echo \"hi $1 $X\"; }; greet you; ! false && cat <<EOF\nbody $X\nEOF\n(exit 4)");
    expect(seen()).toBe("/project/src\nhi you 7\nbody 7\n");
    expect(result.cwd).toBe("/project/src");
    expect(result.exitCode).toBe(4);
  });

  it("streams inside loops and ifs, but not out of a redirected loop", async () => {
    const { run, fs, seen } = setup({
      "tick.js": "console.log('tick ' + process.argv[2]);",
    });
    let ticksSeenDuringLoop = 0;
    // Each iteration waits for the previous tick to have reached the terminal (via the file the sink writes).
    const result = await run(
      "for i in 1 2 3; do node tick.js $i; while [ ! -f seen-$i ]; do sleep 0.01; done; done; if true; then echo after; fi; for j in a b; do echo $j; done > loop.txt",
      (text) => {
        const n = /tick (\d)/.exec(text)?.[1];
        if (n) {
          ticksSeenDuringLoop++;
          fs.writeDeepSync(`${PROJECT_ROOT}/seen-${n}`, "");
        }
      },
    );
    expect(ticksSeenDuringLoop).toBe(3);
    expect(seen()).toBe("tick 1\ntick 2\ntick 3\nafter\n");
    expect(fs.readTextSync(`${PROJECT_ROOT}/loop.txt`)).toBe("a\nb\n");
    expect(result.exitCode).toBe(0);
  });

  it("passes non-ASCII text through unchanged", async () => {
    const { run, seen } = setup();
    await run(`echo "héllo ✓" && node -e "console.log('wörld ✓')"`);
    expect(seen()).toBe("héllo ✓\nwörld ✓\n");
  });

  it("streams npm test: the banner first, then the runner's lines, and the exit code", async () => {
    const { run, seen } = setup(Object.fromEntries(nodeTests.files.map(([p, c]) => [p, String(c)])));
    const result = await run("npm test");
    expect(seen()).toMatch(/^\n> .+ test\n> node --test\n\n[\s\S]*✖ slugify[\s\S]*ℹ fail 1/);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
  });

  it("leaves output in the result when no terminal is attached", async () => {
    const { run } = testShell({});
    const result = await run(`echo a && node -e "console.log('b')"`);
    expect(result.stdout).toBe("a\nb\n");
  });
});
