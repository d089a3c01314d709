import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { AccessEntry, AccessQuery } from "../../domain/access/accessRecord";
import type { SecondFactor } from "../../domain/access/secondFactor";
import { RedisAccessSlice } from "./RedisAccessSlice";
import type { RedisClient } from "./connect";
import type { ClaimDebriefResult, Debrief, DebriefMessage } from "../../domain/debrief/debrief";
import type { Duty, Escalation } from "../../domain/escalation/escalation";
import type { PushSubscriptionRecord } from "../../domain/push/push";
import { RedisReach } from "./redisReach";
import { completeBucket, type HourBucket } from "../../domain/figures/buckets";
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
import {
  decodeConversation,
  decodeEscalation,
  decodeMessage,
  decodePresence,
  encodeConversation,
  encodeEscalation,
  pairsToRecord,
  toSeq,
} from "./codec";
import { redisKeys, type RedisKeys } from "./keys";
import { DELETE_RETURN_CODE, PUT_RETURN_CODE, SET_RETURN_CODE_NOTE } from "./returnCodeScripts";
import {
  APPEND_EVENT,
  APPEND_MESSAGE,
  CLAIM,
  CLAIM_AS_PROFESSIONAL,
  CLAIM_ESCALATION,
  OPEN_ESCALATION,
  SET_DISCONNECTED,
  CREATE_ESCALATION,
  PURGE_ESCALATIONS_OF,
  END,
  ENQUEUE,
  LEASE,
  MARK_DELIVERED,
  PUT_PRESENCE,
  PUT_STAFF,
  READ_CONVERSATIONS,
  PUT_WRAP_UP,
  READ_ESCALATIONS,
  READ_PRESENCES,
  RECORD_OFFER,
  REASSIGN_VOLUNTEER,
  RELEASE_ESCALATION,
  RELEASE_LEASE,
  READ_WRAP_UPS,
  RESOLVE_ESCALATION,
  SET_NOTES,
  SET_PRIORITY,
  SET_PROFESSIONAL,
  TRANSFER_TO_QUEUE,
  TRANSFER_TO_STAFF,
  type LuaScript,
} from "./scripts";

/** How often `putReturnCode` re-reads a conversation's code after another write raced it. */
const RETURN_CODE_ATTEMPTS = 10;

/** How often `openEscalation` re-reads a conversation's escalation after another call raced it. */
const ESCALATION_ATTEMPTS = 10;

/** How often `endConversation` re-reads the volunteer after a claim raced it (once is enough). */
const END_ATTEMPTS = 3;


/**
 * The shared store for several server processes. Atomic operations are Lua scripts whose keys share
 * one hash slot (see keys.ts), so the layout works unchanged on Redis Cluster. Reads that span
 * slots (a conversation and its message counter) are separate commands, never MULTI.
 */
export class RedisStore implements Store {
  private readonly k: RedisKeys;
  private readonly access: RedisAccessSlice;

  /** Takes over `redis`: `close()` quits it. */
  constructor(
    private readonly redis: RedisClient,
    options: { prefix: string },
  ) {
    this.k = redisKeys(options.prefix);
    this.reach = new RedisReach(redis, this.k, (script, ids, args) => this.run(script, ids, args));
    this.access = new RedisAccessSlice(redis, this.k);
  }

  private readonly reach: RedisReach;

