/* Inloop service worker: shows Web Push messages while the page is closed.
 * A push carries ids, a level and a location name only (never a word of the youth); the words
 * are made here. A youth's turn notice says nothing about what Inloop is for. */
const LEVEL = { consult: "Overleg", urgent: "Dringend", crisis: "Crisis" };

function textFor(p) {
  switch (p.kind) {
    case "escalation":
      return { title: `Inloop · ${LEVEL[p.level] || "Melding"} · ${p.location}`, body: "Open de console om het op te pakken.", url: "/console", tag: `escalation-${p.escalationId}`, staff: true };
    case "debrief":
      return { title: `Inloop · nabespreking gevraagd · ${p.location}`, body: "Open de console.", url: "/console", tag: `debrief-${p.debriefId}`, staff: true };
    case "waiting":
      return { title: p.location ? `Inloop · er wacht iemand · ${p.location}` : "Inloop · er wacht iemand", body: "Open de console.", url: "/console", tag: "waiting", staff: true };
    case "turn":
      return { title: "Inloop: je bent aan de beurt", body: "", url: "/", tag: "turn", staff: false };
    default:
      return undefined;
  }
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  let payload;
  try {
    payload = event.data ? event.data.json() : undefined;
  } catch {
    payload = undefined;
  }
  const text = payload && textFor(payload);
  if (!text) return;
  event.waitUntil(
    self.registration.showNotification(text.title, {
      body: text.body,
      tag: text.tag,
      data: { url: text.url },
      // Staff alerts stay until handled; the youth's notice is silent (no sound in a home that may not be safe).
      requireInteraction: text.staff && payload.kind === "escalation",
      silent: !text.staff,
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname.startsWith(url === "/" ? "/" : url));
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
