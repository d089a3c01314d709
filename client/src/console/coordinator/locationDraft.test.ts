import { describe, expect, it } from "vitest";
import type { LocationAdminView } from "../../../../shared/protocol";
import { newException, newLocationBody, patchAt, removeAt, settingsOf, shownEnd, storedEnd, toggleIn } from "./locationDraft";

const leiden: LocationAdminView = {
  id: "leiden",
  name: "Leiden",
  timeZone: "Europe/Amsterdam",
  weeklyHours: { mon: [{ start: "14:00", end: "18:00" }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  exceptions: [{ date: "2026-12-25", windows: [] }],
  overflowSeconds: 120,
  autoAssign: true,
  skillWindowSeconds: 60,
  wrapUpTopics: ["school"],
  snippets: [{ key: "hello", lang: "nl", text: "Hoi!" }],
};

describe("settingsOf", () => {
  it("leaves the id out of the body: it is in the path", () => {
    expect(settingsOf(leiden)).not.toHaveProperty("id");
    expect(settingsOf(leiden).name).toBe("Leiden");
  });
});

describe("newLocationBody", () => {
  it("copies the template's settings, but opens on no day, has no exceptions and assigns nobody by itself", () => {
    const body = newLocationBody(leiden, "delft", "Delft");
    expect(body).toMatchObject({
      id: "delft",
      name: "Delft",
      timeZone: "Europe/Amsterdam",
      overflowSeconds: 120,
      exceptions: [],
      autoAssign: false,
    });
    expect(Object.values(body.weeklyHours).every((windows) => windows.length === 0)).toBe(true);
    expect(Object.keys(body.weeklyHours)).toEqual(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
    expect(body.snippets).toEqual(leiden.snippets);
  });
});

describe("list edits", () => {
  it("patch, remove and toggle without touching the list they were given", () => {
    const list = [{ a: 1 }, { a: 2 }];
    expect(patchAt(list, 1, { a: 3 })).toEqual([{ a: 1 }, { a: 3 }]);
    expect(removeAt(list, 0)).toEqual([{ a: 2 }]);
    expect(list).toEqual([{ a: 1 }, { a: 2 }]);
    expect(toggleIn(["school"], "home", true)).toEqual(["school", "home"]);
    expect(toggleIn(["school", "home"], "school", false)).toEqual(["home"]);
  });
});

describe("midnight at the end of a window", () => {
  it("shows as 23:59 and is stored as 24:00, whether typed as 23:59 or 00:00", () => {
    expect(shownEnd("24:00")).toBe("23:59");
    expect(shownEnd("18:00")).toBe("18:00");
    expect(storedEnd("23:59")).toBe("24:00");
    expect(storedEnd("00:00")).toBe("24:00");
    expect(storedEnd("17:30")).toBe("17:30");
  });
});

describe("newException", () => {
  it("is for today on the viewer's calendar, closed all day", () => {
    expect(newException(new Date(2026, 11, 24, 23, 30))).toEqual({ date: "2026-12-24", windows: [] });
  });
});
