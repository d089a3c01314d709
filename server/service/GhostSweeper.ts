import type { ServiceDeps } from "./context";
import type { ConversationService } from "./ConversationService";

/**
 * Releases the place of youths whose page has been disconnected for longer than the grace time
 * (tab closed, phone died), so positions stay honest and no volunteer picks up an empty chair.
 * Until then they keep their place (phones suspend background tabs) and routing skips them. The
 * connection state lives in the store (`disconnectedAt`, set when the last socket closes on any
 * process), so it does not matter which process runs the sweep. Released youths count as having
 * left the queue in the figures (reason "gone").
 */
export class GhostSweeper {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly conversations: ConversationService,
    private readonly graceMs: number,
  ) {}

  async sweep(): Promise<number> {
    const { store, clock, notifier } = this.deps;
    const now = clock.now();
    let swept = 0;
    for (const entry of await store.listQueue()) {
      if (entry.disconnectedAt === undefined) {
        // A socket that vanished without its disconnect being handled (a process that died) is
        // marked here, so it is released in time too.
        if (!(await notifier.isYouthConnected(entry.youthId))) await store.setYouthDisconnected(entry.id, now);
        continue;
      }
      // A youth flagged as at risk is never taken out silently: a professional sees them and decides.
      if (entry.priority > 0) continue;
      if (now - entry.disconnectedAt < this.graceMs) continue;
      if (await notifier.isYouthConnected(entry.youthId)) {
        await store.setYouthDisconnected(entry.id, undefined);
        continue;
      }
      if (await this.conversations.finish(entry.id, "system", "gone")) swept += 1;
    }
    return swept;
  }
}
