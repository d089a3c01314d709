import type { LocationAdminView, RosterView, StaffAdminView } from "../../../../shared/protocol";

const DAY_MS = 86_400_000;

/** The roster page as one value: which location and week are shown, and what the server said. */
export interface RosterState {
  /** Undefined until the first answer. */
  locations?: LocationAdminView[];
  /** The active staff, the only ones a shift can be given to. */
  staff: StaffAdminView[];
  locationId?: string;
  /** Any local date in the week shown; the server answers with that week, Monday first. */
  week?: string;
  roster?: RosterView;
}

export type RosterAction =
  /** The page's first answers; either list is left out when its request failed. `now` picks the week. */
  | { type: "opened"; locations?: LocationAdminView[]; staff?: StaffAdminView[]; now: number }
  | { type: "location"; id: string }
  | { type: "week"; week: string }
  | { type: "roster"; roster: RosterView };

export const initialRoster: RosterState = { staff: [] };

/** "YYYY-MM-DD" of an instant on the location's own calendar. */
export function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(at);
}

/** The date `days` later (or earlier), counted on the calendar alone. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Where the roster of the location and week shown is asked for; undefined until both are known. */
export function rosterPath(state: RosterState): string | undefined {
  if (!state.locationId || !state.week) return undefined;
  return `/api/admin/roster?locationId=${encodeURIComponent(state.locationId)}&week=${state.week}`;
}

/** The roster page's state as a pure function of what the server said and what the coordinator chose. */
export function reduceRoster(state: RosterState, action: RosterAction): RosterState {
  switch (action.type) {
    case "opened": {
      const staff = action.staff ? action.staff.filter((s) => s.active) : state.staff;
      if (!action.locations) return { ...state, staff };
      const first = action.locations[0];
      // The page opens on the first location's week as it is there, which may not be the viewer's.
      if (!first) return { ...state, staff, locations: action.locations };
      return { ...state, staff, locations: action.locations, locationId: first.id, week: localDate(action.now, first.timeZone) };
    }
    case "location":
      return { ...state, locationId: action.id };
    case "week":
      return { ...state, week: action.week };
    case "roster":
      return { ...state, roster: action.roster };
  }
}
