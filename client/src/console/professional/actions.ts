import { type Ack, ANY_LOCATION, type LocationView } from "../../../../shared/protocol";
import type { useProfessional } from "./useProfessional";

/** What the professional's workplace can do (useProfessional's actions). */
export type Actions = ReturnType<typeof useProfessional>["actions"];
/** Shows a refusal and says whether the request went through. */
export type Report = (a: Ack<unknown>) => boolean;
export const minutesSince = (now: number, at: number) => Math.max(0, Math.floor((now - at) / 60_000));

/** A location's name; "any" in the reader's words. */
export const locationName = (locations: LocationView[], id: string, any: string) =>
  id === ANY_LOCATION ? any : (locations.find((l) => l.id === id)?.name ?? id);
