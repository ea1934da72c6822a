// A zustand store whose subscribers hear of changes in a later task instead of at once, several changes as one.
// Why: React renders a useSyncExternalStore update synchronously, in the microtask right after the change. The agent
// session updates its store while a step's last chunks are processed (tool activity, usage), so the panel used to
// re-render inside the tool loop's critical path, between the model's last chunk and the next request (measured:
// ~5 of ~11 ms of page work there). Reads (getState) still see every change at once.
import type { StoreApi } from "zustand/vanilla";

type Listener<T> = (state: T, previous: T) => void;

export function notifyLater<T>(store: StoreApi<T>, schedule: (run: () => void) => void = (run) => setTimeout(run, 0)): StoreApi<T> {
  const listeners = new Set<Listener<T>>();
  let scheduled = false;
  store.subscribe((_state, previous) => {
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      const state = store.getState();
      if (Object.is(state, previous)) return;
      for (const listener of [...listeners]) listener(state, previous);
    });
  });
  return {
    ...store,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
