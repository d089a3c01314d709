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

/**
 * A plausible, anonymous history of `days` days for the demo locations: chats in the afternoon and
 * evening, waits, a few youths leaving the queue, escalations now and then, wrap-ups, feedback and
 * volunteer shifts. Only the events the figures read; no conversation holds a transcript.
 */
export function demoFigureEvents(o: DemoFiguresOptions): DomainEvent[] {
  const random = seededRandom(o.seed ?? 7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = (items: [string, number][]): string => {
    let r = random() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[0]![0];
  };
  const events: DomainEvent[] = [];
  const firstDay = Math.floor((o.endAt - o.days * DAY) / DAY) * DAY;
  let n = 0;
  for (let day = firstDay; day < o.endAt; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const busy = weekday === 0 || weekday === 6 ? 0.6 : 1;
    o.locationIds.forEach((locationId, li) => {
      // Two volunteers per location, most days, on shift for five to eight hours from early afternoon; one takes a break.
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
      // Smaller locations see fewer chats: the second and third are three quarters and half as busy.
      const size = li === 0 ? 1 : li % 2 === 1 ? 0.75 : 0.5;
      const chats = Math.round(o.chatsPerDay * busy * size * (0.7 + random() * 0.6));
      // Busiest late afternoon and early evening; youths arrive in time order.
      const arrivals = Array.from({ length: chats }, () => day + 13 * HOUR + Math.floor((random() + random()) * 4 * HOUR)).sort(
        (a, b) => a - b,
      );
      // Four chat slots (two volunteers, two chats each): a youth waits until one is free, or gives up.
      const slotFreeAt = [0, 0, 0, 0];
      for (const queuedAt of arrivals) {
        const id = `c_demo${String(++n).padStart(8, "0")}`;
        const slot = slotFreeAt.indexOf(Math.min(...slotFreeAt));
        const waitMs = Math.max(Math.floor(MIN * (0.3 + random() * 2)), slotFreeAt[slot]! - queuedAt);
        const patienceMs = Math.floor(MIN * (2 + random() * 25));
        if (queuedAt + waitMs + HOUR > o.endAt) continue;
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
          continue;
        }
        const assignedAt = queuedAt + waitMs;
        const staffId = `demo-v-${locationId}-${slot % 2}`;
        const durationMs = Math.floor(MIN * (8 + random() * 45));
        const endedAt = assignedAt + durationMs;
        slotFreeAt[slot] = endedAt;
        events.push({
          type: "conversation.assigned",
          at: assignedAt,
          conversationId: id,
          locationId,
          staffId,
          data: { waitMs, priority: 0 },
        });
        for (let m = 1; m <= (o.messagesPerChat ?? 0); m++) {
          events.push({
            type: "conversation.message",
            at: assignedAt + Math.floor((durationMs * m) / ((o.messagesPerChat ?? 0) + 1)),
            conversationId: id,
            data: { role: m % 2 ? "youth" : "volunteer", seq: m },
          });
        }
        if (random() < 0.07) {
          const level = weighted([
            ["consult", 60],
            ["urgent", 30],
            ["crisis", 10],
          ]);
          const raisedAt = assignedAt + Math.floor(durationMs / 3);
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
        if (random() < 0.4) {
          events.push({
            type: "conversation.feedback",
            at: endedAt + MIN,
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
      }
    });
  }
  return events.sort((a, b) => a.at - b.at);
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
