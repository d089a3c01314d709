import { describe, expect, it } from "vitest";
import { createWorkplaceStore, gapFiller } from "./workplace";

type Action = { type: "add"; n: number } | { type: "same" };
const reduce = (state: { total: number }, action: Action) => (action.type === "add" ? { total: state.total + action.n } : state);

describe("createWorkplaceStore", () => {
  it("gives a handler the state the last action left, before anything renders", () => {
    const store = createWorkplaceStore(reduce, { total: 0 });
    store.dispatch({ type: "add", n: 2 });
    store.dispatch({ type: "add", n: 3 });
    expect(store.getState()).toEqual({ total: 5 });
  });

  it("tells subscribers about changes only, until they unsubscribe", () => {
    const store = createWorkplaceStore(reduce, { total: 0 });
    const seen: number[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.getState().total));
    store.dispatch({ type: "add", n: 1 });
    store.dispatch({ type: "same" });
    unsubscribe();
    store.dispatch({ type: "add", n: 1 });
    expect(seen).toEqual([1]);
  });
});

/** A fetch that waits until the test lets it finish, so overlaps can be arranged. */
function controlledFetch() {
  const calls: string[] = [];
  const waiting: (() => void)[] = [];
  const fetch = (id: string) => {
    calls.push(id);
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const finishOne = async () => {
    waiting.shift()?.();
    // Let the filler see the fetch's end and start its next round, if any.
    for (let i = 0; i < 3; i++) await Promise.resolve();
  };
  return { calls, fetch, finishOne };
}

describe("gapFiller", () => {
  it("runs one fetch per chat at a time and one more round for gaps seen meanwhile", async () => {
    const { calls, fetch, finishOne } = controlledFetch();
    const fill = gapFiller(fetch);
    const first = fill("c1");
    void fill("c1");
    void fill("c1"); // two gaps while the first fetch runs: one more round, not two
    expect(calls).toEqual(["c1"]);
    await finishOne();
    expect(calls).toEqual(["c1", "c1"]);
    await finishOne();
    await first;
    expect(calls).toEqual(["c1", "c1"]);
  });

  it("fetches different chats side by side", () => {
    const { calls, fetch } = controlledFetch();
    const fill = gapFiller(fetch);
    void fill("c1");
    void fill("c2");
    expect(calls).toEqual(["c1", "c2"]);
  });

  it("stops after five rounds even if gaps keep showing", async () => {
    let rounds = 0;
    const fill = gapFiller(async () => {
      rounds++;
      void fill("c1"); // every round sees another gap
    });
    await fill("c1");
    expect(rounds).toBe(5);
    // And the chat is free again afterwards.
    await fill("c1");
    expect(rounds).toBeGreaterThan(5);
  });
});
