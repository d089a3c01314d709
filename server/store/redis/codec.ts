import type { Conversation, Message } from "../../domain/conversation";
import type { Escalation } from "../../domain/escalation/escalation";
import { completeBucket, type HourBucket } from "../../domain/figures/buckets";
import type { Presence } from "../../domain/staff";

/** Hash fields that hold numbers; everything else in a conversation hash is a string. */
const NUMERIC_CONVERSATION_FIELDS = new Set<string>([
  "priority",
  "queuedAt",
  "assignedAt",
  "endedAt",
  "youthDeliveredSeq",
  "staffDeliveredSeq",
  "transfers",
  "disconnectedAt",
]);

/**
 * The hash field of a conversation's `holderId`. Stored under its name before the glossary rename
 * (issue 18), so hashes written by the previous release (live chats during an upgrade) still read;
 * the Lua scripts in conversationScripts.ts use the same field.
 */
export const STORED_HOLDER_FIELD = "volunteerId";

/**
 * Flat field/value list for HSET. `lastSeq` is left out because the message counter owns it, and
 * undefined fields are left out so they come back absent rather than as "undefined".
 */
export function encodeConversation(c: Conversation): string[] {
  const out: string[] = [];
  for (const [field, value] of Object.entries(c)) {
    if (field === "lastSeq" || value === undefined || value === null) continue;
    out.push(field === "holderId" ? STORED_HOLDER_FIELD : field, String(value));
  }
  return out;
}

export function decodeConversation(fields: Record<string, string>, lastSeq: number): Conversation {
  const c: Record<string, string | number> = {};
  for (const [stored, value] of Object.entries(fields)) {
    const field = stored === STORED_HOLDER_FIELD ? "holderId" : stored;
    c[field] = NUMERIC_CONVERSATION_FIELDS.has(field) ? Number(value) : value;
  }
  c.lastSeq = lastSeq;
  return c as unknown as Conversation;
}

export function decodePresence(fields: Record<string, string>, load: number): Presence {
  return {
    staffId: fields.staffId ?? "",
    locationId: fields.locationId ?? "",
    status: fields.status as Presence["status"],
    capacity: Number(fields.capacity),
    lastAssignedAt: Number(fields.lastAssignedAt),
    // Presences written before `since` existed have no such field.
    since: fields.since === undefined ? 0 : Number(fields.since),
    load,
  };
}

/** A Lua HGETALL reply (flat array) as a record, like ioredis turns a plain HGETALL. */
export function pairsToRecord(flat: unknown): Record<string, string> {
  const list = flat as string[];
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) record[list[i]!] = list[i + 1]!;
  return record;
}

/** Messages are stored as JSON without seq; the seq is the ZSET score. */
export function decodeMessage(json: string, seq: number | string): Message {
  return { ...(JSON.parse(json) as Omit<Message, "seq">), seq: Number(seq) };
}

/** The seq counter as a number; a conversation without messages has lastSeq 0. */
export function toSeq(value: string | null | undefined): number {
  return value ? Number(value) : 0;
}

/** Escalation hash fields that hold numbers; `offeredTo` is a JSON array; the rest are strings. */
const NUMERIC_ESCALATION_FIELDS = new Set<string>(["raisedAt", "offeredAt", "unroutedAt", "claimedAt", "resolvedAt", "signalAt"]);
/** Escalation hash fields kept as JSON arrays. */
const ARRAY_ESCALATION_FIELDS = new Set<string>(["offeredTo", "signals"]);

/** Flat field/value list for HSET; undefined fields are left out so they come back absent. */
export function encodeEscalation(e: Escalation): string[] {
  const out: string[] = [];
  for (const [field, value] of Object.entries(e)) {
    if (value === undefined || value === null) continue;
    out.push(field, ARRAY_ESCALATION_FIELDS.has(field) ? JSON.stringify(value) : String(value));
  }
  return out;
}

export function decodeEscalation(fields: Record<string, string>): Escalation {
  const e: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (ARRAY_ESCALATION_FIELDS.has(field)) e[field] = JSON.parse(value) as string[];
    else e[field] = NUMERIC_ESCALATION_FIELDS.has(field) ? Number(value) : value;
  }
  // Always an array, even if the field were missing.
  if (!Array.isArray(e.offeredTo)) e.offeredTo = [];
  return e as unknown as Escalation;
}

/**
 * Hour-bucket fields stored under their names before the glossary rename (issue 18), so buckets
 * rolled up by the previous release (kept for years) still count.
 */
const STORED_BUCKET_FIELDS: Record<string, string> = { abandoned: "leftQueue", abandonedWaitsMs: "leftQueueWaitsMs" };
const BUCKET_FIELDS_BY_STORED = Object.fromEntries(Object.entries(STORED_BUCKET_FIELDS).map(([field, stored]) => [stored, field]));

/** An hour bucket as the JSON member of the buckets' ZSET. */
export function encodeBucket(b: HourBucket): string {
  return JSON.stringify(Object.fromEntries(Object.entries(b).map(([field, value]) => [STORED_BUCKET_FIELDS[field] ?? field, value])));
}

/** A stored hour bucket, completed with the fields added since it was rolled up. */
export function decodeBucket(json: string): HourBucket {
  const stored = JSON.parse(json) as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(stored).map(([field, value]) => [BUCKET_FIELDS_BY_STORED[field] ?? field, value]));
  return completeBucket(fields as unknown as HourBucket);
}