  async putPushSubscription(owner: string, subscription: PushSubscriptionRecord, ttlMs?: number): Promise<void> {
    return this.reach.putPushSubscription(owner, subscription, ttlMs);
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
    return this.reach.createDebrief(debrief);
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
    await this.redis.hset(this.k.locations, location.id, JSON.stringify(location));
  }
  async listLocations(): Promise<Location[]> {
    return (await this.redis.hvals(this.k.locations)).map((json) => JSON.parse(json) as Location);
  }
  async putStaff(staff: Staff): Promise<void> {
    const previous = await this.getStaff(staff.id);
    const emails = [staff.email.toLowerCase(), previous?.email.toLowerCase() ?? ""];
    await this.run(PUT_STAFF, {}, [staff.id, JSON.stringify(staff), ...emails]);
  }
  async getStaff(id: string): Promise<Staff | undefined> {
    return parse<Staff>(await this.redis.hget(this.k.staff, id));
  }
  async getStaffByEmail(email: string): Promise<Staff | undefined> {
    const wanted = email.toLowerCase();
    const id = await this.redis.hget(this.k.staffByEmail, wanted);
    const staff = id ? await this.getStaff(id) : undefined;
    // A racing e-mail change can leave a stale index entry; it must never resolve to someone else.
    return staff?.email.toLowerCase() === wanted ? staff : undefined;
  }
  async listStaff(): Promise<Staff[]> {
    return (await this.redis.hvals(this.k.staff)).map((json) => JSON.parse(json) as Staff);
  }

  async putShift(shift: Shift): Promise<void> {
    await this.redis.multi().hset(this.k.shifts, shift.id, JSON.stringify(shift)).zadd(this.k.shiftsByStart, shift.start, shift.id).exec();
  }
  async getShift(id: string): Promise<Shift | undefined> {
    return parse<Shift>(await this.redis.hget(this.k.shifts, id));
  }
  async deleteShift(id: string): Promise<boolean> {
    const replies = await this.redis.multi().hdel(this.k.shifts, id).zrem(this.k.shiftsByStart, id).exec();
    return Number(replies?.[0]?.[1] ?? 0) > 0;
  }
  async listShifts(from: Millis, to: Millis): Promise<Shift[]> {
    // A shift that overlaps the range started at most MAX_SHIFT_MS before it.
    const ids = await this.redis.zrangebyscore(this.k.shiftsByStart, from - MAX_SHIFT_MS, `(${to}`);
    if (ids.length === 0) return [];
    const found = (await this.redis.hmget(this.k.shifts, ...ids)).flatMap((json) => (json ? [JSON.parse(json) as Shift] : []));
    return found.filter((s) => s.end > from).sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  }
  async putInvite(invite: Invite, ttlMs: number): Promise<void> {
    await this.redis.set(this.k.invite(invite.tokenHash), JSON.stringify(invite), "PX", ttlMs);
  }
  async getInvite(tokenHash: string): Promise<Invite | undefined> {
    return parse<Invite>(await this.redis.get(this.k.invite(tokenHash)));
  }
  async takeInvite(tokenHash: string): Promise<Invite | undefined> {
    return parse<Invite>(await this.redis.getdel(this.k.invite(tokenHash)));
  }

  async putStaffSession(session: StaffSession, ttlMs: number): Promise<void> {
    const index = this.k.staffSessionsOf(session.staffId);
    // Separate commands, not MULTI: the session and its index live in different hash slots. The
    // index outlives its sessions a little (a stale hash only costs a DEL of a key that is gone).
    await Promise.all([
      this.redis.set(this.k.staffSession(session.sidHash), JSON.stringify(session), "PX", ttlMs),
      this.redis.sadd(index, session.sidHash),
    ]);
    if ((await this.redis.pttl(index)) < ttlMs) await this.redis.pexpire(index, ttlMs);
  }
  async deleteStaffSessionsOf(staffId: string): Promise<number> {
    const index = this.k.staffSessionsOf(staffId);
    const hashes = await this.redis.smembers(index);
    const removed = await Promise.all(hashes.map((h) => this.redis.del(this.k.staffSession(h))));
    await this.redis.del(index);
    return removed.reduce((sum, n) => sum + n, 0);
  }
  async getStaffSession(sidHash: string): Promise<StaffSession | undefined> {
    return parse<StaffSession>(await this.redis.get(this.k.staffSession(sidHash)));
  }
  async deleteStaffSession(sidHash: string): Promise<void> {
    await this.redis.del(this.k.staffSession(sidHash));
  }
  async putYouthSession(session: YouthSession, ttlMs: number): Promise<void> {
    await this.redis.set(this.k.youthSession(session.tokenHash), JSON.stringify(session), "PX", ttlMs);
  }
  async getYouthSession(tokenHash: string): Promise<YouthSession | undefined> {
    return parse<YouthSession>(await this.redis.get(this.k.youthSession(tokenHash)));
  }
  async deleteYouthSession(tokenHash: string): Promise<void> {
    await this.redis.del(this.k.youthSession(tokenHash));
  }

