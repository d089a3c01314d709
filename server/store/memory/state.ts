import type { Millis } from "../../domain/clock";
import type { Conversation, Message, YouthSession } from "../../domain/conversation";
import type { DomainEvent } from "../../domain/domainEvents";
import type { Duty, Escalation } from "../../domain/escalation/escalation";
import type { HourBucket } from "../../domain/figures/buckets";
import type { Location } from "../../domain/location";
import type { ReturnCodeRecord } from "../../domain/returnCodes/returnCode";
import type { Shift } from "../../domain/roster/roster";
import type { Invite, Presence, Staff, StaffSession } from "../../domain/staff";
import type { WrapUp } from "../../domain/wrapUp";
import { MemoryAccessSlice } from "./MemoryAccessSlice";
import { MemoryReach } from "./memoryReach";

export interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/** Everything the memory store holds; its slices (one module per aggregate) share it. */
export class MemoryState {
  readonly access = new MemoryAccessSlice();
  /** Conversation id → when it ended: the retention index. */
  readonly endedAt = new Map<string, Millis>();
  readonly locations = new Map<string, Location>();
  readonly shifts = new Map<string, Shift>();
  readonly invites = new Map<string, Expiring<Invite>>();
  readonly staff = new Map<string, Staff>();
  readonly staffSessions = new Map<string, Expiring<StaffSession>>();
  readonly youthSessions = new Map<string, Expiring<YouthSession>>();
  readonly conversations = new Map<string, Conversation>();
  readonly queue = new Set<string>();
  readonly presence = new Map<string, Omit<Presence, "load">>();
  readonly activeByStaff = new Map<string, Set<string>>();
  readonly messages = new Map<string, Message[]>();
  readonly messageIds = new Map<string, Map<string, number>>();
  readonly events: DomainEvent[] = [];
  /** Conversation id → its events (the index `listEventsOf` reads; purged with the conversation). */
  readonly eventsOf = new Map<string, DomainEvent[]>();
  serviceTimes: { durationMs: number; at: Millis }[] = [];
  figureBuckets: HourBucket[] = [];
  rolledUpTo: Millis = 0;
  readonly leases = new Map<string, Expiring<string>>();
  readonly wrapUpTodo = new Map<string, Set<string>>();
  readonly wrapUps = new Map<string, WrapUp>();
  readonly blocks = new Map<string, number>();
  readonly duties = new Map<string, Duty>();
  readonly escalations = new Map<string, Escalation>();
  /** Staff id → conversations they read along with. */
  readonly watching = new Map<string, Set<string>>();
  readonly returnCodes = new Map<string, Expiring<ReturnCodeRecord>>();
  /** Conversation id → hash of the return code taken at its end. */
  readonly returnCodeOf = new Map<string, string>();
  readonly reach = new MemoryReach();
  activeSet(staffId: string): Set<string> {
    let set = this.activeByStaff.get(staffId);
    if (!set) this.activeByStaff.set(staffId, (set = new Set()));
    return set;
  }
  live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
    const hit = map.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= Date.now()) {
      map.delete(key);
      return undefined;
    }
    return { ...hit.value };
  }
}
