import { randomBytes } from "node:crypto";
import type { ClaimDebriefResult, Debrief, DebriefMessage } from "../../domain/debrief/debrief";
import type { AccessEntry, AccessQuery } from "../../domain/access/accessRecord";
import type { SecondFactor } from "../../domain/access/secondFactor";
import { MemoryAccessSlice } from "./MemoryAccessSlice";
import { mergeEscalation, type Duty, type Escalation } from "../../domain/escalation/escalation";
import type { PushSubscriptionRecord } from "../../domain/push/push";
import { MemoryReach } from "./memoryReach";
import type { HourBucket } from "../../domain/figures/buckets";
import type { ReturnCodeRecord } from "../../domain/returnCodes/returnCode";
import { MAX_SHIFT_MS, type Shift } from "../../domain/roster/roster";
import type {
  Conversation,
  DomainEvent,
  Invite,
  Location,
  Message,
  Millis,
  Presence,
  QueueEntry,
  Staff,
  StaffSession,
  WrapUp,
  YouthSession,
} from "../../domain/types";
import {
  SERVICE_TIME_WINDOW,
  type AppendResult,
  type ClaimEscalationResult,
  type ClaimResult,
  type EndResult,
  type OpenEscalationResult,
  type Store,
  type TransferResult,
  type TransferTarget,
} from "../Store";

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/**
 * The embedded store for one process (development, demos, tests). Every method runs to completion
 * without awaiting, so each is atomic on Node's single thread.
 */
export class MemoryStore implements Store {
  private readonly access = new MemoryAccessSlice();
  /** Conversation id → when it ended: the retention index. */
  private readonly endedAt = new Map<string, Millis>();
  private readonly locations = new Map<string, Location>();
  private readonly shifts = new Map<string, Shift>();
  private readonly invites = new Map<string, Expiring<Invite>>();
  private readonly staff = new Map<string, Staff>();
  private readonly staffSessions = new Map<string, Expiring<StaffSession>>();
  private readonly youthSessions = new Map<string, Expiring<YouthSession>>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly queue = new Set<string>();
  private readonly presence = new Map<string, Omit<Presence, "load">>();
  private readonly activeByStaff = new Map<string, Set<string>>();
  private readonly messages = new Map<string, Message[]>();
  private readonly messageIds = new Map<string, Map<string, number>>();
  private readonly events: DomainEvent[] = [];
  private serviceTimes: { durationMs: number; at: Millis }[] = [];
  private figureBuckets: HourBucket[] = [];
  private rolledUpTo: Millis = 0;
  private readonly leases = new Map<string, Expiring<string>>();
  private readonly wrapUpTodo = new Map<string, Set<string>>();
  private readonly wrapUps = new Map<string, WrapUp>();
  private readonly blocks = new Map<string, number>();
  private readonly duties = new Map<string, Duty>();
  private readonly escalations = new Map<string, Escalation>();
  private readonly returnCodes = new Map<string, Expiring<ReturnCodeRecord>>();
  /** Conversation id → hash of the return code taken at its end. */
  private readonly returnCodeOf = new Map<string, string>();
  private readonly reach = new MemoryReach();

  async putPushSubscription(owner: string, subscription: PushSubscriptionRecord, ttlMs?: number): Promise<void> {
    this.reach.putPushSubscription(owner, subscription, ttlMs);
  }
  async listPushSubscriptions(owner: string): Promise<PushSubscriptionRecord[]> {
    return this.reach.listPushSubscriptions(owner);
  }
  async deletePushSubscription(owner: string, endpoint: string): Promise<boolean> {
    return this.reach.deletePushSubscription(owner, endpoint);
  }
  async deletePushSubscriptionsOf(owner: string): Promise<number> {
    return this.reach.deletePushSubscriptionsOf(owner);
  }
  async createDebrief(debrief: Debrief): Promise<void> {
    this.reach.createDebrief(debrief);
  }
  async getDebrief(id: string): Promise<Debrief | undefined> {
    return this.reach.getDebrief(id);
  }
  async listDebriefs(): Promise<Debrief[]> {
    return this.reach.listDebriefs();
  }
  async claimDebrief(id: string, staffId: string, now: Millis): Promise<ClaimDebriefResult> {
    return this.reach.claimDebrief(id, staffId, now);
  }
  async closeDebrief(id: string, now: Millis): Promise<Debrief | undefined> {
    return this.reach.closeDebrief(id, now);
  }
  async appendDebriefMessage(message: Omit<DebriefMessage, "seq">): Promise<{ message: DebriefMessage; duplicate: boolean } | undefined> {
    return this.reach.appendDebriefMessage(message);
  }
  async listDebriefMessages(debriefId: string): Promise<DebriefMessage[]> {
    return this.reach.listDebriefMessages(debriefId);
  }
  async purgeDebrief(id: string): Promise<boolean> {
    return this.reach.purgeDebrief(id);
  }

