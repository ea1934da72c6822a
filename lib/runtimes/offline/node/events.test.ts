// node:events shaped as Node's: what util.inspect shows, old-style inheritance, once/off, the leak warning and the
// unhandled 'error' — the expected text is Node 24's.
import { describe, expect, it } from "vitest";
import { testShell } from "./test-shell";

describe("node:events", () => {
  it("is a constructor libraries can call and inherit from, and inspects like Node's", async () => {
    const { run } = testShell({
      "main.js": `const EventEmitter = require('events');
const util = require('util');
function Old() { EventEmitter.call(this); this.name = 'old'; }
util.inherits(Old, EventEmitter);
const o = new Old();
const seen = [];
o.once('x', (v) => seen.push('once ' + v));
o.on('x', (v) => seen.push('on ' + v));
o.emit('x', 1); o.emit('x', 2);
console.log(seen.join(', '), o.listenerCount('x'), o instanceof EventEmitter);
console.log(new EventEmitter());
try { new EventEmitter().emit('error', 'str'); } catch (e) { console.log(e.code, e.message); }
const f = () => {};
const e = new EventEmitter(); e.on('y', f); e.off('y', f);
console.log(e.eventNames(), e._eventsCount);
`,
    });
    const r = await run("node main.js");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      "once 1, on 1, on 2 1 true\n" +
        "EventEmitter {\n  _events: [Object: null prototype] {},\n  _eventsCount: 0,\n  _maxListeners: undefined,\n  Symbol(shapeMode): false,\n  Symbol(kCapture): false\n}\n" +
        "ERR_UNHANDLED_ERROR Unhandled error. ('str')\n[] 0\n",
    );
  });
});
