import type { LocationAdminView } from "../../../../shared/protocol";

/** The locations page as one value: the locations this coordinator runs, which one is open, whether a new one is being made. */
export interface LocationsState {
  /** Undefined until the first answer. */
  locations?: LocationAdminView[];
  selected?: string;
  creating: boolean;
}

export type LocationsAction =
  /** `select`: open this one (a location just made); otherwise the open one stays open. */
  | { type: "loaded"; locations: LocationAdminView[]; select?: string }
  | { type: "select"; id: string }
  | { type: "create" }
  | { type: "createClosed" }
  | { type: "saved"; location: LocationAdminView };

export const initialLocations: LocationsState = { creating: false };

/** The location open in the editor, if the list holds it. */
export function selectedLocation(state: LocationsState): LocationAdminView | undefined {
  return state.locations?.find((l) => l.id === state.selected);
}

/** The locations page's state as a pure function of what the server said and what the coordinator did. */
export function reduceLocations(state: LocationsState, action: LocationsAction): LocationsState {
  switch (action.type) {
    case "loaded":
      return { ...state, locations: action.locations, selected: action.select ?? state.selected ?? action.locations[0]?.id };
    case "select":
      return { ...state, selected: action.id };
    case "create":
      return { ...state, creating: true };
    case "createClosed":
      return { ...state, creating: false };
    case "saved":
      return state.locations
        ? { ...state, locations: state.locations.map((l) => (l.id === action.location.id ? action.location : l)) }
        : state;
  }
}
