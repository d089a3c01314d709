import { describe, expect, it } from "vitest";
import type { FigureSummary } from "../../../../shared/protocol";
import { translate } from "../../i18n/i18n";
import { escalationCount, figuresFormat, ranked, recallText } from "./figuresFormat";

const nl = figuresFormat((key, vars) => translate("nl", key, vars), "nl");
const en = figuresFormat((key, vars) => translate("en", key, vars), "en");

describe("figuresFormat", () => {
  it("writes numbers the page's language's way", () => {
    expect(nl.number(1234.56, 1)).toBe("1.234,6");
    expect(en.number(1234.56, 1)).toBe("1,234.6");
    expect(nl.number(2.6)).toBe("3");
  });

  it("writes minutes and means with one decimal, and a dash when there was nothing to measure", () => {
    expect(nl.minutes(90_000)).toBe("1,5 min");
    expect(nl.minutes(null)).toBe("—");
    expect(en.mean(4)).toBe("4.0");
    expect(en.mean(null)).toBe("—");
  });

  it("names the chats without a location, and shows unknown topics and referrals as stored", () => {
    expect(nl.locationName({ id: "any", name: "any" })).toBe("Geen locatie gekozen");
    expect(nl.locationName({ id: "leiden", name: "Leiden" })).toBe("Leiden");
    expect(nl.topicLabel("not-a-topic")).toBe("not-a-topic");
    expect(nl.referralLabel("113")).toBe(translate("nl", "console.wrapup.referral.113"));
    expect(nl.referralLabel("the-neighbour")).toBe("the-neighbour");
  });
});

describe("ranked", () => {
  it("puts the largest count first, each under its label", () => {
    expect(ranked({ a: 1, b: 5, c: 3 }, (k) => k.toUpperCase())).toEqual([
      { label: "B", value: 5 },
      { label: "C", value: 3 },
      { label: "A", value: 1 },
    ]);
  });
});

describe("escalationCount", () => {
  it("adds up every level", () => {
    expect(escalationCount({ escalations: { consult: 1, urgent: 2, crisis: 3 } } as FigureSummary)).toBe(6);
  });
});

describe("recallText", () => {
  const month = (volunteerHigh: number, bothHigh: number) => ({ judged: 40, volunteerHigh, bothHigh, scorerHighVolunteerNone: 0 });

  it("withholds a share of fewer than five chats, and shows none when there were none", () => {
    expect(recallText(month(0, 0), "—")).toBe("—");
    expect(recallText(month(4, 4), "—")).toBe("n<5");
    expect(recallText(month(6, 5), "—")).toBe("83%");
  });
});
