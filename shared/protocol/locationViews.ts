/** Locations as the youth page (open or closed), the queue overview and the console see them. */
import { z } from "zod";

export const LocationStatus = z.object({
  id: z.string(),
  name: z.string(),
  open: z.boolean(),
  /** Epoch ms of the next opening (when closed) or of the closing time (when open); absent if none within two weeks. */
  nextChangeAt: z.number().optional(),
});
export type LocationStatus = z.infer<typeof LocationStatus>;

export const ServiceStatus = z.object({
  anyOpen: z.boolean(),
  nextOpenAt: z.number().optional(),
  locations: z.array(LocationStatus),
});
export type ServiceStatus = z.infer<typeof ServiceStatus>;

export const QueueLocationSummary = z.object({
  locationId: z.string(),
  waiting: z.number().int(),
  longestWaitMs: z.number(),
  flagged: z.number().int(),
  availableVolunteers: z.number().int(),
});
export type QueueLocationSummary = z.infer<typeof QueueLocationSummary>;

export const QueueSummary = z.object({ at: z.number(), locations: z.array(QueueLocationSummary) });
export type QueueSummary = z.infer<typeof QueueSummary>;

export const SnippetView = z.object({ key: z.string(), lang: z.enum(["nl", "en"]), text: z.string() });
export type SnippetView = z.infer<typeof SnippetView>;

/** A location as staff need it in the console. */
export const LocationView = z.object({
  id: z.string(),
  name: z.string(),
  autoAssign: z.boolean(),
  snippets: z.array(SnippetView),
  wrapUpTopics: z.array(z.string()),
});
export type LocationView = z.infer<typeof LocationView>;
