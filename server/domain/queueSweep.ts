import type { Millis } from "./clock";
import type { QueueEntry } from "./conversation";

/**
 * What the periodic sweep does with one waiting youth: "present" (a page is connected), "absent"
 * (gone since `since`, still inside the grace time: keeps their place), or "release" (gone longer
 * than the grace time: leaves the queue). A youth flagged as at risk is released like anyone else,
 * with `flagged` set so it is recorded and counted: a page that is gone cannot be helped by a place
 * in the queue, and a fake flagged youth must not stay ahead of a real one (issue 15). The one place
 * the sweep rule lives; the service only applies it.
 */
export type SweepStep = { kind: "present" } | { kind: "absent"; since: Millis } | { kind: "release"; flagged: boolean };

export function sweepStep(
  entry: Pick<QueueEntry, "priority">,
  connected: boolean,
  goneSince: Millis | undefined,
  now: Millis,
  graceMs: number,
): SweepStep {
  if (connected) return { kind: "present" };
  const since = goneSince ?? now;
  if (now - since < graceMs) return { kind: "absent", since };
  return { kind: "release", flagged: entry.priority > 0 };
}
