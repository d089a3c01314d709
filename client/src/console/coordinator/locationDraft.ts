import type { LocationAdminView } from "../../../../shared/protocol";

/** The days of a location's week, in the order the editor lists them. */
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Day = (typeof DAYS)[number];
/** One opening window of a day, in the location's own clock ("14:00"–"18:00"; "24:00" is midnight at the end). */
export type Window = { start: string; end: string };
export type Exception = LocationAdminView["exceptions"][number];
export type Snippet = LocationAdminView["snippets"][number];

/** The window a new opening (of a day or an exception) starts with: a usual afternoon. */
export const NEW_WINDOW: Window = { start: "14:00", end: "18:00" };

/** Sets one field of the location being edited. */
export type SetField = <K extends keyof LocationAdminView>(key: K, value: LocationAdminView[K]) => void;

/** What each part of the location editor gets: the draft, and how to change a field of it. */
export interface DraftPartProps {
  draft: LocationAdminView;
  set: SetField;
}

/** A location's settings as the API takes them: the id is in the path, never in the body. */
export function settingsOf({ id: _id, ...settings }: LocationAdminView) {
  return settings;
}

/**
 * The body that creates a location. It starts from the current one's settings, so nothing essential
 * is empty; it is closed on every day until its hours are set, because a new location must not open
 * before anyone works there.
 */
export function newLocationBody(template: LocationAdminView, id: string, name: string) {
  const closed = Object.fromEntries(DAYS.map((d) => [d, []])) as unknown as LocationAdminView["weeklyHours"];
  return { ...settingsOf(template), id, name, exceptions: [], weeklyHours: closed, autoAssign: false };
}

/** The list with its i-th item changed by `patch`. */
export function patchAt<T>(list: readonly T[], i: number, patch: Partial<T>): T[] {
  return list.map((item, j) => (j === i ? { ...item, ...patch } : item));
}

/** The list without its i-th item. */
export function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}

/** The list with `item` in it when `on`, without it otherwise. */
export function toggleIn<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

/** A window's end as a time input shows it: 24:00 cannot be typed there, so midnight at the end shows as 23:59. */
export function shownEnd(end: string): string {
  return end === "24:00" ? "23:59" : end;
}

/** A time input's value as a window's end: 23:59 stands for midnight, and an end at 00:00 can only mean midnight too. */
export function storedEnd(value: string): string {
  return value === "23:59" || value === "00:00" ? "24:00" : value;
}

/** A new exception for today (on the viewer's calendar), closed all day: the usual reason to add one. */
export function newException(now: Date): Exception {
  return { date: now.toLocaleDateString("en-CA"), windows: [] };
}
