import type { Logger } from "pino";
import type { Reach } from "../../shared/protocol";
import { escalationPush, pushOwner, reachOf } from "../domain/push/push";
import type { Audience, EventName, EventPayload, Notifier } from "../service/Notifier";
import type { PushService } from "../service/PushService";
import type { Revocation } from "../service/rights";
import type { Store } from "../store/Store";

/**
 * A Notifier that also reaches people whose page is closed: what goes to a professional (an
 * escalation alert, a debrief request) goes by Web Push to those without an open console, and a
 * waiting youth who asked is told when it is their turn: when they are taken, or when they are first
 * in line while their page is away. Everything else passes straight through.
 */
export class PushRelay implements Notifier {
  constructor(
    private readonly inner: Notifier,
    private readonly push: PushService,
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  emit<E extends EventName>(to: Audience, event: E, payload: EventPayload<E>): void {
    this.inner.emit(to, event, payload);
    this.relay(to, event, payload).catch((error: unknown) =>
      this.log.warn({ event: "push.relay.failed", about: event, err: error }, "push relay failed"),
    );
  }

  private async relay<E extends EventName>(to: Audience, event: E, payload: EventPayload<E>): Promise<void> {
    if (event === "escalation:alert") {
      const e = payload as EventPayload<"escalation:alert">;
      const message = escalationPush(e, await this.locationName(e.locationId));
      for (const staffId of await this.audience(to))
        if ((await this.reachOf(staffId)) === "push") await this.push.sendTo(pushOwner.staff(staffId), message);
      return;
    }
    if (event === "debrief:updated" && "onDuty" in to) {
      const d = payload as EventPayload<"debrief:updated">;
      if (d.status !== "open") return;
      const message = { kind: "debrief" as const, debriefId: d.id, location: await this.locationName(d.locationId) };
      for (const staffId of await this.audience(to))
        if ((await this.reachOf(staffId)) === "push") await this.push.sendTo(pushOwner.staff(staffId), message);
      return;
    }
    if (event === "conversation:assigned" && "youth" in to) {
      const p = payload as EventPayload<"conversation:assigned">;
      if (p.youth?.status === "active") await this.push.youthTurn(to.youth, true);
      return;
    }
    if (event === "queue:updated" && "youth" in to) {
      // A waiting youth whose page is away (a phone suspends background tabs) is never handed to
      // anyone meanwhile: being first in line is their turn, so that is when they are told.
      const p = payload as EventPayload<"queue:updated">;
      if (p.position === 1 && !(await this.inner.isYouthConnected(to.youth))) await this.push.youthTurn(to.youth, true);
      return;
    }
    if (event === "conversation:ended" && "conversation" in to) {
      const c = await this.store.getConversation(to.conversation);
      if (c) await this.push.youthTurn(c.youthId, false);
    }
  }

  /** The professionals an alert is for: one staff member, or everyone on duty. */
  private async audience(to: Audience): Promise<string[]> {
    if ("staff" in to) return [to.staff];
    if ("onDuty" in to) return (await this.store.listDuty()).map((d) => d.staffId);
    return [];
  }

  private async locationName(id: string): Promise<string> {
    return (await this.store.listLocations()).find((l) => l.id === id)?.name ?? id;
  }

  async reachOf(staffId: string): Promise<Reach> {
    const connected = await this.inner.isStaffConnected(staffId);
    return reachOf(connected, !connected && (await this.push.hasSubscription(staffId)));
  }

  join(who: { youth: string } | { staff: string }, conversationId: string): Promise<void> {
    return this.inner.join(who, conversationId);
  }
  leave(who: { staff: string }, conversationId: string): Promise<void> {
    return this.inner.leave(who, conversationId);
  }
  closeConversation(conversationId: string): Promise<void> {
    return this.inner.closeConversation(conversationId);
  }
  isStaffConnected(staffId: string): Promise<boolean> {
    return this.inner.isStaffConnected(staffId);
  }
  isYouthConnected(youthId: string): Promise<boolean> {
    return this.inner.isYouthConnected(youthId);
  }
  setOnDuty(staffId: string, onDuty: boolean): void {
    this.inner.setOnDuty(staffId, onDuty);
  }
  revoke(what: Revocation): Promise<void> {
    return this.inner.revoke(what);
  }
  disconnectYouth(youthId: string): void {
    this.inner.disconnectYouth(youthId);
  }
  conversationsOf(who: { staff: string }): Promise<string[]> {
    return this.inner.conversationsOf(who);
  }
}