  async enqueue(entry: QueueEntry): Promise<void> {
    await this.run(ENQUEUE, { conversationId: entry.id }, [entry.id, ...encodeConversation(entry)]);
  }
  async listQueue(): Promise<QueueEntry[]> {
    const ids = await this.redis.smembers(this.k.queue);
    if (ids.length === 0) return [];
    // Hashes in one script call (one slot); the message counters live in other slots.
    const [hashes, seqs] = await Promise.all([
      this.run(READ_CONVERSATIONS, { conversationIds: ids }, []) as Promise<unknown[]>,
      Promise.all(ids.map((id) => this.redis.get(this.k.messageSeq(id)))),
    ]);
    return hashes
      .map((flat) => pairsToRecord(flat))
      .map((fields, i) => (Object.keys(fields).length === 0 ? undefined : decodeConversation(fields, toSeq(seqs[i]))))
      // An entry claimed or ended between SMEMBERS and the read is no longer queued.
      .filter((c): c is QueueEntry => c?.status === "queued");
  }
  async getConversation(id: string): Promise<Conversation | undefined> {
    const [fields, seq] = await Promise.all([
      this.redis.hgetall(this.k.conversation(id)),
      this.redis.get(this.k.messageSeq(id)),
    ]);
    return Object.keys(fields).length === 0 ? undefined : decodeConversation(fields, toSeq(seq));
  }
  async setPriority(conversationId: string, priority: number): Promise<boolean> {
    return (await this.run(SET_PRIORITY, { conversationId }, [conversationId, priority])) === 1;
  }

  async claim(conversationId: string, staffId: string, now: Millis): Promise<ClaimResult> {
    const reply = await this.run(CLAIM, { conversationId, staffId }, [conversationId, staffId, now]);
    const [status, fields] = reply as [string, string[]?];
    if (status !== "ok") return { ok: false, reason: status as Extract<ClaimResult, { ok: false }>["reason"] };
    return { ok: true, conversation: await this.withLastSeq(conversationId, fields) };
  }

  async claimAsProfessional(conversationId: string, staffId: string, locationId: string, now: Millis): Promise<ClaimResult> {
    const reply = await this.run(CLAIM_AS_PROFESSIONAL, { conversationId, staffId }, [conversationId, staffId, locationId, now]);
    const [status, fields] = reply as [string, string[]?];
    if (status !== "ok") return { ok: false, reason: status as Extract<ClaimResult, { ok: false }>["reason"] };
    return { ok: true, conversation: await this.withLastSeq(conversationId, fields) };
  }

  async setYouthDisconnected(conversationId: string, at: Millis | undefined): Promise<boolean> {
    return (await this.run(SET_DISCONNECTED, { conversationId }, [at ?? ""])) === 1;
  }

  async endConversation(
    conversationId: string,
    end: { at: Millis; by: Conversation["endedBy"]; reason: string },
  ): Promise<EndResult> {
    for (let attempt = 0; attempt < END_ATTEMPTS; attempt++) {
      const volunteerId = (await this.redis.hget(this.k.conversation(conversationId), "volunteerId")) ?? undefined;
      const args = [conversationId, end.at, end.by ?? "", end.reason, volunteerId ?? ""];
      const reply = await this.run(END, { conversationId, volunteerId }, args);
      const [status, fields] = reply as [string, string[]?];
      if (status === "retry") continue;
      if (status !== "ok") return { ok: false, reason: status as Extract<EndResult, { ok: false }>["reason"] };
      return { ok: true, conversation: await this.withLastSeq(conversationId, fields) };
    }
    throw new Error(`endConversation(${conversationId}): volunteer kept changing`);
  }

