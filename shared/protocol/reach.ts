import { z } from "zod";
import { ClientId, ConversationId, MessageText, StaffRole } from "./vocabulary";

/**
 * Reaching staff outside the open tab (Web Push), youth turn notices, duty reachability and the
 * debrief thread. Schemas here; the requests and broadcasts are listed in events.ts.
 */

/** A browser's push subscription (PushSubscription.toJSON()): where to post, and the keys to encrypt for. */
export const PushSubscriptionJson = z
  .object({
    endpoint: z.url({ protocol: /^https?$/ }).max(1000),
    /** Some browsers send it; the server does not use it (a subscription is dropped when the push service says 404/410). */
    expirationTime: z.number().nullable().optional(),
    keys: z
      .object({
        p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/),
        auth: z.string().regex(/^[A-Za-z0-9_-]{16,30}={0,2}$/),
      })
      .strict(),
  })
  .strict();
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionJson>;

/**
 * What a push carries: ids, a level and a location name, never a word of the youth. The service
 * worker (client/public/sw.js) turns it into the notification's text.
 */
export type PushPayload =
  | { kind: "escalation"; escalationId: string; conversationId?: string; level: "consult" | "urgent" | "crisis"; location: string }
  | { kind: "waiting"; location: string }
  | { kind: "debrief"; debriefId: string; location: string }
  | { kind: "turn" };

/** How an on-duty professional can be reached now: an open console, only a subscribed device, or not at all. */
export const REACH = ["console", "push", "none"] as const;
export type Reach = (typeof REACH)[number];

/** A professional on duty, for colleagues and coordinators: "niet bereikbaar" when `reach` is "none". */
export const DutyStatusView = z.object({
  staffId: z.string(),
  displayName: z.string(),
  locationIds: z.array(z.string()),
  since: z.number(),
  reach: z.enum(REACH),
});
export type DutyStatusView = z.infer<typeof DutyStatusView>;

export const DebriefId = z.string().regex(/^d_[A-Za-z0-9_-]{10,40}$/);

/** A volunteer's "praat even na" request and who took it up. */
export const DebriefView = z.object({
  id: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string().optional(),
  locationId: z.string(),
  /** The chat it is about, if the volunteer named one (the wrap-up does). */
  conversationId: z.string().optional(),
  requestedAt: z.number(),
  status: z.enum(["open", "claimed", "closed"]),
  claimedBy: z.string().optional(),
  claimedByName: z.string().optional(),
  claimedAt: z.number().optional(),
  closedAt: z.number().optional(),
  /** The highest seq in its thread. */
  lastSeq: z.number().int(),
});
export type DebriefView = z.infer<typeof DebriefView>;

/** One message of the staff-only thread between the volunteer and the professional who took the debrief. */
export const DebriefMessageView = z.object({
  id: z.string(),
  debriefId: z.string(),
  seq: z.number().int().positive(),
  sender: z.object({ staffId: z.string(), role: StaffRole, name: z.string() }),
  text: z.string(),
  sentAt: z.number(),
});
export type DebriefMessageView = z.infer<typeof DebriefMessageView>;

/** The request schemas of this feature, spread into `Requests`. */
export const ReachRequests = {
  /** Staff (volunteer, professional) or a queued youth: notify this device when the page is closed. */
  "push:subscribe": z.object({ subscription: PushSubscriptionJson }).strict(),
  "push:unsubscribe": z.object({ endpoint: z.url({ protocol: /^https?$/ }).max(1000) }).strict(),
  "debrief:request": z.object({ conversationId: ConversationId.optional() }).strict(),
  "debrief:list": z.object({}).strict(),
  "debrief:claim": z.object({ debriefId: DebriefId }).strict(),
  "debrief:send": z.object({ debriefId: DebriefId, id: ClientId, text: MessageText }).strict(),
  "debrief:sync": z.object({ debriefId: DebriefId }).strict(),
  "debrief:close": z.object({ debriefId: DebriefId }).strict(),
} as const;

/** Ack data of this feature's requests. */
export interface ReachResponses {
  "push:subscribe": Record<string, never>;
  "push:unsubscribe": Record<string, never>;
  "debrief:request": DebriefView;
  "debrief:list": DebriefView[];
  "debrief:claim": DebriefView;
  "debrief:send": { seq: number; sentAt: number; duplicate: boolean };
  "debrief:sync": { debrief: DebriefView; messages: DebriefMessageView[] };
  "debrief:close": DebriefView;
}

/** Broadcasts of this feature. */
export interface ReachServerEvents {
  /** To professionals on duty and to the volunteer (and the claimer): a debrief was asked for, taken up or closed. */
  "debrief:updated": (p: DebriefView) => void;
  /** To the volunteer and the professional of a debrief: a new message in their thread. */
  "debrief:message": (p: DebriefMessageView) => void;
}
