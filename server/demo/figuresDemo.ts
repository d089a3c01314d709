import { TOPICS } from "../../shared/protocol";
import type { Millis } from "../domain/clock";
import type { DomainEvent } from "../domain/domainEvents";
import { seededRandom } from "../domain/seededRandom";
import type { Store } from "../store/Store";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface DemoFiguresOptions {
  locationIds: readonly string[];
  /** Days back from `endAt`. */
  days: number;
  /** Average chats per location per day; the actual number varies by weekday and chance. */
  chatsPerDay: number;
  endAt: Millis;
  seed?: number;
  /** Message events per chat (ids and seq only); the dashboard needs none, a load measurement does. */
  messagesPerChat?: number;
}

const REFERRAL_WEIGHTS: [string, number][] = [
  ["none", 70],
  ["gp", 12],
  ["mental-health-care", 10],
  ["113", 5],
  ["other", 3],
];

/** What the generator works with: the options, one seeded random source, and the events so far. */
interface History {
  o: DemoFiguresOptions;
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  weighted: (items: [string, number][]) => string;
  events: DomainEvent[];
  /** Conversations made so far, for their ids. */
  chats: number;
}

/**
 * A plausible, anonymous history of `days` days for the demo locations: chats in the afternoon and
 * evening, waits, a few youths leaving the queue, escalations now and then, wrap-ups, feedback and
 * volunteer shifts. Only the events the figures read; no conversation holds a transcript.
 */
export function demoFigureEvents(o: DemoFiguresOptions): DomainEvent[] {
  const random = seededRandom(o.seed ?? 7);
  const h: History = {
    o,
    random,
    pick: <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!,
    weighted: (items: [string, number][]): string => {
      let r = random() * items.reduce((s, [, w]) => s + w, 0);
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[0]![0];
    },
    events: [],
    chats: 0,
  };
  const firstDay = Math.floor((o.endAt - o.days * DAY) / DAY) * DAY;
  for (let day = firstDay; day < o.endAt; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const busy = weekday === 0 || weekday === 6 ? 0.6 : 1;
    o.locationIds.forEach((locationId, li) => {
      volunteerShifts(h, day, locationId);
      // Smaller locations see fewer chats: the second and third are three quarters and half as busy.
      const size = li === 0 ? 1 : li % 2 === 1 ? 0.75 : 0.5;
      chatsOfDay(h, day, locationId, busy, size);
    });
  }
  return h.events.sort((a, b) => a.at - b.at);
}

/** Two volunteers per location, most days, on shift for five to eight hours from early afternoon; one takes a break. */
function volunteerShifts({ o, random, events }: History, day: Millis, locationId: string): void {
  for (let v = 0; v < 2; v++) {
    if (random() < 0.15) continue;
    const staffId = `demo-v-${locationId}-${v}`;
    const start = day + (12 + v + Math.floor(random() * 2)) * HOUR;
    const end = start + (5 + Math.floor(random() * 4)) * HOUR;
    if (end > o.endAt) continue;
    events.push({ type: "presence.changed", at: start, staffId, locationId, data: { status: "available", capacity: 2 } });
    if (v === 1)
      events.push({ type: "presence.changed", at: start + 3 * HOUR, staffId, locationId, data: { status: "break", capacity: 2 } });
    if (v === 1)
      events.push({
        type: "presence.changed",
        at: start + 3.5 * HOUR,
        staffId,
        locationId,
        data: { status: "available", capacity: 2 },
      });
    events.push({ type: "presence.changed", at: end, staffId, locationId, data: { status: "off", capacity: 2 } });
  }
}

/** One day's youths at a location: they arrive, wait for one of four slots (or give up), chat. */
function chatsOfDay(h: History, day: Millis, locationId: string, busy: number, size: number): void {
  const { o, random } = h;
  const chats = Math.round(o.chatsPerDay * busy * size * (0.7 + random() * 0.6));
  // Busiest late afternoon and early evening; youths arrive in time order.
  const arrivals = Array.from({ length: chats }, () => day + 13 * HOUR + Math.floor((random() + random()) * 4 * HOUR)).sort(
    (a, b) => a - b,
  );
  // Four chat slots (two volunteers, two chats each): a youth waits until one is free, or gives up.
  const slotFreeAt = [0, 0, 0, 0];
  for (const queuedAt of arrivals) {
    const id = `c_demo${String(++h.chats).padStart(8, "0")}`;
    const slot = slotFreeAt.indexOf(Math.min(...slotFreeAt));
    const waitMs = Math.max(Math.floor(MIN * (0.3 + random() * 2)), slotFreeAt[slot]! - queuedAt);
    const patienceMs = Math.floor(MIN * (2 + random() * 25));
    if (queuedAt + waitMs + HOUR > o.endAt) continue;
    const endedAt = oneChat(h, { id, locationId, queuedAt, waitMs, patienceMs, staffId: `demo-v-${locationId}-${slot % 2}` });
    if (endedAt !== undefined) slotFreeAt[slot] = endedAt;
  }
}