  async putLocation(location: Location): Promise<void> {
    this.locations.set(location.id, structuredClone(location));
  }
  async listLocations(): Promise<Location[]> {
    return [...this.locations.values()].map((l) => structuredClone(l));
  }
  async putStaff(staff: Staff): Promise<void> {
    this.staff.set(staff.id, structuredClone(staff));
  }
  async getStaff(id: string): Promise<Staff | undefined> {
    const s = this.staff.get(id);
    return s && structuredClone(s);
  }
  async getStaffByEmail(email: string): Promise<Staff | undefined> {
    const wanted = email.toLowerCase();
    const s = [...this.staff.values()].find((x) => x.email.toLowerCase() === wanted);
    return s && structuredClone(s);
  }
  async listStaff(): Promise<Staff[]> {
    return [...this.staff.values()].map((s) => structuredClone(s));
  }

  async putShift(shift: Shift): Promise<void> {
    this.shifts.set(shift.id, { ...shift });
  }
  async getShift(id: string): Promise<Shift | undefined> {
    const s = this.shifts.get(id);
    return s && { ...s };
  }
  async deleteShift(id: string): Promise<boolean> {
    return this.shifts.delete(id);
  }
  async listShifts(from: Millis, to: Millis): Promise<Shift[]> {
    return [...this.shifts.values()]
      .filter((s) => s.start < to && s.end > from && s.start >= from - MAX_SHIFT_MS)
      .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1))
      .map((s) => ({ ...s }));
  }
  async putInvite(invite: Invite, ttlMs: number): Promise<void> {
    this.invites.set(invite.tokenHash, { value: { ...invite }, expiresAt: Date.now() + ttlMs });
  }
  async getInvite(tokenHash: string): Promise<Invite | undefined> {
    return this.live(this.invites, tokenHash);
  }
  async takeInvite(tokenHash: string): Promise<Invite | undefined> {
    const invite = this.live(this.invites, tokenHash);
    this.invites.delete(tokenHash);
    return invite;
  }

  async putStaffSession(session: StaffSession, ttlMs: number): Promise<void> {
    this.staffSessions.set(session.sidHash, { value: { ...session }, expiresAt: Date.now() + ttlMs });
  }
  async getStaffSession(sidHash: string): Promise<StaffSession | undefined> {
    return this.live(this.staffSessions, sidHash);
  }
  async deleteStaffSessionsOf(staffId: string): Promise<number> {
    let removed = 0;
    for (const [sidHash, session] of this.staffSessions) {
      if (session.value.staffId !== staffId) continue;
      this.staffSessions.delete(sidHash);
      if (session.expiresAt > Date.now()) removed += 1;
    }
    return removed;
  }
  async deleteStaffSession(sidHash: string): Promise<void> {
    this.staffSessions.delete(sidHash);
  }
  async putYouthSession(session: YouthSession, ttlMs: number): Promise<void> {
    this.youthSessions.set(session.tokenHash, { value: { ...session }, expiresAt: Date.now() + ttlMs });
  }
  async getYouthSession(tokenHash: string): Promise<YouthSession | undefined> {
    return this.live(this.youthSessions, tokenHash);
  }
  async deleteYouthSession(tokenHash: string): Promise<void> {
    this.youthSessions.delete(tokenHash);
  }

  async enqueue(entry: QueueEntry): Promise<void> {
    this.conversations.set(entry.id, { ...entry });
    this.queue.add(entry.id);
  }
  async listQueue(): Promise<QueueEntry[]> {
    return [...this.queue].map((id) => ({ ...this.conversations.get(id)! }) as QueueEntry);
  }
  async getConversation(id: string): Promise<Conversation | undefined> {
    const c = this.conversations.get(id);
    return c && { ...c };
  }
  async setPriority(conversationId: string, priority: number): Promise<boolean> {
    const c = this.conversations.get(conversationId);
    if (!c || !this.queue.has(conversationId)) return false;
    c.priority = priority;
    return true;
  }

  async claim(conversationId: string, staffId: string, now: Millis): Promise<ClaimResult> {
    const c = this.conversations.get(conversationId);
    if (!c || !this.queue.has(conversationId)) return { ok: false, reason: "not_queued" };
    if (c.disconnectedAt !== undefined) return { ok: false, reason: "disconnected" };
    const p = this.presence.get(staffId);
    if (!p || p.status !== "available") return { ok: false, reason: "not_available" };
    const active = this.activeSet(staffId);
    if (active.size >= p.capacity) return { ok: false, reason: "at_capacity" };
    this.queue.delete(conversationId);
    active.add(conversationId);
    p.lastAssignedAt = now;
    Object.assign(c, { status: "active", volunteerId: staffId, locationId: p.locationId, assignedAt: now });
    return { ok: true, conversation: { ...c } };
  }

  async claimAsProfessional(conversationId: string, staffId: string, locationId: string, now: Millis): Promise<ClaimResult> {
    const c = this.conversations.get(conversationId);
    if (!c || !this.queue.has(conversationId)) return { ok: false, reason: "not_queued" };
    if (c.disconnectedAt !== undefined) return { ok: false, reason: "disconnected" };
    this.queue.delete(conversationId);
    this.activeSet(staffId).add(conversationId);
    Object.assign(c, { status: "active", volunteerId: staffId, professionalId: staffId, locationId, assignedAt: now });
    return { ok: true, conversation: { ...c } };
  }

  async setYouthDisconnected(conversationId: string, at: Millis | undefined): Promise<boolean> {
    const c = this.conversations.get(conversationId);
    if (!c || (c.status !== "queued" && c.status !== "active")) return false;
    if ((c.disconnectedAt === undefined) === (at === undefined)) return false;
    if (at === undefined) delete c.disconnectedAt;
    else c.disconnectedAt = at;
    return true;
  }

  async endConversation(
    conversationId: string,
    end: { at: Millis; by: Conversation["endedBy"]; reason: string },
  ): Promise<EndResult> {
    const c = this.conversations.get(conversationId);
    if (!c) return { ok: false, reason: "not_found" };
    if (c.status === "ended" || c.status === "abandoned") return { ok: false, reason: "already_ended" };
    const status = c.status === "queued" ? "abandoned" : "ended";
    this.queue.delete(conversationId);
    if (c.volunteerId) this.activeSet(c.volunteerId).delete(conversationId);
    Object.assign(c, { status, endedAt: end.at, endedBy: end.by, endReason: end.reason });
    this.endedAt.set(conversationId, end.at);
    delete c.abuseKey;
    delete c.deviceKey;
    return { ok: true, conversation: { ...c } };
  }

  async setConversationNotes(conversationId: string, notes: { note?: string; handoverNote?: string }): Promise<boolean> {
    const c = this.conversations.get(conversationId);
    if (!c) return false;
    if (notes.note !== undefined) c.note = notes.note;
    if (notes.handoverNote !== undefined) c.handoverNote = notes.handoverNote;
    return true;
  }

  async transfer(conversationId: string, fromStaffId: string, target: TransferTarget, now: Millis): Promise<TransferResult> {
    const c = this.conversations.get(conversationId);
    if (!c || c.status !== "active" || c.volunteerId !== fromStaffId) return { ok: false, reason: "not_yours" };
    if ("staffId" in target) {
      const p = this.presence.get(target.staffId);
      if (!p || p.status !== "available" || target.staffId === fromStaffId) return { ok: false, reason: "not_available" };
      const active = this.activeSet(target.staffId);
      if (active.size >= p.capacity) return { ok: false, reason: "at_capacity" };
      this.activeSet(fromStaffId).delete(conversationId);
      active.add(conversationId);
      p.lastAssignedAt = now;
      Object.assign(c, { volunteerId: target.staffId, locationId: p.locationId });
    } else {
      this.activeSet(fromStaffId).delete(conversationId);
      this.queue.add(conversationId);
      c.status = "queued";
      c.locationChoice = target.locationChoice;
      delete c.volunteerId;
      delete c.locationId;
    }
    c.transfers = (c.transfers ?? 0) + 1;
    return { ok: true, conversation: { ...c } };
  }

  async purgeEscalation(id: string): Promise<boolean> {
    if (this.escalations.get(id)?.status !== "resolved") return false;
    return this.escalations.delete(id);
  }

  async purgeConversation(conversationId: string): Promise<boolean> {
    const existed = this.conversations.delete(conversationId);
    const hadMessages = this.messages.delete(conversationId);
    this.messageIds.delete(conversationId);
    this.queue.delete(conversationId);
    return existed || hadMessages;
  }

  async listActiveFor(staffId: string): Promise<Conversation[]> {
    return [...this.activeSet(staffId)].map((id) => ({ ...this.conversations.get(id)! }));
  }

  async markDelivered(conversationId: string, side: "youth" | "staff", upToSeq: number): Promise<void> {
    const c = this.conversations.get(conversationId);
    if (!c) return;
    const field = side === "youth" ? "youthDeliveredSeq" : "staffDeliveredSeq";
    c[field] = Math.max(c[field], Math.min(upToSeq, c.lastSeq));
  }

  async putPresence(presence: Omit<Presence, "load">): Promise<Presence> {
    const { load: _ignored, ...rest } = presence as Presence;
    this.presence.set(presence.staffId, { ...rest });
    return { ...rest, load: this.activeSet(presence.staffId).size };
  }
  async getPresence(staffId: string): Promise<Presence | undefined> {
    const p = this.presence.get(staffId);
    return p && { ...p, load: this.activeSet(staffId).size };
  }
  async listPresence(): Promise<Presence[]> {
    return [...this.presence.values()].map((p) => ({ ...p, load: this.activeSet(p.staffId).size }));
  }

  async appendMessage(message: Omit<Message, "seq">): Promise<AppendResult> {
    const ids = this.messageIds.get(message.conversationId) ?? new Map<string, number>();
    const list = this.messages.get(message.conversationId) ?? [];
    const existing = ids.get(message.id);
    if (existing !== undefined) return { message: { ...list[existing - 1]! }, duplicate: true };
    const stored: Message = { ...message, seq: list.length + 1 };
    list.push(stored);
    ids.set(message.id, stored.seq);
    this.messages.set(message.conversationId, list);
    this.messageIds.set(message.conversationId, ids);
    const c = this.conversations.get(message.conversationId);
    if (c) c.lastSeq = stored.seq;
    return { message: { ...stored }, duplicate: false };
  }
  async listMessages(conversationId: string, afterSeq: number): Promise<Message[]> {
    return (this.messages.get(conversationId) ?? []).slice(afterSeq).map((m) => ({ ...m }));
  }

  async addWrapUpTodo(staffId: string, conversationId: string): Promise<void> {
    const todo = this.wrapUpTodo.get(staffId) ?? new Set<string>();
    todo.add(conversationId);
    this.wrapUpTodo.set(staffId, todo);
  }
  async listWrapUpTodo(staffId: string): Promise<string[]> {
    return [...(this.wrapUpTodo.get(staffId) ?? [])];
  }
  async putWrapUp(wrapUp: WrapUp): Promise<void> {
    this.wrapUps.set(wrapUp.conversationId ?? wrapUp.id, structuredClone(wrapUp));
    if (wrapUp.conversationId) this.wrapUpTodo.get(wrapUp.staffId)?.delete(wrapUp.conversationId);
  }
  async listWrapUps(sinceMs: Millis): Promise<WrapUp[]> {
    return [...this.wrapUps.values()].filter((w) => w.at >= sinceMs).sort((a, b) => a.at - b.at).map((w) => structuredClone(w));
  }

  async putDuty(duty: Duty): Promise<void> {
    this.duties.set(duty.staffId, structuredClone(duty));
  }
  async removeDuty(staffId: string): Promise<void> {
    this.duties.delete(staffId);
  }
  async listDuty(): Promise<Duty[]> {
    return [...this.duties.values()].map((d) => structuredClone(d));
  }
  async createEscalation(escalation: Escalation): Promise<void> {
    this.escalations.set(escalation.id, structuredClone(escalation));
  }
  async openEscalation(escalation: Escalation): Promise<OpenEscalationResult> {
    const open =
      escalation.conversationId && escalation.source !== "debrief"
        ? [...this.escalations.values()].find((e) => e.conversationId === escalation.conversationId && e.status !== "resolved" && e.source !== "debrief")
        : undefined;
    if (!open) {
      this.escalations.set(escalation.id, structuredClone(escalation));
      return { escalation: structuredClone(escalation), created: true, raised: false };
    }
    const merged = mergeEscalation(open, escalation);
    this.escalations.set(open.id, structuredClone(merged.escalation));
    return { escalation: structuredClone(merged.escalation), created: false, raised: merged.raised };
  }
  async getEscalation(id: string): Promise<Escalation | undefined> {
    const e = this.escalations.get(id);
    return e && structuredClone(e);
  }
  async listEscalations(): Promise<Escalation[]> {
    return [...this.escalations.values()].filter((e) => e.status !== "resolved").map((e) => structuredClone(e));
  }
  async recordOffer(id: string, offer: { offeredTo: string[]; offeredAt: number; unroutedAt?: number }): Promise<boolean> {
    const e = this.escalations.get(id);
    if (!e || e.status !== "open") return false;
    Object.assign(e, { offeredTo: [...offer.offeredTo], offeredAt: offer.offeredAt }, offer.unroutedAt === undefined ? {} : { unroutedAt: offer.unroutedAt });
    return true;
  }
  async claimEscalation(id: string, staffId: string, now: Millis): Promise<ClaimEscalationResult> {
    const e = this.escalations.get(id);
    if (!e) return { ok: false, reason: "not_found" };
    if (e.status !== "open") return { ok: false, reason: "not_open" };
    Object.assign(e, { status: "claimed", claimedBy: staffId, claimedAt: now });
    return { ok: true, escalation: structuredClone(e) };
  }
  async releaseEscalation(id: string, staffId: string, now: Millis): Promise<boolean> {
    const e = this.escalations.get(id);
    if (!e || e.status !== "claimed" || e.claimedBy !== staffId) return false;
    Object.assign(e, { status: "open", offeredTo: [], offeredAt: now });
    delete e.claimedBy;
    delete e.claimedAt;
    delete e.unroutedAt;
    return true;
  }
  async resolveEscalation(id: string, staffId: string, resolution: { at: Millis; outcome: string; referral: string }): Promise<boolean> {
    const e = this.escalations.get(id);
    if (!e || e.status !== "claimed" || e.claimedBy !== staffId) return false;
    Object.assign(e, { status: "resolved", resolvedAt: resolution.at, outcome: resolution.outcome, referral: resolution.referral });
    return true;
  }
  async reassignVolunteer(conversationId: string, from: string | undefined, to: string | undefined): Promise<boolean> {
    const c = this.conversations.get(conversationId);
    if (!c || c.status !== "active" || c.volunteerId !== from) return false;
    if (from) this.activeSet(from).delete(conversationId);
    if (to) this.activeSet(to).add(conversationId);
    if (to) c.volunteerId = to;
    else delete c.volunteerId;
    if (from) c.previousVolunteerId = from;
    return true;
  }
  async setConversationProfessional(conversationId: string, staffId: string | undefined): Promise<boolean> {
    const c = this.conversations.get(conversationId);
    if (!c) return false;
    if (staffId) c.professionalId = staffId;
    else delete c.professionalId;
    return true;
  }

  async block(keys: string[], ttlMs: number): Promise<void> {
    for (const key of keys) this.blocks.set(key, Date.now() + ttlMs);
  }
  async isBlocked(keys: string[]): Promise<boolean> {
    return keys.some((key) => (this.blocks.get(key) ?? 0) > Date.now());
  }

  async putReturnCode(record: ReturnCodeRecord, ttlMs: number): Promise<void> {
    const previous = this.returnCodeOf.get(record.conversationId);
    if (previous) this.returnCodes.delete(previous);
    this.returnCodes.set(record.codeHash, { value: { ...record }, expiresAt: Date.now() + ttlMs });
    this.returnCodeOf.set(record.conversationId, record.codeHash);
  }
  async getReturnCode(codeHash: string): Promise<ReturnCodeRecord | undefined> {
    return this.live(this.returnCodes, codeHash);
  }
  async deleteReturnCode(codeHash: string): Promise<boolean> {
    const record = this.live(this.returnCodes, codeHash);
    if (!record) return false;
    this.returnCodes.delete(codeHash);
    if (this.returnCodeOf.get(record.conversationId) === codeHash) this.returnCodeOf.delete(record.conversationId);
    return true;
  }
  async setReturnCodeNote(conversationId: string, note: string): Promise<boolean> {
    const codeHash = this.returnCodeOf.get(conversationId);
    const hit = codeHash === undefined ? undefined : this.returnCodes.get(codeHash);
    if (!codeHash || !hit || !this.live(this.returnCodes, codeHash)) return false;
    if (note) hit.value.note = note;
    else delete hit.value.note;
    return true;
  }

  async appendEvent(event: DomainEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }
  async listEvents(sinceMs: Millis): Promise<DomainEvent[]> {
    return this.events.filter((e) => e.at >= sinceMs).map((e) => structuredClone(e));
  }
  async recordServiceTime(durationMs: number, at: Millis): Promise<void> {
    this.serviceTimes = [{ durationMs, at }, ...this.serviceTimes].slice(0, SERVICE_TIME_WINDOW);
  }
  async recentServiceTimes(): Promise<{ durationMs: number; at: Millis }[]> {
    return this.serviceTimes.map((s) => ({ ...s }));
  }

  async replaceFigureBuckets(fromHour: Millis, toHour: Millis, buckets: HourBucket[]): Promise<void> {
    const kept = this.figureBuckets.filter((b) => b.hourStart < fromHour || b.hourStart >= toHour);
    this.figureBuckets = [...kept, ...buckets.map((b) => structuredClone(b))].sort((a, b) => a.hourStart - b.hourStart);
    this.rolledUpTo = toHour;
  }
  async listFigureBuckets(fromMs: Millis, toMs: Millis): Promise<HourBucket[]> {
    return this.figureBuckets.filter((b) => b.hourStart >= fromMs && b.hourStart < toMs).map((b) => structuredClone(b));
  }
  async figuresRolledUpTo(): Promise<Millis> {
    return this.rolledUpTo;
  }

  async tryLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const current = this.leases.get(name);
    if (current && current.expiresAt > Date.now() && current.value !== owner) return false;
    this.leases.set(name, { value: owner, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    if (this.leases.get(name)?.value === owner) this.leases.delete(name);
  }

  async ping(): Promise<void> {}
  /** The embedded store lives in the process's heap; its limit is the process's, not the store's. */
  async memoryUse(): Promise<undefined> {
    return undefined;
  }
  async close(): Promise<void> {}

  private activeSet(staffId: string): Set<string> {
    let set = this.activeByStaff.get(staffId);
    if (!set) this.activeByStaff.set(staffId, (set = new Set()));
    return set;
  }

  private live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
    const hit = map.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= Date.now()) {
      map.delete(key);
      return undefined;
    }
    return { ...hit.value };
  }

  // Second factors and the access record: a slice of its own (see AccessStore.ts) --------------------
  putSecondFactor(record: SecondFactor): Promise<void> {
    return this.access.putSecondFactor(record);
  }
  getSecondFactor(staffId: string): Promise<SecondFactor | undefined> {
    return this.access.getSecondFactor(staffId);
  }
  deleteSecondFactor(staffId: string): Promise<boolean> {
    return this.access.deleteSecondFactor(staffId);
  }
  acceptTotpStep(staffId: string, step: number): Promise<boolean> {
    return this.access.acceptTotpStep(staffId, step);
  }
  useRecoveryCode(staffId: string, codeHash: string): Promise<boolean> {
    return this.access.useRecoveryCode(staffId, codeHash);
  }
  appendAccess(entry: AccessEntry): Promise<void> {
    return this.access.appendAccess(entry);
  }
  listAccess(query: AccessQuery): Promise<AccessEntry[]> {
    return this.access.listAccess(query);
  }
  purgeAccessBefore(before: Millis): Promise<number> {
    return this.access.purgeAccessBefore(before);
  }

  // Retention index and escalations by conversation (see RetentionStore.ts) --------------------------
  async listEndedBefore(before: Millis, limit: number): Promise<string[]> {
    return [...this.endedAt]
      .filter(([, at]) => at < before)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([id]) => id);
  }
  async forgetEnded(conversationIds: string[]): Promise<void> {
    for (const id of conversationIds) this.endedAt.delete(id);
  }
  async purgeEscalationsOf(conversationId: string): Promise<number> {
    let removed = 0;
    for (const [id, e] of this.escalations) if (e.conversationId === conversationId && this.escalations.delete(id)) removed += 1;
    return removed;
  }
}
