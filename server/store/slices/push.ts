import type { PushSubscriptionRecord } from "../../domain/push/push";

/** Web Push subscriptions per owner (pushOwner.staff / pushOwner.youth). */
export interface PushStore {
  /**
   * Keeps a device's subscription for an owner (the same endpoint replaces the earlier one); with
   * `ttlMs`, every subscription of that owner is gone after it (a youth's, while they wait).
   */
  putPushSubscription(owner: string, subscription: PushSubscriptionRecord, ttlMs?: number): Promise<void>;
  listPushSubscriptions(owner: string): Promise<PushSubscriptionRecord[]>;
  /** False if it was not there. */
  deletePushSubscription(owner: string, endpoint: string): Promise<boolean>;
  /** Forgets every device of an owner; resolves how many there were. */
  deletePushSubscriptionsOf(owner: string): Promise<number>;
}
