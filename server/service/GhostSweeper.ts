import { ANY_LOCATION } from "../../shared/protocol";
import { sweepStep } from "../domain/queueSweep";
import type { ServiceDeps } from "./context";
import type { ConversationService } from "./ConversationService";

/**
 * Takes youths out of the queue whose page has been gone for a while (tab closed, phone died), so
 * positions stay honest and no volunteer picks up an empty chair. Runs on the tick's process; a
 * youth who comes back within the grace time keeps their place. The rule is `sweepStep` (domain);
 * a flagged youth is released by it too, recorded (`queue.swept`, flagged) and logged.
 */
export class GhostSweeper {
  private readonly goneSince = new Map<string, number>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly conversations: ConversationService,
    private readonly graceMs: number,
  ) {}

  async sweep(): Promise<number> {
    const { store, clock, notifier } = this.deps;
    const now = clock.now();
    const queue = await store.listQueue();
    const live = new Set(queue.map((e) => e.id));
    for (const id of this.goneSince.keys()) if (!live.has(id)) this.goneSince.delete(id);
    let swept = 0;
    for (const entry of queue) {
      const step = sweepStep(entry, await notifier.isYouthConnected(entry.youthId), this.goneSince.get(entry.id), now, this.graceMs);
      if (step.kind === "present") {
        this.goneSince.delete(entry.id);
        continue;
      }
      if (step.kind === "absent") {
        this.goneSince.set(entry.id, step.since);
        continue;
      }
      this.goneSince.delete(entry.id);
      if (!(await this.conversations.finish(entry.id, "system", "gone"))) continue;
      swept += 1;
      const locationId = entry.locationChoice !== ANY_LOCATION ? entry.locationChoice : undefined;
      await store.appendEvent({ type: "queue.swept", at: now, conversationId: entry.id, ...(locationId && { locationId }), data: { flagged: step.flagged, waitMs: now - entry.queuedAt } });
      if (step.flagged) this.deps.log.warn({ event: "queue.swept.flagged", conversationId: entry.id }, "flagged youth left the queue: page gone past the grace time");
    }
    return swept;
  }
}
