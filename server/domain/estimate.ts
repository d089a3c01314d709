import type { Estimate } from "../../shared/protocol";
import type { QueueEntry } from "./conversation";
import { isEligible, locationsWithAvailableVolunteer, type RoutingContext } from "./queue";

const MINUTE = 60_000;

/** Service times older than this say little about today's afternoon. */
export const SERVICE_TIME_MAX_AGE_MS = 8 * 60 * MINUTE;

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/**
 * An honest wait estimate for one queued youth. Volunteers who could take them free up slots at a
 * rate of (their capacity / typical chat length); the youth waits for enough slots to free up to
 * reach them. Without recent chat lengths, or with nobody on shift for them, the answer is "unknown".
 */
export function estimateWait(
  entry: QueueEntry,
  position: number,
  serviceTimes: readonly { durationMs: number; at: number }[],
  ctx: RoutingContext,
): Estimate {
  const staffed = locationsWithAvailableVolunteer(ctx.presence);
  const servers = ctx.presence.filter((p) => p.status === "available" && isEligible(entry, p.locationId, ctx, staffed));
  const capacity = servers.reduce((sum, p) => sum + p.capacity, 0);
  const freeSlots = servers.reduce((sum, p) => sum + Math.max(0, p.capacity - p.load), 0);
  if (capacity === 0) return { kind: "unknown" };
  if (position <= freeSlots) return { kind: "minutes", low: 0, high: 1 };

  const recent = serviceTimes
    .filter((s) => ctx.now - s.at <= SERVICE_TIME_MAX_AGE_MS)
    .map((s) => s.durationMs)
    .sort((a, b) => a - b);
  if (recent.length === 0) return { kind: "unknown" };

  const slotsToWaitFor = position - freeSlots;
  const low = Math.floor((slotsToWaitFor * quantile(recent, 0.25)) / capacity / MINUTE);
  const high = Math.ceil((slotsToWaitFor * quantile(recent, 0.75)) / capacity / MINUTE);
  return { kind: "minutes", low, high: Math.max(high, low + 1) };
}
