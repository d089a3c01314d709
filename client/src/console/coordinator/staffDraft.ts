import { BOOSTER_SKILLS, type StaffAdminView, type StaffRole, type StaffView } from "../../../../shared/protocol";
import type { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";

/** The staff form's fields: a new colleague to invite, or one being changed. */
export interface StaffDraft {
  email: string;
  displayName: string;
  role: StaffRole;
  locationId: string;
  skills: string[];
  manages?: string[] | "all";
}

/** Where a colleague stands: working, invited and not yet in, or switched off. */
export type StaffStatus = "active" | "pending" | "inactive";

/** Whether a skill is one of the booster trainings (shown as a checkbox, routed on); the rest are free words. */
export function isBooster(skill: string): boolean {
  return (BOOSTER_SKILLS as readonly string[]).includes(skill);
}

/** A skill in the page's language: booster trainings by their name, free words as they were typed. */
export function skillLabel(t: ReturnType<typeof useI18n>["t"], key: string): string {
  return isBooster(key) ? t(`coord.skill.${key}` as MessageKey) : key;
}

/** A colleague's status, as the list shows and styles it. */
export function statusOf(member: StaffAdminView): StaffStatus {
  return member.active ? "active" : member.invitePending ? "pending" : "inactive";
}

/**
 * The form's first values: the colleague as they are, or an empty volunteer at the coordinator's
 * first location (their own when they have none to list).
 */
export function draftOf(subject: StaffAdminView | undefined, locations: readonly { id: string }[], me: StaffView): StaffDraft {
  if (!subject) return { email: "", displayName: "", role: "volunteer", locationId: locations[0]?.id ?? me.locationId, skills: [] };
  return {
    email: subject.email,
    displayName: subject.displayName,
    role: subject.role,
    locationId: subject.locationId,
    skills: subject.skills,
    ...(subject.manages && { manages: subject.manages }),
  };
}

/** The free-word skills as the "other skills" field shows them. */
export function otherSkillsText(skills: readonly string[]): string {
  return skills.filter((s) => !isBooster(s)).join(", ");
}

/** Free words typed as "Rouw, lange  gesprekken" become skill keys like the server's ("rouw", "lange-gesprekken"). */
export function parseOtherSkills(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim().toLowerCase().replace(/\s+/g, "-"))
    .filter(Boolean);
}

/**
 * What the form sends, for an invitation and a change alike (an invitation adds the email). A
 * coordinator runs their own location unless told otherwise; nobody changes what they run themselves.
 */
export function staffBody(draft: StaffDraft, otherSkills: string, self: boolean) {
  const boosters = draft.skills.filter(isBooster);
  const skills = [...new Set([...boosters, ...parseOtherSkills(otherSkills)])];
  const manages = draft.role === "coordinator" && !self ? (draft.manages ?? [draft.locationId]) : undefined;
  return { displayName: draft.displayName, role: draft.role, locationId: draft.locationId, skills, ...(manages && { manages }) };
}