  async setConversationNotes(conversationId: string, notes: { note?: string; handoverNote?: string }): Promise<boolean> {
    const pairs: string[] = [];
    if (notes.note !== undefined) pairs.push("note", notes.note);
    if (notes.handoverNote !== undefined) pairs.push("handoverNote", notes.handoverNote);
    return (await this.run(SET_NOTES, { conversationId }, pairs)) === 1;
  }

  async transfer(conversationId: string, fromStaffId: string, target: TransferTarget, now: Millis): Promise<TransferResult> {
    const reply =
      "staffId" in target
        ? await this.run(
            TRANSFER_TO_STAFF,
            { conversationId, fromStaffId, toStaffId: target.staffId },
            [conversationId, fromStaffId, target.staffId, now],
          )
        : await this.run(TRANSFER_TO_QUEUE, { conversationId, fromStaffId }, [
            conversationId,
            fromStaffId,
            target.locationChoice,
          ]);
    const [status, fields] = reply as [string, string[]?];
    if (status !== "ok") return { ok: false, reason: status as Extract<TransferResult, { ok: false }>["reason"] };
    return { ok: true, conversation: await this.withLastSeq(conversationId, fields) };
  }

  async listActiveFor(staffId: string): Promise<Conversation[]> {
    const ids = await this.redis.smembers(this.k.active(staffId));
    const found = await Promise.all(ids.map((id) => this.getConversation(id)));
    return found.filter((c): c is Conversation => c?.status === "active");
  }

  async markDelivered(conversationId: string, side: "youth" | "staff", upToSeq: number): Promise<void> {
    const lastSeq = toSeq(await this.redis.get(this.k.messageSeq(conversationId)));
    const mark = Math.min(Math.floor(upToSeq), lastSeq);
    if (!(mark > 0)) return; // nothing to raise, and keeps NaN out of the script
    const field = side === "youth" ? "youthDeliveredSeq" : "staffDeliveredSeq";
    await this.run(MARK_DELIVERED, { conversationId }, [field, mark]);
  }

  async putPresence(presence: Omit<Presence, "load">): Promise<Presence> {
    const { staffId, locationId, status, capacity, lastAssignedAt } = presence;
    const since = presence.since ?? 0;
    const args = [staffId, locationId, status, capacity, lastAssignedAt, since];
    const load = await this.run(PUT_PRESENCE, { staffId }, args);
    return { staffId, locationId, status, capacity, lastAssignedAt, since, load: Number(load) };
  }
  async getPresence(staffId: string): Promise<Presence | undefined> {
    const [fields, load] = await Promise.all([
      this.redis.hgetall(this.k.presence(staffId)),
      this.redis.scard(this.k.active(staffId)),
    ]);
    return Object.keys(fields).length === 0 ? undefined : decodePresence(fields, load);
  }
  async listPresence(): Promise<Presence[]> {
    const ids = await this.redis.smembers(this.k.presenceIds);
    if (ids.length === 0) return [];
    const rows = (await this.run(READ_PRESENCES, { staffIds: ids }, [])) as [unknown, number][];
    return rows
      .map(([flat, load]) => ({ fields: pairsToRecord(flat), load: Number(load) }))
      .filter(({ fields }) => Object.keys(fields).length > 0)
      .map(({ fields, load }) => decodePresence(fields, load));
  }

  async appendMessage(message: Omit<Message, "seq">): Promise<AppendResult> {
    const { seq: _ignored, ...withoutSeq } = message as Message;
    const { conversationId } = message;
    const reply = await this.run(APPEND_MESSAGE, { conversationId }, [message.id, JSON.stringify(withoutSeq)]);
    const [duplicate, seq, json] = reply as [number, number, string];
    return { message: decodeMessage(json, seq), duplicate: duplicate === 1 };
  }
  async listMessages(conversationId: string, afterSeq: number): Promise<Message[]> {
    const flat = await this.redis.zrangebyscore(this.k.messages(conversationId), `(${afterSeq}`, "+inf", "WITHSCORES");
    const messages: Message[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) messages.push(decodeMessage(flat[i]!, flat[i + 1]!));
    return messages;
  }

