import type { Millis } from "../../domain/clock";
import type { Conversation, QueueEntry } from "../../domain/conversation";
import type { ClaimResult, ConversationStore, EndResult, TransferResult, TransferTarget } from "../Store";
import type { MemoryState } from "./state";

/**
 * The queue and the conversations in it and after it: who holds which chat. Methods documented as
 * atomic stay atomic across server processes. In memory: no method awaits, so each is atomic on Node's
 * one thread.
 */
export function memoryConversations(state: MemoryState): ConversationStore {
  return {
    async enqueue(entry: QueueEntry): Promise<void> {
      state.conversations.set(entry.id, { ...entry });
      state.queue.add(entry.id);
    },
    async listQueue(): Promise<QueueEntry[]> {
      return [...state.queue].map((id) => ({ ...state.conversations.get(id)! }) as QueueEntry);
    },
    async getConversation(id: string): Promise<Conversation | undefined> {
      const c = state.conversations.get(id);
      return c && { ...c };
    },
    async setPriority(conversationId: string, priority: number): Promise<boolean> {
      const c = state.conversations.get(conversationId);
      if (!c || !state.queue.has(conversationId)) return false;
      c.priority = priority;
      return true;
    },
    async claim(conversationId: string, staffId: string, now: Millis): Promise<ClaimResult> {
      const c = state.conversations.get(conversationId);
      if (!c || !state.queue.has(conversationId)) return { ok: false, reason: "not_queued" };
      if (c.disconnectedAt !== undefined) return { ok: false, reason: "disconnected" };
      const p = state.presence.get(staffId);
      if (p?.status !== "available") return { ok: false, reason: "not_available" };
      const active = state.activeSet(staffId);
      if (active.size >= p.capacity) return { ok: false, reason: "at_capacity" };
      state.queue.delete(conversationId);
      active.add(conversationId);
      p.lastAssignedAt = now;
      Object.assign(c, { status: "active", holderId: staffId, locationId: p.locationId, assignedAt: now });
      return { ok: true, conversation: { ...c } };
    },
    async claimAsProfessional(conversationId: string, staffId: string, locationId: string, now: Millis): Promise<ClaimResult> {
      const c = state.conversations.get(conversationId);
      if (!c || !state.queue.has(conversationId)) return { ok: false, reason: "not_queued" };
      if (c.disconnectedAt !== undefined) return { ok: false, reason: "disconnected" };
      state.queue.delete(conversationId);
      state.activeSet(staffId).add(conversationId);
      Object.assign(c, { status: "active", holderId: staffId, professionalId: staffId, locationId, assignedAt: now });
      return { ok: true, conversation: { ...c } };
    },
    async setYouthDisconnected(conversationId: string, at: Millis | undefined): Promise<boolean> {
      const c = state.conversations.get(conversationId);
      if (!c || (c.status !== "queued" && c.status !== "active")) return false;
      if ((c.disconnectedAt === undefined) === (at === undefined)) return false;
      if (at === undefined) delete c.disconnectedAt;
      else c.disconnectedAt = at;
      return true;
    },
    async endConversation(conversationId: string, end: { at: Millis; by: Conversation["endedBy"]; reason: string }): Promise<EndResult> {
      const c = state.conversations.get(conversationId);
      if (!c) return { ok: false, reason: "not_found" };
      if (c.status === "ended" || c.status === "abandoned") return { ok: false, reason: "already_ended" };
      const status = c.status === "queued" ? "abandoned" : "ended";
      state.queue.delete(conversationId);
      if (c.holderId) state.activeSet(c.holderId).delete(conversationId);
      Object.assign(c, { status, endedAt: end.at, endedBy: end.by, endReason: end.reason });
      state.endedAt.set(conversationId, end.at);
      delete c.abuseKey;
      delete c.deviceKey;
      return { ok: true, conversation: { ...c } };
    },
    async setConversationNotes(conversationId: string, notes: { note?: string; handoverNote?: string }): Promise<boolean> {
      const c = state.conversations.get(conversationId);
      if (!c) return false;
      if (notes.note !== undefined) c.note = notes.note;
      if (notes.handoverNote !== undefined) c.handoverNote = notes.handoverNote;
      return true;
    },
    async transfer(conversationId: string, fromStaffId: string, target: TransferTarget, now: Millis): Promise<TransferResult> {
      const c = state.conversations.get(conversationId);
      if (c?.status !== "active" || c.holderId !== fromStaffId) return { ok: false, reason: "not_yours" };
      if ("staffId" in target) {
        const p = state.presence.get(target.staffId);
        if (p?.status !== "available" || target.staffId === fromStaffId) return { ok: false, reason: "not_available" };
        const active = state.activeSet(target.staffId);
        if (active.size >= p.capacity) return { ok: false, reason: "at_capacity" };
        state.activeSet(fromStaffId).delete(conversationId);
        active.add(conversationId);
        p.lastAssignedAt = now;
        Object.assign(c, { holderId: target.staffId, locationId: p.locationId });
      } else {
        state.activeSet(fromStaffId).delete(conversationId);
        state.queue.add(conversationId);
        c.status = "queued";
        c.locationChoice = target.locationChoice;
        delete c.holderId;
        delete c.locationId;
      }
      c.transfers = (c.transfers ?? 0) + 1;
      return { ok: true, conversation: { ...c } };
    },
    async purgeConversation(conversationId: string): Promise<boolean> {
      const existed = state.conversations.delete(conversationId);
      const hadMessages = state.messages.delete(conversationId);
      state.messageIds.delete(conversationId);
      state.eventsOf.delete(conversationId);
      state.queue.delete(conversationId);
      for (const set of state.watching.values()) set.delete(conversationId);
      return existed || hadMessages;
    },
    async listActiveFor(staffId: string): Promise<Conversation[]> {
      return [...state.activeSet(staffId)].map((id) => ({ ...state.conversations.get(id)! }));
    },
    async markDelivered(conversationId: string, side: "youth" | "staff", upToSeq: number): Promise<number> {
      const c = state.conversations.get(conversationId);
      if (!c) return 0;
      const field = side === "youth" ? "youthDeliveredSeq" : "staffDeliveredSeq";
      const mark = Math.min(upToSeq, c.lastSeq);
      c[field] = Math.max(c[field], mark);
      return mark;
    },
    async reassignHolder(conversationId: string, from: string | undefined, to: string | undefined): Promise<boolean> {
      const c = state.conversations.get(conversationId);
      if (c?.status !== "active" || c.holderId !== from) return false;
      if (from) state.activeSet(from).delete(conversationId);
      if (to) state.activeSet(to).add(conversationId);
      if (to) c.holderId = to;
      else delete c.holderId;
      if (from) c.previousVolunteerId = from;
      return true;
    },
    async setConversationProfessional(conversationId: string, staffId: string | undefined): Promise<boolean> {
      const c = state.conversations.get(conversationId);
      if (!c) return false;
      if (staffId) c.professionalId = staffId;
      else delete c.professionalId;
      return true;
    },
  };
}
