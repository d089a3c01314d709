import { debriefExpired } from "../domain/debrief/debrief";
import { atMostEvery } from "./throttle";
import type { ServiceDeps } from "./context";

const DAY_MS = 86_400_000;

/**
 * Retention: transcripts (messages, notes, nicknames) of conversations that ended more than the
 * configured days ago are removed; the anonymous domain events stay for the figures. Idempotent,
 * run by whichever process holds the tick lease, logs counts only.
 */
export class RetentionJob {
  private readonly due: () => boolean;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly retentionDays: number,
    private readonly everyMs = 3_600_000,
  ) {
    this.due = atMostEvery(deps.clock, everyMs);
  }

  /** Runs at most once per `everyMs`; returns how many conversations it purged. */
  async maybeRun(): Promise<number> {
    return this.due() ? this.run() : 0;
  }

  async run(): Promise<number> {
    const { store, clock, log } = this.deps;
    const cutoff = clock.now() - this.retentionDays * DAY_MS;
    const ended = (await store.listEvents(0)).filter(
      (e) => (e.type === "conversation.ended" || e.type === "conversation.abandoned") && e.at < cutoff && e.conversationId,
    );
    let purged = 0;
    for (const id of new Set(ended.map((e) => e.conversationId!))) if (await store.purgeConversation(id)) purged += 1;
    // Escalations carry the volunteer's note and the professional's outcome: the same days apply.
    const resolved = (await store.listEvents(0)).filter((e) => e.type === "escalation.resolved" && e.at < cutoff && typeof e.data?.escalationId === "string");
    let escalations = 0;
    for (const e of resolved) if (await store.purgeEscalation(String(e.data!.escalationId))) escalations += 1;
    // A debrief's staff-only thread is kept as long as a transcript (domain/debrief: from its close, or its request if never closed).
    let debriefs = 0;
    for (const d of await store.listDebriefs()) {
      if (debriefExpired(d, clock.now(), this.retentionDays * DAY_MS) && (await store.purgeDebrief(d.id))) debriefs += 1;
    }
    log.info({ event: "retention.purged", conversations: purged, escalations, debriefs, retentionDays: this.retentionDays }, "retention pass");
    return purged;
  }
}
