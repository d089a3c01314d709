import type { InviteView, LocationAdminView, StaffAdminView } from "../../../../shared/protocol";

/** The staff page as one value: the list, the form, the invitation link and the confirmation on screen. */
export interface StaffPageState {
  /** Undefined until the first answer. */
  staff?: StaffAdminView[];
  locations: LocationAdminView[];
  /** The colleague in the form, or "new" for an invitation. */
  editing?: StaffAdminView | "new";
  /** The link of the last invitation, shown until closed or the form opens again. */
  invite?: InviteView;
  /** The colleague about to be deactivated, waiting for a yes. */
  confirming?: StaffAdminView;
}

export type StaffPageAction =
  /** Either list is left out when its request failed: what the page had stays. */
  | { type: "loaded"; staff?: StaffAdminView[]; locations?: LocationAdminView[] }
  | { type: "edit"; subject: StaffAdminView | "new" }
  | { type: "editClosed" }
  /** The form's answer: an invitation (with its link) or the changed colleague. */
  | { type: "saved"; result: InviteView | StaffAdminView }
  | { type: "changed"; member: StaffAdminView }
  | { type: "invited"; invite: InviteView }
  | { type: "inviteClosed" }
  | { type: "confirm"; member: StaffAdminView }
  | { type: "confirmClosed" };

export const initialStaffPage: StaffPageState = { locations: [] };

function replaced(state: StaffPageState, member: StaffAdminView): StaffPageState {
  return { ...state, staff: state.staff?.map((s) => (s.id === member.id ? member : s)) };
}

/** The staff page's state as a pure function of what the server said and what the coordinator did. */
export function reduceStaffPage(state: StaffPageState, action: StaffPageAction): StaffPageState {
  switch (action.type) {
    case "loaded":
      return { ...state, staff: action.staff ?? state.staff, locations: action.locations ?? state.locations };
    case "edit":
      return { ...state, editing: action.subject, invite: undefined };
    case "editClosed":
      return { ...state, editing: undefined };
    case "saved":
      return "link" in action.result
        ? { ...state, editing: undefined, invite: action.result }
        : replaced({ ...state, editing: undefined }, action.result);
    case "changed":
      return replaced(state, action.member);
    case "invited":
      return { ...state, invite: action.invite };
    case "inviteClosed":
      return { ...state, invite: undefined };
    case "confirm":
      return { ...state, confirming: action.member };
    case "confirmClosed":
      return { ...state, confirming: undefined };
  }
}