/** One youth from the queue to the wrap-up and feedback; answers when the chat ended, or undefined if they left the queue. */
function oneChat(
  h: History,
  c: { id: string; locationId: string; queuedAt: Millis; waitMs: number; patienceMs: number; staffId: string },
): Millis | undefined {
  const { o, random, pick, weighted, events } = h;
  const { id, locationId, queuedAt, waitMs, patienceMs, staffId } = c;
  const topic = pick(TOPICS);
  // Some youths pick no location ("any"); if they leave before pickup, no location is known.
  const leaves = waitMs > patienceMs || random() < 0.05;
  const chosen = leaves && random() < 0.25 ? {} : { locationId };
  events.push({
    type: "conversation.queued",
    at: queuedAt,
    conversationId: id,
    ...chosen,
    data: { ageBand: pick(["12-15", "16-18", "19-21", "22-25"]), topic, ...(random() < 0.1 && { returning: true }) },
  });
  if (leaves) {
    const leftAfter = Math.min(waitMs, patienceMs);
    events.push({
      type: "conversation.abandoned",
      at: queuedAt + leftAfter,
      conversationId: id,
      ...chosen,
      data: { waitMs: leftAfter, reason: "left-queue" },
    });
    return undefined;
  }
  const assignedAt = queuedAt + waitMs;
  const durationMs = Math.floor(MIN * (8 + random() * 45));
  const endedAt = assignedAt + durationMs;
  events.push({ type: "conversation.assigned", at: assignedAt, conversationId: id, locationId, staffId, data: { waitMs, priority: 0 } });
  for (let m = 1; m <= (o.messagesPerChat ?? 0); m++) {
    events.push({
      type: "conversation.message",
      at: assignedAt + Math.floor((durationMs * m) / ((o.messagesPerChat ?? 0) + 1)),
      conversationId: id,
      data: { role: m % 2 ? "youth" : "volunteer", seq: m },
    });
  }
  if (random() < 0.07) escalation(h, id, locationId, assignedAt + Math.floor(durationMs / 3));
  events.push({
    type: "conversation.ended",
    at: endedAt,
    conversationId: id,
    locationId,
    staffId,
    data: { durationMs, endedBy: random() < 0.5 ? "youth" : "volunteer", reason: "ended" },
  });
  const topics = random() < 0.3 ? [topic, pick(TOPICS)] : [topic];
  events.push({
    type: "wrapup.filed",
    at: endedAt + 2 * MIN,
    conversationId: id,
    locationId,
    staffId,
    data: {
      kind: "chat",
      referral: weighted(REFERRAL_WEIGHTS),
      rating: 3 + Math.floor(random() * 3),
      topics: [...new Set(topics)].join(","),
    },
  });
  if (random() < 0.4) feedback(h, id, locationId, endedAt + MIN);
  return endedAt;
}

/** An escalation in a chat: raised, then claimed, or now and then nobody took it. */
function escalation({ random, weighted, events }: History, id: string, locationId: string, raisedAt: Millis): void {
  const level = weighted([
    ["consult", 60],
    ["urgent", 30],
    ["crisis", 10],
  ]);
  events.push({
    type: "escalation.raised",
    at: raisedAt,
    conversationId: id,
    locationId,
    data: { level, source: random() < 0.5 ? "risk" : "volunteer", escalationId: `demo-e-${id}` },
  });
  if (random() < 0.06)
    events.push({
      type: "escalation.unrouted",
      at: raisedAt + 2 * MIN,
      conversationId: id,
      locationId,
      data: { level, source: "volunteer" },
    });
  else
    events.push({
      type: "escalation.claimed",
      at: raisedAt + Math.floor(MIN * (0.3 + random() * 4)),
      conversationId: id,
      locationId,
      data: { level, timeToClaimMs: Math.floor(MIN * (0.3 + random() * 4)), source: "volunteer" },
    });
}

/** A youth's answers after a chat, mostly kind. */
function feedback({ weighted, events }: History, id: string, locationId: string, at: Millis): void {
  events.push({
    type: "conversation.feedback",
    at,
    conversationId: id,
    locationId,
    data: {
      helped: Number(
        weighted([
          ["1", 3],
          ["2", 7],
          ["3", 15],
          ["4", 40],
          ["5", 35],
        ]),
      ),
      wouldReturn: weighted([
        ["yes", 70],
        ["maybe", 25],
        ["no", 5],
      ]),
    },
  });
}

/** Days of history the demo starts with: enough that "this month" is never empty, even on the 31st. */
export const DEMO_HISTORY_DAYS = 40;

/**
 * Fills an empty demo store with a history of anonymous events for the demo locations, so the
 * coordinator's dashboard has something to show on the first `npm start`.
 */
export async function seedDemoFigures(store: Store, now: Millis, locationIds: readonly string[]): Promise<number> {
  const events = demoFigureEvents({ locationIds, days: DEMO_HISTORY_DAYS, chatsPerDay: 24, endAt: now - HOUR });
  for (const event of events) await store.appendEvent(event);
  return events.length;
}
