import { ANY_LOCATION } from "../../shared/protocol";
import { sweepStep } from "../domain/queueSweep";
import type { ConversationStore, EventStore } from "../store/Store";
import type { ConversationService } from "./ConversationService";
import type { ServiceDeps } from "./context";

/**
 * Releases the place of youths whose page has been disconnected for longer than the grace time
 * (tab closed, phone died), so positions stay honest and no volunteer picks up an empty chair.
 * Until then they keep their place (phones suspend background tabs) and routing skips them. The
 * connection state lives in the store (`disconnectedAt`, set when the last socket closes on any
 * process), so it does not matter which process runs the sweep. The rule is `sweepStep` (domain):
 * a flagged youth is released too, recorded (`queue.swept`, flagged) and logged; released youths
 * count as having left the queue in the figures (reason "gone").
 */
export class GhostSweeper {
  constructor(
    private readonly deps: ServiceDeps<ConversationStore & EventStore>,
    private readonly conversations: ConversationService,
    private readonly graceMs: number,
    /** Re-routes at once when a youth turns out to be back. */
    private readonly dispatcherKick?: () => void,
  ) {}

  async sweep(): Promise<number> {
    const { store, clock, notifier } = this.deps;
    const now = clock.now();
    let swept = 0;
    for (const entry of await store.listQueue()) {
      const step = sweepStep(entry, await notifier.isYouthConnected(entry.youthId), entry.disconnectedAt, now, this.graceMs);
      if (step.kind === "present") {
        // Marked, but connected after all (a race with a resume): their turn, now.
        if (entry.disconnectedAt !== undefined && (await store.setYouthDisconnected(entry.id, undefined))) this.dispatcherKick?.();
        continue;
      }
      if (step.kind === "absent") {
        // A socket that vanished without its disconnect being handled (a process that died) is
        // marked here, so it is released in time too; a page that came back meanwhile is unmarked.
        if (entry.disconnectedAt === undefined) {
          await store.setYouthDisconnected(entry.id, step.since);
          if (await notifier.isYouthConnected(entry.youthId)) await store.setYouthDisconnected(entry.id, undefined);
        }
        continue;
      }
      if (!(await this.conversations.finish(entry.id, "system", "gone"))) continue;
      swept += 1;
      const locationId = entry.locationChoice !== ANY_LOCATION ? entry.locationChoice : undefined;
      await store.appendEvent({
        type: "queue.swept",
        at: now,
        conversationId: entry.id,
        ...(locationId && { locationId }),
        data: { flagged: step.flagged, waitMs: now - entry.queuedAt },
      });
      if (step.flagged)
        this.deps.log.warn(
          { event: "queue.swept.flagged", conversationId: entry.id },
          "flagged youth left the queue: page gone past the grace time",
        );
    }
    return swept;
  }
}
