import { describe, expect, it } from "vitest";
import { run, synced } from "./consoleTestFactories";
import { matchSnippets } from "./snippetMatch";

describe("snippets", () => {
  it("match by key after '/', in the console's language first", () => {
    const s = run([{ type: "synced", state: synced([]) }]);
    const leiden = s.locations[0];
    expect(matchSnippets(leiden, "/we", "nl").map((x) => x.key)).toEqual(["welkom", "welcome"]);
    expect(matchSnippets(leiden, "/we", "en").map((x) => x.key)).toEqual(["welcome", "welkom"]);
    expect(matchSnippets(leiden, "/", "nl")).toHaveLength(3);
    expect(matchSnippets(leiden, "hallo", "nl")).toEqual([]);
    expect(matchSnippets(leiden, "/we lkom", "nl")).toEqual([]);
  });
});
