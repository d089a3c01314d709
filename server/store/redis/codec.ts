import type { Conversation, Message } from "../../domain/conversation";
import type { Escalation } from "../../domain/escalation/escalation";
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
 * Flat field/value list for HSET. `lastSeq` is left out because the message counter owns it, and
 * undefined fields are left out so they come back absent rather than as "undefined".
 */
export function encodeConversation(c: Conversation): string[] {
  const out: string[] = [];
  for (const [field, value] of Object.entries(c)) {
    if (field === "lastSeq" || value === undefined || value === null) continue;
    out.push(field, String(value));
  }
  return out;
}

export function decodeConversation(fields: Record<string, string>, lastSeq: number): Conversation {
  const c: Record<string, string | number> = {};
  for (const [field, value] of Object.entries(fields)) {
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
