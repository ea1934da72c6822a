// node:vm over `with` and a Proxy (vm.ts): what test suites use it for, with Node's results.
import { describe, expect, it } from "vitest";
import { testShell } from "./test-shell";

describe("node:vm", () => {
  it("runs code against a context object: reads, writes, var, this, and none of the host's globals", async () => {
    const { run } = testShell({
      "main.js": `const vm = require('vm');
console.log(vm.runInNewContext('a + b', { a: 1, b: 2 }));
const ctx = vm.createContext({ n: 1 });
vm.runInContext('n += 1; var created = true; this.viaThis = globalThis === this', ctx);
console.log(ctx.n, ctx.created, ctx.viaThis, vm.isContext(ctx), vm.isContext({}));
globalThis.outer = 'host';
console.log(vm.runInNewContext('typeof outer'), vm.runInThisContext('typeof outer'), new vm.Script('6 * 7').runInThisContext());
try { new vm.Script('let = ;'); } catch (e) { console.log(e.name); }
`,
    });
    const r = await run("node main.js");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("3\n2 true true true false\nundefined string 42\nSyntaxError\n");
  });
});
