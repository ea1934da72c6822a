import { describe, expect, it, vi } from "vitest";
import { createStore } from "zustand/vanilla";
import { notifyLater } from "./notify-later";

describe("notifyLater", () => {
  it("tells subscribers once, in a later task, about several changes; reads see them at once", async () => {
    const store = notifyLater(createStore(() => ({ n: 0 })));
    const heard = vi.fn();
    store.subscribe(heard);
    store.setState({ n: 1 });
    store.setState({ n: 2 });
    expect(store.getState().n).toBe(2);
    expect(heard).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard.mock.calls[0]?.[0]).toEqual({ n: 2 });
    expect(heard.mock.calls[0]?.[1]).toEqual({ n: 0 });
    store.setState({ n: 3 });
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it("stays quiet when the state came back to what subscribers last heard, and after unsubscribing", async () => {
    const inner = createStore(() => ({ n: 0 }));
    const first = inner.getState();
    const store = notifyLater(inner);
    const heard = vi.fn();
    const stop = store.subscribe(heard);
    store.setState({ n: 1 });
    store.setState(first, true);
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).not.toHaveBeenCalled();
    stop();
    store.setState({ n: 5 });
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).not.toHaveBeenCalled();
  });
});
