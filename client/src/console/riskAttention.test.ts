import { describe, expect, it } from "vitest";
import { markSeen, type RiskChat, riskAttention, withRiskPrefix } from "./riskAttention";

const chat = (id: string, over: Partial<RiskChat> = {}): RiskChat => ({ id, name: id, onScreen: false, ...over });
const high = (at: number) => ({ level: "high" as const, at });

describe("risk attention", () => {
  it("marks a chat with a high flag that is not on screen: red tab, title prefix, alarm, announcement", () => {
    const chats = [chat("mo", { risk: high(5) }), chat("sam", { onScreen: true })];
    const a = riskAttention(chats, {});
    expect([...a.marked]).toEqual(["mo"]);
    expect(a).toMatchObject({ titlePrefix: true, alarm: true, announce: ["mo"] });
  });

  it("asks for nothing while the flagged chat is on screen, and stops once it has been opened", () => {
    const onScreen = [chat("mo", { risk: high(5), onScreen: true })];
    expect(riskAttention(onScreen, {})).toMatchObject({ titlePrefix: false, alarm: false, announce: [] });
    const seen = markSeen({}, onScreen);
    // Switched to another chat again: the flag was seen, so no alarm.
    expect(riskAttention([chat("mo", { risk: high(5) })], seen).alarm).toBe(false);
  });

  it("sounds again for a later flag in the same chat", () => {
    const seen = markSeen({}, [chat("mo", { risk: high(5), onScreen: true })]);
    expect(riskAttention([chat("mo", { risk: high(9) })], seen).alarm).toBe(true);
  });

  it("treats a chat in a console tab that is itself in the background as not on screen", () => {
    // The hook passes onScreen = active && !document.hidden.
    expect(riskAttention([chat("mo", { risk: high(5), onScreen: false })], {}).marked.has("mo")).toBe(true);
  });

  it("leaves a concern (not high) to the unread badge", () => {
    expect(riskAttention([chat("mo", { risk: { level: "concern", at: 5 } })], {}).alarm).toBe(false);
  });

  it("keeps markSeen's result identical when nothing changed (no re-render loop)", () => {
    const seen = { mo: 5 };
    expect(markSeen(seen, [chat("mo", { risk: high(5), onScreen: true }), chat("x")])).toBe(seen);
  });

  it("prefixes the title once", () => {
    expect(withRiskPrefix("(1) nieuw — Inloop", "⚠ Risico", true)).toBe("⚠ Risico (1) nieuw — Inloop");
    expect(withRiskPrefix("⚠ Risico (1) nieuw — Inloop", "⚠ Risico", true)).toBe("⚠ Risico (1) nieuw — Inloop");
    expect(withRiskPrefix("Inloop", "⚠ Risico", false)).toBe("Inloop");
  });
});