  async addWrapUpTodo(staffId: string, conversationId: string): Promise<void> {
    await this.redis.sadd(this.k.wrapUpTodo(staffId), conversationId);
  }
  async listWrapUpTodo(staffId: string): Promise<string[]> {
    return await this.redis.smembers(this.k.wrapUpTodo(staffId));
  }
  async putWrapUp(wrapUp: WrapUp): Promise<void> {
    const key = wrapUp.conversationId ?? wrapUp.id;
    const args = [key, JSON.stringify(wrapUp), wrapUp.at, wrapUp.conversationId ?? ""];
    await this.run(PUT_WRAP_UP, { staffId: wrapUp.staffId }, args);
  }
  async listWrapUps(sinceMs: Millis): Promise<WrapUp[]> {
    const list = (await this.run(READ_WRAP_UPS, {}, [sinceMs])) as (string | null)[];
    return list.filter((json): json is string => json !== null).map((json) => JSON.parse(json) as WrapUp);
  }

  async putDuty(duty: Duty): Promise<void> {
    await this.redis.hset(this.k.duty, duty.staffId, JSON.stringify(duty));
  }
  async removeDuty(staffId: string): Promise<void> {
    await this.redis.hdel(this.k.duty, staffId);
  }
  async listDuty(): Promise<Duty[]> {
    return (await this.redis.hvals(this.k.duty)).map((json) => JSON.parse(json) as Duty);
  }

  async createEscalation(escalation: Escalation): Promise<void> {
    const { id, status } = escalation;
    const indexed = escalation.source === "debrief" ? "0" : "1";
    await this.run(CREATE_ESCALATION, { escalationId: id, ...(escalation.conversationId && { conversationId: escalation.conversationId }) }, [id, status, escalation.conversationId ?? "", indexed, ...encodeEscalation(escalation)]);
  }
  async openEscalation(escalation: Escalation): Promise<OpenEscalationResult> {
    const { id, conversationId } = escalation;
    if (!conversationId || escalation.source === "debrief") {
      await this.createEscalation(escalation);
      return { escalation, created: true, raised: false };
    }
    for (let attempt = 0; attempt < ESCALATION_ATTEMPTS; attempt++) {
      const existingId = (await this.redis.hget(this.k.escalationByConversation, conversationId)) ?? undefined;
      const args = [id, conversationId, existingId ?? "", escalation.level, JSON.stringify(escalation.signals ?? []), escalation.note ?? "", escalation.raisedAt];
      const reply = (await this.run(OPEN_ESCALATION, { escalationId: id, existingId, conversationId }, [...args, ...encodeEscalation(escalation)])) as unknown[];
      const status = reply[0] as string;
      if (status === "retry") continue;
      if (status === "created") return { escalation: decodeEscalation(pairsToRecord(reply[1])), created: true, raised: false };
      return { escalation: decodeEscalation(pairsToRecord(reply[2])), created: false, raised: Number(reply[1]) === 1 };
    }
    throw new Error(`openEscalation(${conversationId}): the conversation's escalation kept changing`);
  }
  async getEscalation(id: string): Promise<Escalation | undefined> {
    const fields = await this.redis.hgetall(this.k.escalation(id));
    return Object.keys(fields).length === 0 ? undefined : decodeEscalation(fields);
  }
  async listEscalations(): Promise<Escalation[]> {
    const ids = await this.redis.smembers(this.k.unresolvedEscalations);
    if (ids.length === 0) return [];
    const hashes = (await this.run(READ_ESCALATIONS, { escalationIds: ids }, [])) as unknown[];
    return hashes
      .map((flat) => pairsToRecord(flat))
      .filter((fields) => Object.keys(fields).length > 0)
      .map((fields) => decodeEscalation(fields))
      // One resolved between SMEMBERS and the read is no longer listed.
      .filter((e) => e.status !== "resolved");
  }
  async recordOffer(id: string, offer: { offeredTo: string[]; offeredAt: number; unroutedAt?: number }): Promise<boolean> {
    const args = [JSON.stringify(offer.offeredTo), offer.offeredAt, offer.unroutedAt ?? ""];
    return (await this.run(RECORD_OFFER, { escalationId: id }, args)) === 1;
  }
  async claimEscalation(id: string, staffId: string, now: Millis): Promise<ClaimEscalationResult> {
    const reply = await this.run(CLAIM_ESCALATION, { escalationId: id }, [staffId, now]);
    const [status, fields] = reply as [string, string[]?];
    if (status !== "ok") return { ok: false, reason: status as Extract<ClaimEscalationResult, { ok: false }>["reason"] };
    return { ok: true, escalation: decodeEscalation(pairsToRecord(fields)) };
  }
  async releaseEscalation(id: string, staffId: string, now: Millis): Promise<boolean> {
    return (await this.run(RELEASE_ESCALATION, { escalationId: id }, [staffId, now])) === 1;
  }
  async resolveEscalation(
    id: string,
    staffId: string,
    resolution: { at: Millis; outcome: string; referral: string },
  ): Promise<boolean> {
    const args = [id, staffId, resolution.at, resolution.outcome, resolution.referral];
    return (await this.run(RESOLVE_ESCALATION, { escalationId: id }, args)) === 1;
  }
  async purgeEscalation(id: string): Promise<boolean> {
    // Resolved is final, so checking first and deleting after cannot race with a claim or release.
    if ((await this.redis.hget(this.k.escalation(id), "status")) !== "resolved") return false;
    return (await this.redis.del(this.k.escalation(id))) > 0;
  }

