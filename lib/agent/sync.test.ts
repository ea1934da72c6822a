import { describe, expect, it } from "vitest";
import { applyPatch, combinedHash, diffParts, partHash } from "./sync";

describe("part hashes and patches", () => {
  it("hashes content, not key order or undefined fields", () => {
    expect(partHash({ type: "text", text: "a", state: "done" })).toBe(partHash({ state: "done", text: "a", type: "text", providerMetadata: undefined }));
    expect(partHash({ type: "text", text: "a" })).not.toBe(partHash({ type: "text", text: "b" }));
    expect(partHash({ type: "text", text: "\ud800 lone surrogate" })).toMatch(/^[0-9a-f]{24}$/);
  });

  it("applies a patch only to the parts it was made against", () => {
    const parts = [{ t: 1 }, { t: 2 }];
    const hashes = parts.map(partHash);
    const patch = diffParts(hashes, [{ t: 1 }, { t: 2, out: true }, { t: 3 }]);
    expect(patch).toEqual({ base: { parts: 2, hash: combinedHash(hashes) }, set: [{ at: 1, part: { t: 2, out: true } }], append: [{ t: 3 }] });
    const applied = applyPatch(parts, hashes, patch!);
    expect(applied).toMatchObject({ ok: true, parts: [{ t: 1 }, { t: 2, out: true }, { t: 3 }] });
    expect(applyPatch([{ t: 1 }, { t: 9 }], [{ t: 1 }, { t: 9 }].map(partHash), patch!)).toMatchObject({ ok: false });
    expect(applyPatch([{ t: 1 }], [partHash({ t: 1 })], patch!)).toMatchObject({ ok: false, why: expect.stringMatching(/holds 1 parts/) });
    expect(diffParts(hashes, [{ t: 1 }])).toBeNull();
  });
});
