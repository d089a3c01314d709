import type { ClaimDebriefResult, Debrief, DebriefMessage } from "../../domain/debrief/debrief";
import { MAX_SUBSCRIPTIONS_PER_OWNER, type PushSubscriptionRecord } from "../../domain/push/push";

/**
 * The memory store's push subscriptions and debriefs, kept beside MemoryStore so that file stays
 * about chats. No method awaits, so each is atomic on Node's single thread.
 */
export class MemoryReach {
  private readonly subscriptions = new Map<string, { list: PushSubscriptionRecord[]; expiresAt: number }>();
  private readonly debriefs = new Map<string, Debrief>();
  private readonly threads = new Map<string, DebriefMessage[]>();

  private live(owner: string): PushSubscriptionRecord[] {
    const hit = this.subscriptions.get(owner);
    if (!hit) return [];
    if (hit.expiresAt <= Date.now()) {
      this.subscriptions.delete(owner);
      return [];
    }
    return hit.list;
  }

  putPushSubscription(owner: string, subscription: PushSubscriptionRecord, ttlMs?: number): void {
    const list = this.live(owner).filter((s) => s.endpoint !== subscription.endpoint);
    list.push(structuredClone(subscription));
    list.sort((a, b) => a.createdAt - b.createdAt);
    while (list.length > MAX_SUBSCRIPTIONS_PER_OWNER) list.shift();
    this.subscriptions.set(owner, { list, expiresAt: ttlMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + ttlMs });
  }
  listPushSubscriptions(owner: string): PushSubscriptionRecord[] {
    return structuredClone(this.live(owner));
  }
  deletePushSubscription(owner: string, endpoint: string): boolean {
    const list = this.live(owner);
    const rest = list.filter((s) => s.endpoint !== endpoint);
    if (rest.length === list.length) return false;
    if (rest.length === 0) this.subscriptions.delete(owner);
    else this.subscriptions.get(owner)!.list = rest;
    return true;
  }
  deletePushSubscriptionsOf(owner: string): number {
    const n = this.live(owner).length;
    this.subscriptions.delete(owner);
    return n;
  }

  createDebrief(debrief: Debrief): void {
    this.debriefs.set(debrief.id, structuredClone(debrief));
  }
  getDebrief(id: string): Debrief | undefined {
    const d = this.debriefs.get(id);
    return d && structuredClone(d);
  }
  listDebriefs(): Debrief[] {
    return [...this.debriefs.values()].map((d) => structuredClone(d));
  }
  claimDebrief(id: string, staffId: string, now: number): ClaimDebriefResult {
    const d = this.debriefs.get(id);
    if (!d) return { ok: false, reason: "not_found" };
    if (d.status !== "open") return { ok: false, reason: "not_open" };
    Object.assign(d, { status: "claimed", claimedBy: staffId, claimedAt: now });
    return { ok: true, debrief: structuredClone(d) };
  }
  closeDebrief(id: string, now: number): Debrief | undefined {
    const d = this.debriefs.get(id);
    if (!d || d.status === "closed") return undefined;
    Object.assign(d, { status: "closed", closedAt: now });
    return structuredClone(d);
  }
  appendDebriefMessage(message: Omit<DebriefMessage, "seq">): { message: DebriefMessage; duplicate: boolean } | undefined {
    const d = this.debriefs.get(message.debriefId);
    if (!d) return undefined;
    const thread = this.threads.get(d.id) ?? [];
    const earlier = thread.find((m) => m.id === message.id);
    if (earlier) return { message: structuredClone(earlier), duplicate: true };
    d.lastSeq += 1;
    const stored = { ...structuredClone(message), seq: d.lastSeq };
    thread.push(stored);
    this.threads.set(d.id, thread);
    return { message: structuredClone(stored), duplicate: false };
  }
  listDebriefMessages(debriefId: string): DebriefMessage[] {
    return structuredClone(this.threads.get(debriefId) ?? []);
  }
  purgeDebrief(id: string): boolean {
    const had = this.debriefs.delete(id);
    return this.threads.delete(id) || had;
  }
}
