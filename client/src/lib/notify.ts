import type { Ack, RequestName, RequestOf, Responses } from "../../../shared/protocol";

type Request = <E extends RequestName>(event: E, payload: RequestOf<E>) => Promise<Ack<Responses[E]>>;

export type NotifyState = "on" | "off" | "blocked" | "unsupported";

/** Where the browser stands on notifications for this page, without asking. */
export function notifyState(): NotifyState {
  if (!("Notification" in window)) return "unsupported";
  return Notification.permission === "granted" ? "on" : Notification.permission === "denied" ? "blocked" : "off";
}

/**
 * Shows a system notification while the page is in the background (another tab, minimised). Nothing
 * when the page is visible: the page itself shows it. Returns whether one was shown.
 */
export function notifyWhenHidden(title: string, options: { body?: string; tag: string }): boolean {
  if (!document.hidden || notifyState() !== "on") return false;
  try {
    const n = new Notification(title, { ...options, lang: document.documentElement.lang || "nl" });
    n.onclick = () => {
      window.focus();
      n.close();
    };
    return true;
  } catch {
    // Some mobile browsers only show notifications from a service worker: push covers those.
    return false;
  }
}

/** The service worker that shows pushes while the page is closed (client/public/sw.js). */
async function serviceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!("serviceWorker" in navigator)) return undefined;
  await navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" });
  return navigator.serviceWorker.ready;
}

/**
 * Asks the browser for permission, then subscribes this device for Web Push and tells the server
 * (`push:subscribe`). Resolves the permission state; push is best effort on top of it.
 */
export async function enableNotifications(request: Request): Promise<NotifyState> {
  if (notifyState() === "unsupported") return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission === "denied" ? "blocked" : "off";
  try {
    const res = await fetch("/api/push/key");
    const key = ((await res.json()) as { data?: { publicKey: string | null } }).data?.publicKey;
    const registration = key ? await serviceWorker() : undefined;
    if (key && registration) {
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
      const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await request("push:subscribe", { subscription: { endpoint: json.endpoint, keys: json.keys } });
    }
  } catch {
    // No push service (a browser without one, a test browser): notifications while open still work.
  }
  return "on";
}

/** Forgets this device's push subscription, here and on the server, and removes the service worker (quick exit). */
export async function forgetPushDevice(request?: Request): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  try {
    const registrations = await navigator.serviceWorker.getRegistrations();
    for (const r of registrations) {
      const subscription = await r.pushManager.getSubscription();
      if (subscription) {
        if (request) await request("push:unsubscribe", { endpoint: subscription.endpoint });
        await subscription.unsubscribe();
      }
      await r.unregister();
    }
  } catch {
    // Nothing to forget.
  }
}
