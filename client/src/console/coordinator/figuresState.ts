import type { FiguresReport } from "../../../../shared/protocol";
import { localIso } from "./localDay";

/** A period of whole days, both ends included, as "YYYY-MM-DD". */
export interface Period {
  from: string;
  to: string;
}

/** A location the figures can be filtered on. */
export interface FiguresLocation {
  id: string;
  name: string;
}

/** The figures page as one value: the period and filter asked for, and the server's last answer. */
export interface FiguresState {
  period: Period;
  /** Every location this coordinator runs, from the first answer; undefined until it came. */
  available?: FiguresLocation[];
  /** The locations ticked in the filter; undefined means all of them. */
  chosen?: string[];
  report?: FiguresReport;
  error?: string;
}

export type FiguresAction =
  | { type: "period"; period: Period }
  | { type: "from"; date: string }
  | { type: "to"; date: string }
  | { type: "toggleLocation"; id: string }
  | { type: "allLocations" }
  | { type: "loaded"; report: FiguresReport }
  | { type: "failed"; error: string };

/** From the first of this month up to and including today. */
export function thisMonth(now: Date): Period {
  return { from: localIso(new Date(now.getFullYear(), now.getMonth(), 1)), to: localIso(now) };
}

/** The whole of the month before this one. */
export function lastMonth(now: Date): Period {
  return {
    from: localIso(new Date(now.getFullYear(), now.getMonth() - 1, 1)),
    to: localIso(new Date(now.getFullYear(), now.getMonth(), 0)),
  };
}

/** The page as it opens: this month, every location, nothing loaded yet. */
export function initialFigures(now: Date): FiguresState {
  return { period: thisMonth(now) };
}

/** The locations ticked now: all of them while the filter is untouched. */
export function chosenIds(state: FiguresState): string[] {
  return state.chosen ?? state.available?.map((l) => l.id) ?? [];
}

/** Whether only some of the locations are ticked (then the query names them). */
export function isFiltered(state: FiguresState): boolean {
  return state.chosen !== undefined && state.available !== undefined && state.chosen.length < state.available.length;
}

/** The query string of both the dashboard's request and the CSV link: the same figures either way. */
export function figuresQuery(state: FiguresState): string {
  const params = new URLSearchParams({ from: state.period.from, to: state.period.to });
  if (isFiltered(state)) params.set("locations", (state.chosen ?? []).join(","));
  return params.toString();
}

function toggled(state: FiguresState, id: string): FiguresState {
  const all = state.available?.map((l) => l.id) ?? [];
  const current = state.chosen ?? all;
  // Ticking one back keeps the server's order of locations, so the query does not change with the clicks' order.
  const next = current.includes(id) ? current.filter((x) => x !== id) : all.filter((x) => x === id || current.includes(x));
  // Figures of no location at all mean nothing: the last tick stays.
  return next.length > 0 ? { ...state, chosen: next } : state;
}

/** The figures page's state as a pure function of what the coordinator chose and what the server said. */
export function reduceFigures(state: FiguresState, action: FiguresAction): FiguresState {
  switch (action.type) {
    case "period":
      return { ...state, period: action.period };
    // A date field that is cleared says nothing yet: the period stays as it was.
    case "from":
      return action.date ? { ...state, period: { ...state.period, from: action.date } } : state;
    case "to":
      return action.date ? { ...state, period: { ...state.period, to: action.date } } : state;
    case "toggleLocation":
      return toggled(state, action.id);
    case "allLocations":
      return { ...state, chosen: undefined };
    case "loaded":
      // The first answer (no filter) lists every location I run: those are the filter's choices.
      return { ...state, report: action.report, error: undefined, available: state.available ?? action.report.locations };
    case "failed":
      return { ...state, error: action.error };
  }
}