  async purgeConversation(conversationId: string): Promise<boolean> {
    // Two slots, two commands: the message keys share {c:<id>}, the record lives in {d}. Both are
    // idempotent, so a purge interrupted between them is finished by the next run.
    const [messages, record] = await Promise.all([
      this.redis.del(this.k.messages(conversationId), this.k.messageIds(conversationId), this.k.messageSeq(conversationId)),
      this.redis.del(this.k.conversation(conversationId)),
    ]);
    // Whoever read along keeps no pointer to a purged conversation.
    const watchers = await this.redis.smembers(this.k.watchers(conversationId));
    for (const staffId of watchers) await this.redis.srem(this.k.watching(staffId), conversationId);
    await this.redis.del(this.k.watchers(conversationId));
    return messages + record > 0;
  }
  async reassignVolunteer(conversationId: string, from: string | undefined, to: string | undefined): Promise<boolean> {
    return (await this.run(REASSIGN_VOLUNTEER, { conversationId, from, to }, [from ?? "", to ?? ""])) === 1;
  }
  async setWatching(staffId: string, conversationId: string, watching: boolean): Promise<void> {
    // Two keys in two slots, each idempotent: the staff member's list and the conversation's readers.
    if (watching) await Promise.all([this.redis.sadd(this.k.watching(staffId), conversationId), this.redis.sadd(this.k.watchers(conversationId), staffId)]);
    else await Promise.all([this.redis.srem(this.k.watching(staffId), conversationId), this.redis.srem(this.k.watchers(conversationId), staffId)]);
  }
  async listWatching(staffId: string): Promise<string[]> {
    return await this.redis.smembers(this.k.watching(staffId));
  }
  async setConversationProfessional(conversationId: string, staffId: string | undefined): Promise<boolean> {
    return (await this.run(SET_PROFESSIONAL, { conversationId }, [staffId ?? ""])) === 1;
  }

