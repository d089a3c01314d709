export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Local wall-clock window, "HH:MM" to "HH:MM" (end may be "24:00"), in the location's time zone. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** A date (local, "YYYY-MM-DD") whose hours differ from the week: a holiday (no windows) or extra hours. */
export interface OpeningException {
  date: string;
  windows: TimeWindow[];
  note?: string;
}

export interface Location {
  id: string;
  name: string;
  timeZone: string;
  weeklyHours: Record<Weekday, TimeWindow[]>;
  exceptions: OpeningException[];
  /** After this long, a youth who chose this location may be taken by any location's volunteer. */
  overflowSeconds: number;
  /**
   * A youth whose topic matches a booster training is kept this long for volunteers who hold it
   * (never a flagged youth). Absent in records from before skill routing: treat as the default.
   */
  skillWindowSeconds?: number;
  /** Volunteers here get youths pushed to them instead of pressing "take next". */
  autoAssign: boolean;
  /** Canned responses volunteers insert by typing "/" and a few letters. */
  snippets: Snippet[];
  /** Topics a wrap-up can name (keys of the shared topic list). */
  wrapUpTopics: string[];
  /** Volunteers of this location must log in with a second factor too (coordinators and professionals always do). */
  volunteerSecondFactor?: boolean;
}

export interface Snippet {
  key: string;
  lang: "nl" | "en";
  text: string;
}
