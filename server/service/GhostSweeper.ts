import type { ServiceDeps } from "./context";
import type { ConversationService } from "./ConversationService";

/**
 * Takes youths out of the queue whose page has been gone for a while (tab closed, phone died), so
 * positions stay honest and no volunteer picks up an empty chair. Runs on the tick's process; a
 * youth who comes back within the grace time keeps their place.
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
      // A youth flagged as at risk is never taken out silently: a volunteer sees them and decides.
      if (entry.priority > 0) continue;
      if (await notifier.isYouthConnected(entry.youthId)) {
        this.goneSince.delete(entry.id);
        continue;
      }
      const since = this.goneSince.get(entry.id) ?? now;
      this.goneSince.set(entry.id, since);
      if (now - since < this.graceMs) continue;
      if (await this.conversations.finish(entry.id, "system", "gone")) swept += 1;
      this.goneSince.delete(entry.id);
    }
    return swept;
  }
}
