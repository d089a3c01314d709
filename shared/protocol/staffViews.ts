/** Staff as the console sees them: their presence, colleagues free for a transfer, their account. */
import { z } from "zod";
import { Capacity, PresenceStatus, StaffRole } from "./vocabulary";

export const PresenceView = z.object({
  staffId: z.string(),
  locationId: z.string(),
  status: PresenceStatus,
  capacity: Capacity,
  load: z.number().int(),
  since: z.number(),
});
export type PresenceView = z.infer<typeof PresenceView>;

/** A colleague who could take a transfer now. */
export const ColleagueView = z.object({
  staffId: z.string(),
  displayName: z.string(),
  locationId: z.string(),
  freeSlots: z.number().int(),
});
export type ColleagueView = z.infer<typeof ColleagueView>;

export const StaffView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: StaffRole,
  locationId: z.string(),
  /** Coordinators: the locations they run ("all" for a national coordinator). */
  manages: z.union([z.literal("all"), z.array(z.string())]).optional(),
});
export type StaffView = z.infer<typeof StaffView>;
