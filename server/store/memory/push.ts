import type { PushSubscriptionRecord } from "../../domain/push/push";
import type { PushStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * Web Push subscriptions per owner (pushOwner.staff / pushOwner.youth). In memory: no method awaits,
 * so each is atomic on Node's one thread.
 */
export function memoryPush(state: MemoryState): PushStore {
  return {
    async putPushSubscription(owner: string, subscription: PushSubscriptionRecord, ttlMs?: number): Promise<void> {
      state.reach.putPushSubscription(owner, subscription, ttlMs);
    },
    async listPushSubscriptions(owner: string): Promise<PushSubscriptionRecord[]> {
      return state.reach.listPushSubscriptions(owner);
    },
    async deletePushSubscription(owner: string, endpoint: string): Promise<boolean> {
      return state.reach.deletePushSubscription(owner, endpoint);
    },
    async deletePushSubscriptionsOf(owner: string): Promise<number> {
      return state.reach.deletePushSubscriptionsOf(owner);
    },
  };
}