  async block(keys: string[], ttlMs: number): Promise<void> {
    const px = Math.floor(ttlMs);
    if (!(px > 0)) return; // a block that is already over; PX must be a positive integer
    // One single-key SET per value: a multi-key command would cross slots on a cluster.
    await Promise.all(keys.map((key) => this.redis.set(this.k.block(key), "1", "PX", px)));
  }
  async isBlocked(keys: string[]): Promise<boolean> {
    const found = await Promise.all(keys.map((key) => this.redis.exists(this.k.block(key))));
    return found.some((n) => n > 0);
  }

  async putReturnCode(record: ReturnCodeRecord, ttlMs: number): Promise<void> {
    const px = Math.max(1, Math.floor(ttlMs));
    const { codeHash, conversationId } = record;
    const pairs = Object.entries(record).flatMap(([field, value]) => (value === undefined ? [] : [field, String(value)]));
    // The conversation's earlier code is read first (its key must be declared); the script checks it.
    // Each round of racers lets one through, so the budget must exceed the racers a conversation can see.
    for (let attempt = 0; attempt < RETURN_CODE_ATTEMPTS; attempt++) {
      const previousHash = (await this.redis.get(this.k.returnCodeOf(conversationId))) ?? undefined;
      const ids = { codeHash, conversationId, ...(previousHash && { previousHash }) };
      if ((await this.run(PUT_RETURN_CODE, ids, [previousHash ?? "", px, codeHash, ...pairs])) === "ok") return;
    }
    throw new Error(`putReturnCode(${conversationId}): the conversation's code kept changing`);
  }
  async getReturnCode(codeHash: string): Promise<ReturnCodeRecord | undefined> {
    const fields = await this.redis.hgetall(this.k.returnCode(codeHash));
    if (Object.keys(fields).length === 0) return undefined;
    return {
      codeHash: fields.codeHash ?? codeHash,
      staffId: fields.staffId ?? "",
      conversationId: fields.conversationId ?? "",
      ...(fields.note && { note: fields.note }),
      createdAt: Number(fields.createdAt),
      expiresAt: Number(fields.expiresAt),
    };
  }
  async deleteReturnCode(codeHash: string): Promise<boolean> {
    const conversationId = await this.redis.hget(this.k.returnCode(codeHash), "conversationId");
    if (conversationId === null) return false;
    return (await this.run(DELETE_RETURN_CODE, { codeHash, conversationId }, [codeHash, conversationId])) === 1;
  }
  async setReturnCodeNote(conversationId: string, note: string): Promise<boolean> {
    const codeHash = await this.redis.get(this.k.returnCodeOf(conversationId));
    if (codeHash === null) return false;
    return (await this.run(SET_RETURN_CODE_NOTE, { codeHash, conversationId }, [codeHash, note])) === 1;
  }

  async appendEvent(event: DomainEvent): Promise<void> {
    await this.run(APPEND_EVENT, {}, [event.at, JSON.stringify(event)]);
  }
  async listEvents(sinceMs: Millis): Promise<DomainEvent[]> {
    const members = await this.redis.zrangebyscore(this.k.events, sinceMs, "+inf");
    return members.map((m) => JSON.parse(m.slice(m.indexOf("|") + 1)) as DomainEvent);
  }
  async recordServiceTime(durationMs: number, at: Millis): Promise<void> {
    // Two single-key commands: a reader between them sees one extra entry, which LRANGE cuts off.
    await this.redis.lpush(this.k.serviceTimes, JSON.stringify({ durationMs, at }));
    await this.redis.ltrim(this.k.serviceTimes, 0, SERVICE_TIME_WINDOW - 1);
  }
  async recentServiceTimes(): Promise<{ durationMs: number; at: Millis }[]> {
    const list = await this.redis.lrange(this.k.serviceTimes, 0, SERVICE_TIME_WINDOW - 1);
    return list.map((json) => JSON.parse(json) as { durationMs: number; at: Millis });
  }

