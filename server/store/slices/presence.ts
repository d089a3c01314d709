import type { Presence } from "../../domain/staff";

/** Volunteers' status and capacity (their load is derived from the conversations they hold). */
export interface PresenceStore {
  /** Creates or updates status and capacity; `load` is derived and ignored here. */
  putPresence(presence: Omit<Presence, "load">): Promise<Presence>;
  getPresence(staffId: string): Promise<Presence | undefined>;
  listPresence(): Promise<Presence[]>;
}
