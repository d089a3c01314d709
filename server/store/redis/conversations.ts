import type { Millis } from "../../domain/clock";
import type { Conversation, QueueEntry } from "../../domain/conversation";
import type { ClaimResult, ConversationStore, EndResult, TransferResult, TransferTarget } from "../Store";
import { decodeConversation, encodeConversation, pairsToRecord, STORED_HOLDER_FIELD, toSeq } from "./codec";
import { END_ATTEMPTS, type RedisContext } from "./context";
import {
  CLAIM,
  CLAIM_AS_PROFESSIONAL,
  END,
  ENQUEUE,
  MARK_DELIVERED,
  READ_CONVERSATIONS,
  REASSIGN_HOLDER,
  SET_DISCONNECTED,
  SET_NOTES,
  SET_PRIORITY,
  SET_PROFESSIONAL,
  TRANSFER_TO_QUEUE,
  TRANSFER_TO_STAFF,
} from "./scripts";

/**
 * The queue and the conversations in it and after it: who holds which chat. Methods documented as
 * atomic stay atomic across server processes.
 */
export function redisConversations(ctx: RedisContext): ConversationStore {
  const self: ConversationStore = {
    async enqueue(entry: QueueEntry): Promise<void> {
      await ctx.run(ENQUEUE, { conversationId: entry.id }, [entry.id, ...encodeConversation(entry)]);
    },
    async listQueue(): Promise<QueueEntry[]> {
      const ids = await ctx.redis.smembers(ctx.k.queue);
      if (ids.length === 0) return [];
      // Hashes in one script call (one slot); the message counters live in other slots.
      const [hashes, seqs] = await Promise.all([
        ctx.run(READ_CONVERSATIONS, { conversationIds: ids }, []) as Promise<unknown[]>,
        Promise.all(ids.map((id) => ctx.redis.get(ctx.k.messageSeq(id)))),
      ]);
      return (
        hashes
          .map((flat) => pairsToRecord(flat))
          .map((fields, i) => (Object.keys(fields).length === 0 ? undefined : decodeConversation(fields, toSeq(seqs[i]))))
          // An entry claimed or ended between SMEMBERS and the read is no longer queued.
          .filter((c): c is QueueEntry => c?.status === "queued")
      );
    },
    async getConversation(id: string, options?: { lastSeq?: boolean }): Promise<Conversation | undefined> {
      // The counter lives in the messages' hash slot: a second command, skipped when not wanted.
      const [fields, seq] = await Promise.all([
        ctx.redis.hgetall(ctx.k.conversation(id)),
        options?.lastSeq === false ? null : ctx.redis.get(ctx.k.messageSeq(id)),
      ]);
      return Object.keys(fields).length === 0 ? undefined : decodeConversation(fields, toSeq(seq));
    },
    async setPriority(conversationId: string, priority: number): Promise<boolean> {
      return (await ctx.run(SET_PRIORITY, { conversationId }, [conversationId, priority])) === 1;
    },
    async claim(conversationId: string, staffId: string, now: Millis): Promise<ClaimResult> {
      const reply = await ctx.run(CLAIM, { conversationId, staffId }, [conversationId, staffId, now]);
      const [status, fields] = reply as [string, string[]?];
      if (status !== "ok") return { ok: false, reason: status as Extract<ClaimResult, { ok: false }>["reason"] };
      return { ok: true, conversation: await ctx.withLastSeq(conversationId, fields) };
    },
    async claimAsProfessional(conversationId: string, staffId: string, locationId: string, now: Millis): Promise<ClaimResult> {
      const reply = await ctx.run(CLAIM_AS_PROFESSIONAL, { conversationId, staffId }, [conversationId, staffId, locationId, now]);
      const [status, fields] = reply as [string, string[]?];
      if (status !== "ok") return { ok: false, reason: status as Extract<ClaimResult, { ok: false }>["reason"] };
      return { ok: true, conversation: await ctx.withLastSeq(conversationId, fields) };
    },
    async setYouthDisconnected(conversationId: string, at: Millis | undefined): Promise<boolean> {
      return (await ctx.run(SET_DISCONNECTED, { conversationId }, [at ?? ""])) === 1;
    },
    async endConversation(conversationId: string, end: { at: Millis; by: Conversation["endedBy"]; reason: string }): Promise<EndResult> {
      for (let attempt = 0; attempt < END_ATTEMPTS; attempt++) {
        const holderId = (await ctx.redis.hget(ctx.k.conversation(conversationId), STORED_HOLDER_FIELD)) ?? undefined;
        const args = [conversationId, end.at, end.by ?? "", end.reason, holderId ?? ""];
        const reply = await ctx.run(END, { conversationId, holderId }, args);
        const [status, fields] = reply as [string, string[]?];
        if (status === "retry") continue;
        if (status !== "ok") return { ok: false, reason: status as Extract<EndResult, { ok: false }>["reason"] };
        return { ok: true, conversation: await ctx.withLastSeq(conversationId, fields) };
      }
      throw new Error(`endConversation(${conversationId}): holder kept changing`);
    },
    async setConversationNotes(conversationId: string, notes: { note?: string; handoverNote?: string }): Promise<boolean> {
      const pairs: string[] = [];
      if (notes.note !== undefined) pairs.push("note", notes.note);
      if (notes.handoverNote !== undefined) pairs.push("handoverNote", notes.handoverNote);
      return (await ctx.run(SET_NOTES, { conversationId }, pairs)) === 1;
    },
    async transfer(conversationId: string, fromStaffId: string, target: TransferTarget, now: Millis): Promise<TransferResult> {
      const reply =
        "staffId" in target
          ? await ctx.run(TRANSFER_TO_STAFF, { conversationId, fromStaffId, toStaffId: target.staffId }, [
              conversationId,
              fromStaffId,
              target.staffId,
              now,
            ])
          : await ctx.run(TRANSFER_TO_QUEUE, { conversationId, fromStaffId }, [conversationId, fromStaffId, target.locationChoice]);
      const [status, fields] = reply as [string, string[]?];
      if (status !== "ok") return { ok: false, reason: status as Extract<TransferResult, { ok: false }>["reason"] };
      return { ok: true, conversation: await ctx.withLastSeq(conversationId, fields) };
    },
    async purgeConversation(conversationId: string): Promise<boolean> {
      // Two slots, two commands: the message keys share {c:<id>}, the record lives in {d}. Both are
      // idempotent, so a purge interrupted between them is finished by the next run.
      const [messages, record] = await Promise.all([
        ctx.redis.del(
          ctx.k.messages(conversationId),
          ctx.k.messageIds(conversationId),
          ctx.k.messageSeq(conversationId),
          ctx.k.conversationEvents(conversationId),
        ),
        ctx.redis.del(ctx.k.conversation(conversationId)),
      ]);
      // Whoever read along keeps no pointer to a purged conversation.
      const watchers = await ctx.redis.smembers(ctx.k.watchers(conversationId));
      for (const staffId of watchers) await ctx.redis.srem(ctx.k.watching(staffId), conversationId);
      await ctx.redis.del(ctx.k.watchers(conversationId));
      return messages + record > 0;
    },
    async listActiveFor(staffId: string): Promise<Conversation[]> {
      const ids = await ctx.redis.smembers(ctx.k.active(staffId));
      const found = await Promise.all(ids.map((id) => self.getConversation(id)));
      return found.filter((c): c is Conversation => c?.status === "active");
    },
    async markDelivered(conversationId: string, side: "youth" | "staff", upToSeq: number): Promise<number> {
      const lastSeq = toSeq(await ctx.redis.get(ctx.k.messageSeq(conversationId)));
      const mark = Math.min(Math.floor(upToSeq), lastSeq);
      if (!(mark > 0)) return 0; // nothing to raise, and keeps NaN out of the script
      const field = side === "youth" ? "youthDeliveredSeq" : "staffDeliveredSeq";
      await ctx.run(MARK_DELIVERED, { conversationId }, [field, mark]);
      return mark;
    },
    async reassignHolder(conversationId: string, from: string | undefined, to: string | undefined): Promise<boolean> {
      return (await ctx.run(REASSIGN_HOLDER, { conversationId, from, to }, [from ?? "", to ?? ""])) === 1;
    },
    async setConversationProfessional(conversationId: string, staffId: string | undefined): Promise<boolean> {
      return (await ctx.run(SET_PROFESSIONAL, { conversationId }, [staffId ?? ""])) === 1;
    },
  };
  return self;
}
