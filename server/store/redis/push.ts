import type { PushSubscriptionRecord } from "../../domain/push/push";
import type { PushStore } from "../Store";
import type { RedisContext } from "./context";

/** Web Push subscriptions per owner (pushOwner.staff / pushOwner.youth). */
export function redisPush(ctx: RedisContext): PushStore {
  return {
    async putPushSubscription(owner: string, subscription: PushSubscriptionRecord, ttlMs?: number): Promise<void> {
      return ctx.reach.putPushSubscription(owner, subscription, ttlMs);
    },
    async listPushSubscriptions(owner: string): Promise<PushSubscriptionRecord[]> {
      return ctx.reach.listPushSubscriptions(owner);
    },
    async deletePushSubscription(owner: string, endpoint: string): Promise<boolean> {
      return ctx.reach.deletePushSubscription(owner, endpoint);
    },
    async deletePushSubscriptionsOf(owner: string): Promise<number> {
      return ctx.reach.deletePushSubscriptionsOf(owner);
    },
  };
}
