import { describe, expect, it } from "vitest";
import { BOOSTER_SKILLS, type StaffAdminView, type StaffView } from "../../../../shared/protocol";
import { translate } from "../../i18n/i18n";
import { draftOf, isBooster, otherSkillsText, parseOtherSkills, skillLabel, staffBody, statusOf } from "./staffDraft";

const booster = BOOSTER_SKILLS[0];
const me: StaffView = { id: "st_ilse", email: "ilse@x", displayName: "Ilse", role: "coordinator", locationId: "leiden" };
const member = (over: Partial<StaffAdminView> = {}): StaffAdminView => ({
  id: "st_bo",
  email: "bo@x",
  displayName: "Bo",
  role: "volunteer",
  locationId: "delft",
  skills: [booster, "rouw"],
  active: true,
  invitePending: false,
  ...over,
});

describe("skills", () => {
  it("tells booster trainings from free words, and names them in the page's language", () => {
    expect(isBooster(booster)).toBe(true);
    expect(isBooster("rouw")).toBe(false);
    expect(skillLabel((key, vars) => translate("nl", key, vars), booster)).toBe(translate("nl", `coord.skill.${booster}`));
    expect(skillLabel((key, vars) => translate("nl", key, vars), "rouw")).toBe("rouw");
  });

  it("shows only the free words in the 'other skills' field, and reads them back as keys", () => {
    expect(otherSkillsText([booster, "rouw", "lange-gesprekken"])).toBe("rouw, lange-gesprekken");
    expect(parseOtherSkills(" Rouw,  Lange  Gesprekken ,, ")).toEqual(["rouw", "lange-gesprekken"]);
  });
});

describe("statusOf", () => {
  it("is active, invited (pending) or switched off", () => {
    expect(statusOf(member())).toBe("active");
    expect(statusOf(member({ active: false, invitePending: true }))).toBe("pending");
    expect(statusOf(member({ active: false }))).toBe("inactive");
  });
});

describe("draftOf", () => {
  it("starts an invitation as a volunteer at the first location, or the coordinator's own without any", () => {
    expect(draftOf(undefined, [{ id: "delft" }], me)).toEqual({
      email: "",
      displayName: "",
      role: "volunteer",
      locationId: "delft",
      skills: [],
    });
    expect(draftOf(undefined, [], me).locationId).toBe("leiden");
  });

  it("takes a colleague as they are, with what they run only when they run something", () => {
    expect(draftOf(member(), [], me)).not.toHaveProperty("manages");
    expect(draftOf(member({ role: "coordinator", manages: "all" }), [], me).manages).toBe("all");
  });
});

describe("staffBody", () => {
  const draft = draftOf(member(), [], me);

  it("sends the boosters ticked and the free words typed, each once", () => {
    expect(staffBody(draft, "rouw, Rouw, school", false)).toEqual({
      displayName: "Bo",
      role: "volunteer",
      locationId: "delft",
      skills: [booster, "rouw", "school"],
    });
  });

  it("has a coordinator run their own location unless told otherwise", () => {
    expect(staffBody({ ...draft, role: "coordinator" }, "", false).manages).toEqual(["delft"]);
    expect(staffBody({ ...draft, role: "coordinator", manages: ["delft", "leiden"] }, "", false).manages).toEqual(["delft", "leiden"]);
  });

  it("never sends what a coordinator runs for anyone else, nor for themselves", () => {
    expect(staffBody({ ...draft, manages: ["delft"] }, "", false)).not.toHaveProperty("manages");
    expect(staffBody({ ...draft, role: "coordinator", manages: "all" }, "", true)).not.toHaveProperty("manages");
  });
});