  async replaceFigureBuckets(fromHour: Millis, toHour: Millis, buckets: HourBucket[]): Promise<void> {
    // One MULTI on two keys of the {f} slot: a reader sees the old hours or the new, never a gap.
    const tx = this.redis.multi().zremrangebyscore(this.k.figureBuckets, fromHour, `(${toHour}`);
    if (buckets.length > 0) tx.zadd(this.k.figureBuckets, ...buckets.flatMap((b) => [b.hourStart, JSON.stringify(b)]));
    tx.set(this.k.figuresRolledUpTo, String(toHour));
    const results = await tx.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error("replaceFigureBuckets: transaction aborted");
  }
  async listFigureBuckets(fromMs: Millis, toMs: Millis): Promise<HourBucket[]> {
    const members = await this.redis.zrangebyscore(this.k.figureBuckets, fromMs, `(${toMs}`);
    return members.map((m) => completeBucket(JSON.parse(m) as HourBucket));
  }
  async figuresRolledUpTo(): Promise<Millis> {
    return Number((await this.redis.get(this.k.figuresRolledUpTo)) ?? 0);
  }

  async tryLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.run(LEASE, { name }, [owner, ttlMs])) === 1;
  }
  async releaseLease(name: string, owner: string): Promise<void> {
    await this.run(RELEASE_LEASE, { name }, [owner]);
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
    return this.redis.zrangebyscore(this.k.endedConversations, "-inf", `(${before}`, "LIMIT", 0, limit);
  }
  async forgetEnded(conversationIds: string[]): Promise<void> {
    if (conversationIds.length > 0) await this.redis.zrem(this.k.endedConversations, ...conversationIds);
  }
  async purgeEscalationsOf(conversationId: string): Promise<number> {
    // The index, plus the unresolved set for escalations raised before the index existed.
    const [indexed, unresolved] = await Promise.all([this.redis.smembers(this.k.escalationsOf(conversationId)), this.listEscalations()]);
    const ids = [...new Set([...indexed, ...unresolved.filter((e) => e.conversationId === conversationId).map((e) => e.id)])];
    return Number(await this.run(PURGE_ESCALATIONS_OF, { conversationId, escalationIds: ids }, [conversationId, ...ids]));
  }

  async ping(): Promise<void> {
    // A write, not PING: with noeviction, a full Redis answers PING and refuses every SET.
    await this.redis.set(this.k.readyProbe, "1", "PX", 10_000);
  }
  async memoryUse(): Promise<{ usedBytes: number; maxBytes: number } | undefined> {
    const info = await this.redis.info("memory");
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? Number.NaN);
    const usedBytes = field("used_memory");
    const maxBytes = field("maxmemory");
    return Number.isFinite(usedBytes) && Number.isFinite(maxBytes) ? { usedBytes, maxBytes } : undefined;
  }
  async close(): Promise<void> {
    await this.redis.quit();
  }

  /** A conversation from a script's HGETALL reply, with `lastSeq` from its message counter. */
  private async withLastSeq(conversationId: string, flatFields: unknown): Promise<Conversation> {
    const seq = await this.redis.get(this.k.messageSeq(conversationId));
    return decodeConversation(pairsToRecord(flatFields), toSeq(seq));
  }

  /** EVALSHA, loading the script with EVAL when the server does not know it (restart, new node). */
  private async run<Ids>(script: LuaScript<Ids>, ids: Ids, args: (string | number)[]): Promise<unknown> {
    const keys = script.keys(this.k, ids);
    try {
      return await this.redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return await this.redis.eval(script.lua, keys.length, ...keys, ...args);
    }
  }
}

function parse<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}

/**
 * Deletes every key under `prefix` (tests, demo resets). SCAN plus one UNLINK per key, because a
 * multi-key UNLINK would cross slots on a cluster.
 */
export async function destroyRedisPrefix(redis: Redis, prefix: string): Promise<void> {
  if (prefix === "") throw new Error("destroyRedisPrefix: refusing an empty prefix (would delete everything)");
  const pattern = `${prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    cursor = next;
    await Promise.all(keys.map((key) => redis.unlink(key)));
  } while (cursor !== "0");
}
