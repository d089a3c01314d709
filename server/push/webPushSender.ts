import webpush from "web-push";
import type { PushSubscriptionRecord } from "../domain/push/push";

/** Where a push went: delivered to the push service, the subscription is gone (404/410), or it failed. */
export type PushOutcome = "sent" | "gone" | "failed";

/** Posts one encrypted push message (RFC 8291, aes128gcm) with a VAPID signature (RFC 8292). */
export interface PushSender {
  send(
    subscription: PushSubscriptionRecord,
    payload: string,
    options: { ttlSeconds: number; urgency: "normal" | "high"; topic?: string },
  ): Promise<PushOutcome>;
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/**
 * web-push encrypts and signs; the request itself goes out with fetch, so a test's plain-HTTP push
 * endpoint works too (web-push's own sender speaks HTTPS only). Which endpoints are allowed at all
 * is checked when a device subscribes (`endpointAllowed`).
 */
export function webPushSender(vapid: VapidKeys, timeoutMs = 10_000): PushSender {
  return {
    async send(subscription, payload, options) {
      const details = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
        vapidDetails: vapid,
        TTL: options.ttlSeconds,
        urgency: options.urgency,
        ...(options.topic && { topic: options.topic }),
        contentEncoding: "aes128gcm",
      });
      try {
        const res = await fetch(details.endpoint, {
          method: details.method,
          headers: details.headers as Record<string, string>,
          body: details.body ? new Uint8Array(details.body) : null,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.status === 404 || res.status === 410) return "gone";
        return res.ok ? "sent" : "failed";
      } catch {
        return "failed";
      }
    },
  };
}

/** A fresh key pair, for a demo or a single in-memory process (each start makes a new one). */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}
