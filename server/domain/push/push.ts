import { ANY_LOCATION, type PushPayload, type Reach } from "../../../shared/protocol";
import type { Millis } from "../clock";
import type { QueueEntry } from "../conversation";
import type { Escalation } from "../escalation/escalation";
import type { Shift } from "../roster/roster";
import type { Presence, Staff } from "../staff";

/** A browser's push subscription as stored: where to post and the keys to encrypt for. */
export interface PushSubscriptionRecord {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  createdAt: Millis;
}

/** Subscriptions are kept per owner: a staff member, or a youth while they wait. */
export const pushOwner = {
  staff: (staffId: string) => `staff:${staffId}`,
  youth: (youthId: string) => `youth:${youthId}`,
};

/** At most this many devices per owner; a new one replaces the oldest. */
export const MAX_SUBSCRIPTIONS_PER_OWNER = 5;

/** How a professional can be reached: an open console first, then a subscribed device, else not at all. */
export function reachOf(connected: boolean, subscribed: boolean): Reach {
  return connected ? "console" : subscribed ? "push" : "none";
}

/** An escalation's push: ids, level and the location's name. Never its note (the volunteer's words) or the youth's. */
export function escalationPush(e: Pick<Escalation, "id" | "conversationId" | "level">, locationName: string): PushPayload {
  return {
    kind: "escalation",
    escalationId: e.id,
    ...(e.conversationId && { conversationId: e.conversationId }),
    level: e.level,
    location: locationName,
  };
}

/**
 * The known Web Push services. In production a subscription must post to one of these (suffix
 * match), so nobody can make the server send requests to an address of their choosing.
 */
export const DEFAULT_PUSH_HOSTS = [
  "fcm.googleapis.com",
  "updates.push.services.mozilla.com",
  "push.services.mozilla.com",
  "web.push.apple.com",
  "notify.windows.com",
];

/** Whether the server may post to this endpoint: https to a known push service; outside production any http(s). */
export function endpointAllowed(endpoint: string, options: { production: boolean; hosts: readonly string[] }): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (!options.production) return url.protocol === "https:" || url.protocol === "http:";
  if (url.protocol !== "https:") return false;
  return options.hosts.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`));
}

/**
 * Volunteers to page when a youth starts waiting: at the chosen location (any location for "any"),
 * on a roster shift now or with a presence other than "off", without an open console. Whether they
 * subscribed a device is the caller's question.
 */
export function waitingRecipients(input: {
  entry: Pick<QueueEntry, "locationChoice">;
  staff: readonly Staff[];
  presence: readonly Presence[];
  shifts: readonly Shift[];
  connected: ReadonlySet<string>;
  now: Millis;
}): string[] {
  const here = (locationId: string) => input.entry.locationChoice === ANY_LOCATION || input.entry.locationChoice === locationId;
  const onShift = new Set(
    input.shifts.filter((s) => s.start <= input.now && input.now < s.end && here(s.locationId)).map((s) => s.staffId),
  );
  const present = new Set(input.presence.filter((p) => p.status !== "off" && here(p.locationId)).map((p) => p.staffId));
  return input.staff
    .filter((s) => s.active && s.role === "volunteer" && (onShift.has(s.id) || present.has(s.id)) && !input.connected.has(s.id))
    .map((s) => s.id);
}
