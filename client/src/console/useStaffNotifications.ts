import { useEffect, useRef } from "react";
import { ANY_LOCATION, type QueueSummary } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { notifyWhenHidden } from "../lib/notify";
import type { AppSocket } from "../lib/socket";

export interface StaffNotificationContext {
  role: "volunteer" | "professional";
  staffId?: string;
  locationId?: string;
  /** Volunteers: whether a newly waiting youth is theirs to hear about (available). */
  available?: () => boolean;
  locationName?: (id: string) => string;
}

const waitingAt = (queue: QueueSummary, locationId?: string) =>
  queue.locations.filter((l) => l.locationId === locationId || l.locationId === ANY_LOCATION).reduce((n, l) => n + l.waiting, 0);

/**
 * While the console is in the background (another tab, minimised), what needs the staff member
 * becomes a system notification (the Notification API). The words are the console's own: never a
 * word of the youth, not even a nickname. With the console closed, Web Push does this (sw.js).
 */
export function useStaffNotifications(socket: AppSocket | undefined, ctx: StaffNotificationContext): void {
  const { t } = useI18n();
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  useEffect(() => {
    if (!socket) return;
    const open = t("reach.notify.open");
    let waiting: number | undefined;
    const handlers = {
      "risk:flagged": (p: { conversationId: string; level: string }) => {
        if (p.level === "high")
          notifyWhenHidden(t("reach.notify.risk.title"), { body: t("reach.notify.risk.body"), tag: `risk-${p.conversationId}` });
      },
      "conversation:assigned": (p: { staff?: { id: string } }) => {
        if (p.staff && ctxRef.current.role === "volunteer")
          notifyWhenHidden(t("reach.notify.assigned.title"), { body: open, tag: `assigned-${p.staff.id}` });
      },
      "escalation:unrouted": (e: { id: string }) => {
        notifyWhenHidden(t("reach.notify.unrouted.title"), { body: open, tag: `unrouted-${e.id}` });
      },
      "escalation:alert": (e: { id: string; level: "consult" | "urgent" | "crisis"; locationId: string }) => {
        const location = ctxRef.current.locationName?.(e.locationId) ?? e.locationId;
        notifyWhenHidden(t("reach.notify.alert.title", { level: t(`console.escalate.${e.level}`), location }), {
          body: open,
          tag: `alert-${e.id}`,
        });
      },
      "debrief:updated": (d: { id: string; status: string; volunteerId: string; volunteerName?: string; claimedByName?: string }) => {
        const { role, staffId } = ctxRef.current;
        if (role === "professional" && d.status === "open")
          notifyWhenHidden(t("reach.notify.debrief.title", { name: d.volunteerName ?? "" }), { body: open, tag: `debrief-${d.id}` });
        if (role === "volunteer" && d.status === "claimed" && d.volunteerId === staffId)
          notifyWhenHidden(t("reach.notify.debriefClaimed.title", { name: d.claimedByName ?? "" }), {
            body: open,
            tag: `debrief-claimed-${d.id}`,
          });
      },
      "queue:summarised": (q: QueueSummary) => {
        const { role, locationId, available } = ctxRef.current;
        if (role !== "volunteer") return;
        const now = waitingAt(q, locationId);
        if (waiting !== undefined && now > waiting && available?.())
          notifyWhenHidden(t("reach.notify.waiting.title"), { body: open, tag: "waiting" });
        waiting = now;
      },
    };
    const on = socket as unknown as { on(e: string, l: (p: never) => void): void; off(e: string, l: (p: never) => void): void };
    for (const [event, listener] of Object.entries(handlers)) on.on(event, listener as (p: never) => void);
    return () => {
      for (const [event, listener] of Object.entries(handlers)) on.off(event, listener as (p: never) => void);
    };
  }, [socket, t]);
}
