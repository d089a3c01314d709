import { beforeEach, describe, expect, it } from "vitest";
import { splitLinks } from "./links";
import { tabStore, wipeInloopStorage } from "./storage";

describe("what the page stores", () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  it("keeps the token and the outbox for the tab, and quick exit wipes only Inloop's keys", () => {
    tabStore.setToken("secret-token");
    tabStore.setOutbox([{ id: "u1", conversationId: "c_abcdefghijkl", text: "hoi" }]);
    tabStore.setLang("en");
    localStorage.setItem("inloop.something", "x");
    localStorage.setItem("other-site", "keep");
    expect(tabStore.token()).toBe("secret-token");
    expect(tabStore.outbox()).toHaveLength(1);
    wipeInloopStorage();
    expect(sessionStorage.length).toBe(0);
    expect(localStorage.getItem("inloop.something")).toBeNull();
    expect(localStorage.getItem("other-site")).toBe("keep");
  });

  it("survives a damaged outbox", () => {
    sessionStorage.setItem("inloop.outbox", "{not json");
    expect(tabStore.outbox()).toEqual([]);
  });
});

describe("links in staff messages", () => {
  it("splits out URLs without trailing punctuation", () => {
    expect(splitLinks("Kijk op https://113.nl/chat. Of bel.")).toEqual([
      { text: "Kijk op " },
      { text: "https://113.nl/chat", url: "https://113.nl/chat" },
      { text: ". Of bel." },
    ]);
    expect(splitLinks("geen link")).toEqual([{ text: "geen link" }]);
  });
});
