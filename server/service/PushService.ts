import { ANY_LOCATION, type PushPayload, type PushSubscriptionJson } from "../../shared/protocol";
import type { QueueEntry } from "../domain/conversation";
import { endpointAllowed, pushOwner, waitingRecipients } from "../domain/push/push";
import type { PushSender } from "../push/webPushSender";
import type { ConversationStore, DirectoryStore, PresenceStore, PushStore, RosterStore, SessionStore } from "../store/Store";
import type { Actor } from "./actors";
import type { ServiceDeps } from "./context";
import { fail } from "./errors";

export interface PushOptions {
  /** The VAPID public key pages subscribe with; absent when push is off. */
  publicKey?: string;
  production: boolean;
  /** Push services a production subscription may point at (suffix match). */
  allowedHosts: readonly string[];
  /** A waiting youth's subscription lives at most this long (their session's lifetime). */
  youthTtlMs: number;
}

/** How long a push service keeps trying to deliver: an alert that arrives after this is of no use. */
const TTL_SECONDS = { staff: 300, youth: 900 } as const;

/**
 * Web Push for people whose page is closed: staff subscribe their devices, a waiting youth may ask
 * to be told when it is their turn. Payloads carry ids, a level and a location name only.
 */
export class PushService {
  constructor(
    private readonly deps: ServiceDeps<ConversationStore & DirectoryStore & PresenceStore & PushStore & RosterStore & SessionStore>,
    private readonly sender: PushSender | undefined,
    private readonly options: PushOptions,
  ) {}

  get publicKey(): string | undefined {
    return this.sender ? this.options.publicKey : undefined;
  }

  /** Volunteers and professionals for themselves; a youth only while waiting (it is deleted once they are served or leave). */
  async subscribe(actor: Actor, subscription: PushSubscriptionJson): Promise<Record<string, never>> {
    const owner = await this.ownerFor(actor, "subscribe");
    if (!this.sender) fail("UNAVAILABLE", "Push notifications are not configured");
    if (!endpointAllowed(subscription.endpoint, { production: this.options.production, hosts: this.options.allowedHosts })) {
      fail("BAD_REQUEST", "subscription.endpoint: not a known push service");
    }
    const record = { endpoint: subscription.endpoint, keys: subscription.keys, createdAt: this.deps.clock.now() };
    await this.deps.store.putPushSubscription(owner, record, actor.kind === "youth" ? this.options.youthTtlMs : undefined);
    this.deps.log.info({ event: "push.subscribed", owner: actor.kind === "youth" ? "youth" : actor.staff.id }, "push subscription stored");
    return {};
  }

  async unsubscribe(actor: Actor, endpoint: string): Promise<Record<string, never>> {
    const owner = await this.ownerFor(actor, "unsubscribe");
    await this.deps.store.deletePushSubscription(owner, endpoint);
    return {};
  }

  private async ownerFor(actor: Actor, what: "subscribe" | "unsubscribe"): Promise<string> {
    if (actor.kind === "staff") {
      if (actor.staff.role === "coordinator") fail("FORBIDDEN", "Coordinators get no alerts");
      return pushOwner.staff(actor.staff.id);
    }
    if (what === "subscribe") {
      const session = await this.deps.store.getYouthSession(actor.tokenHash);
      const c = session?.conversationId ? await this.deps.store.getConversation(session.conversationId) : undefined;
      if (c?.status !== "queued" || c.youthId !== actor.youthId) fail("FORBIDDEN", "Only while waiting");
    }
    return pushOwner.youth(actor.youthId);
  }

  async hasSubscription(staffId: string): Promise<boolean> {
    return this.sender !== undefined && (await this.deps.store.listPushSubscriptions(pushOwner.staff(staffId))).length > 0;
  }

  /** Sends to every device of one owner; a device the push service no longer knows is forgotten. Resolves how many took it. */
  async sendTo(owner: string, payload: PushPayload): Promise<number> {
    if (!this.sender) return 0;
    const { store, log } = this.deps;
    const subscriptions = await store.listPushSubscriptions(owner);
    const youth = owner.startsWith("youth:");
    const outcomes = await Promise.all(
      subscriptions.map(async (s) => {
        const outcome = await this.sender!.send(s, JSON.stringify(payload), {
          ttlSeconds: youth ? TTL_SECONDS.youth : TTL_SECONDS.staff,
          urgency: "high",
        });
        if (outcome === "gone") await store.deletePushSubscription(owner, s.endpoint);
        return outcome;
      }),
    );
    const sent = outcomes.filter((o) => o === "sent").length;
    if (subscriptions.length > 0) log.info({ event: "push.sent", kind: payload.kind, devices: subscriptions.length, sent }, "push sent");
    return sent;
  }

  /** A youth started waiting: page the location's volunteers who are on shift but have no console open. */
  async youthWaiting(entry: QueueEntry): Promise<void> {
    if (!this.sender) return;
    const { store, clock, notifier } = this.deps;
    const now = clock.now();
    const [staff, presence, shifts, locations] = await Promise.all([
      store.listStaff(),
      store.listPresence(),
      store.listShifts(now - 1, now + 1),
      store.listLocations(),
    ]);
    const volunteers = staff.filter((s) => s.role === "volunteer" && s.active);
    const connected = new Set(
      (await Promise.all(volunteers.map(async (s) => ((await notifier.isStaffConnected(s.id)) ? s.id : undefined)))).filter(
        (id): id is string => id !== undefined,
      ),
    );
    const location =
      entry.locationChoice === ANY_LOCATION ? "" : (locations.find((l) => l.id === entry.locationChoice)?.name ?? entry.locationChoice);
    for (const id of waitingRecipients({ entry, staff, presence, shifts, connected, now }))
      await this.sendTo(pushOwner.staff(id), { kind: "waiting", location });
  }

  /** The youth was served (or left): tell them if they asked, then forget their device either way. */
  async youthTurn(youthId: string, served: boolean): Promise<void> {
    const owner = pushOwner.youth(youthId);
    if (served && (await this.deps.store.listPushSubscriptions(owner)).length > 0) await this.sendTo(owner, { kind: "turn" });
    await this.deps.store.deletePushSubscriptionsOf(owner);
  }
}
