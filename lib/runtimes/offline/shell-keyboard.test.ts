// Keyboard input: a program run in a terminal with nothing piped in reads what the person types, like in a real
// terminal; piped input, and commands run without a terminal (the agent's), never wait for a keyboard.
import { describe, expect, it } from "vitest";
import { KeyboardInput } from "./node/keyboard";
import { testShell } from "./node/test-shell";
import { PROJECT_ROOT } from "./shell";

const files: Record<string, string> = {
  "ask.mjs": `import * as readline from 'node:readline/promises';
const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
const name = await rl.question('name? ');
const age = await rl.question('age? ');
console.log('hello ' + name + ', ' + age);
rl.close();
`,
  "package.json": '{ "name": "ask", "scripts": { "start": "node ask.mjs" } }',
  "echo.js": `let n = 0;
process.stdin.on('data', (d) => { n++; process.stdout.write('got ' + d.toString().toUpperCase()); });
process.stdin.on('end', () => console.log('lines ' + n));
`,
};

function setup() {
  const { shell } = testShell(files);
  let seen = "";
  /** Runs in a "terminal"; `answer` types a line when the output so far matches. */
  const run = (command: string, answers: Array<[RegExp, string | null]>, keyboard = new KeyboardInput()) => {
    const pending = [...answers];
    return shell.run({
      command,
      cwd: PROJECT_ROOT,
      env: {},
      keyboard,
      live: (_stream, text) => {
        seen += text;
        const next = pending[0];
        if (next && next[0].test(seen)) {
          pending.shift();
          // Typed a moment later, as a person would (and after the program has gone back to waiting).
          setTimeout(() => (next[1] === null ? keyboard.end() : keyboard.push(next[1])), 5);
        }
      },
    });
  };
  return { run, seen: () => seen, shell };
}

describe("offline shell, keyboard input", () => {
  it("answers readline questions from the keyboard, line by line", async () => {
    const { run, seen } = setup();
    const result = await run("node ask.mjs", [
      [/name\? $/, "Ada\n"],
      [/age\? $/, "36\n"],
    ]);
    expect(seen()).toBe("name? age? hello Ada, 36\n");
    expect(result.exitCode).toBe(0);
  });

  it("reaches a program started by an npm script", async () => {
    const { run, seen } = setup();
    const result = await run("npm start", [
      [/name\? $/, "Lin\n"],
      [/age\? $/, "9\n"],
    ]);
    expect(seen()).toMatch(/name\? age\? hello Lin, 9\n$/);
    expect(result.exitCode).toBe(0);
  });

  it("keeps a program reading stdin alive until Ctrl+D, and keeps what was typed before it listened", async () => {
    const { run, seen } = setup();
    const keyboard = new KeyboardInput();
    keyboard.push("early\n"); // typed before the program started
    const result = await run("node echo.js; echo done", [
      [/got EARLY\n$/, "two\n"],
      [/got TWO\n$/, null],
    ], keyboard);
    expect(seen()).toBe("got EARLY\ngot TWO\nlines 2\ndone\n");
    expect(result.exitCode).toBe(0);
  });

  it("does not wait for a keyboard when input is piped, or without a terminal", async () => {
    const { run, seen, shell } = setup();
    await run("printf 'a\\nb\\n' | node echo.js; echo \"exit=$?\"", []);
    expect(seen()).toBe("got A\nB\nlines 1\nexit=0\n");
    const agent = await shell.run({ command: "node ask.mjs", cwd: PROJECT_ROOT, env: {} });
    expect(agent.exitCode).toBe(13);
  });
});
