import type { AccessSearchView, StaffAdminView } from "../../../../shared/protocol";
import { localIso } from "./localDay";

const DAY_MS = 86_400_000;

/** The access page as one value: the search as typed, the people to pick from, and the last answer. */
export interface AccessState {
  from: string;
  to: string;
  /** Empty: everyone. */
  staffId: string;
  staff: StaffAdminView[];
  found?: AccessSearchView;
  error?: string;
}

export type AccessAction =
  | { type: "from"; date: string }
  | { type: "to"; date: string }
  | { type: "person"; staffId: string }
  | { type: "staff"; staff: StaffAdminView[] }
  | { type: "found"; found: AccessSearchView }
  | { type: "failed"; error: string };

/** The page as it opens: the last seven days up to today, everyone. */
export function initialAccess(now: number): AccessState {
  return { from: localIso(new Date(now - 6 * DAY_MS)), to: localIso(new Date(now)), staffId: "", staff: [] };
}

/** The query of a search as typed now. */
export function accessQuery(state: AccessState): string {
  return new URLSearchParams({ from: state.from, to: state.to, ...(state.staffId && { staffId: state.staffId }) }).toString();
}

/** The access page's state as a pure function of what the coordinator typed and what the server said. */
export function reduceAccess(state: AccessState, action: AccessAction): AccessState {
  switch (action.type) {
    case "from":
      return { ...state, from: action.date };
    case "to":
      return { ...state, to: action.date };
    case "person":
      return { ...state, staffId: action.staffId };
    case "staff":
      return { ...state, staff: action.staff };
    case "found":
      return { ...state, found: action.found, error: undefined };
    case "failed":
      // The last entries found stay under the error: they are still true for their search.
      return { ...state, error: action.error };
  }
}
