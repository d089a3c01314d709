import { randomUUID } from "node:crypto";
import { debriefExpired } from "../domain/debrief/debrief";
import { WARM_UP_MS } from "../domain/figures/aggregate";
import type {
  AccessLogStore,
  ConversationStore,
  CoordinationStore,
  DebriefStore,
  EventStore,
  FigureStore,
  RetentionStore,
  ReturnCodeStore,
} from "../store/Store";
import type { ServiceDeps } from "./context";
import { RECOMPUTE_MS } from "./FiguresRollup";
import { atMostEvery } from "./throttle";

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  /** Days the access record is kept (ACCESS_LOG_DAYS); longer than transcripts. */
  accessLogDays?: number;
  /** Who holds the retention lease (one process at a time). */
  owner?: string;
  /** The lease lasts this long and is renewed after every batch, so a long run is never taken over halfway. */
  leaseMs?: number;
  /** Conversations purged per batch (one index read, one lease renewal). */
  batch?: number;
}

/**
 * Retention: everything of a conversation that ended more than RETENTION_DAYS ago goes: messages
 * and whispers, notes, nickname, its escalations (open, claimed or resolved: notes, outcomes, and
 * any alert still routing) and the note copied into its return code. Only the anonymous domain
 * events stay, for the figures. Reads the ended-at index, never the event log; holds a lease of
 * its own, renewed after every batch, so two processes never purge at once. Logs counts only.
 */
export class RetentionJob {
  private readonly due: () => boolean;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly batch: number;

  constructor(
    private readonly deps: ServiceDeps<
      AccessLogStore & ConversationStore & CoordinationStore & DebriefStore & EventStore & FigureStore & RetentionStore & ReturnCodeStore
    >,
    private readonly retentionDays: number,
    everyMs = 3_600_000,
    private readonly options: RetentionOptions = {},
  ) {
    this.due = atMostEvery(deps.clock, everyMs);
    this.owner = options.owner ?? randomUUID();
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batch = options.batch ?? 200;
  }

  /** Runs at most once per `everyMs`; returns how many conversations it purged. */
  async maybeRun(): Promise<number> {
    return this.due() ? this.run() : 0;
  }

  async run(): Promise<number> {
    const { store, clock, log } = this.deps;
    if (!(await store.tryLease("retention", this.owner, this.leaseMs))) return 0;
    let purged = 0;
    let escalations = 0;
    try {
      const cutoff = clock.now() - this.retentionDays * DAY_MS;
      for (;;) {
        const ids = await store.listEndedBefore(cutoff, this.batch);
        if (ids.length === 0) break;
        for (const id of ids) {
          const removed = await purgeConversationTraces(this.deps, id);
          if (removed.conversation) purged += 1;
          escalations += removed.escalations;
        }
        await store.forgetEnded(ids);
        // Still ours? Another process may only take over once we stopped renewing.
        if (!(await store.tryLease("retention", this.owner, this.leaseMs))) {
          log.warn({ event: "retention.leaseLost", purged }, "retention lease lost; stopping this pass");
          return purged;
        }
      }
      // A debrief's staff-only thread is kept as long as a transcript (domain/debrief: from its close, or its request if never closed).
      let debriefs = 0;
      for (const d of await store.listDebriefs()) {
        if (debriefExpired(d, clock.now(), this.retentionDays * DAY_MS) && (await store.purgeDebrief(d.id))) debriefs += 1;
      }
      const accessEntries = this.options.accessLogDays
        ? await store.purgeAccessBefore(clock.now() - this.options.accessLogDays * DAY_MS)
        : 0;
      // The log's events go once the figures have them: kept as long as a transcript, and never
      // before the hourly buckets cover them (with the hours a rollup still recomputes).
      const rolledUpTo = await store.figuresRolledUpTo();
      const events = rolledUpTo > 0 ? await store.purgeEventsBefore(Math.min(cutoff, rolledUpTo - RECOMPUTE_MS - WARM_UP_MS)) : 0;
      log.info(
        {
          event: "retention.purged",
          conversations: purged,
          escalations,
          debriefs,
          accessEntries,
          events,
          retentionDays: this.retentionDays,
        },
        "retention pass",
      );
      return purged;
    } finally {
      await store.releaseLease("retention", this.owner);
    }
  }
}

/**
 * Removes what a conversation left in the store that can hold words: the transcript (messages,
 * whispers, notes, nickname), its escalations and the note copied into its return code. The code
 * itself (a volunteer id, no words) lives on until RETURN_CODE_DAYS. Idempotent; shared by
 * retention and a coordinator's erasure.
 */
export async function purgeConversationTraces(
  deps: Pick<ServiceDeps<ConversationStore & RetentionStore & ReturnCodeStore>, "store">,
  conversationId: string,
): Promise<{ conversation: boolean; escalations: number }> {
  const { store } = deps;
  const escalations = await store.purgeEscalationsOf(conversationId);
  await store.setReturnCodeNote(conversationId, "");
  const conversation = await store.purgeConversation(conversationId);
  return { conversation, escalations };
}
