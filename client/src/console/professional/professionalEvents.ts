import { PROTOCOL_VERSION } from "../../../../shared/protocol";
import { type AppSocket, call } from "../../lib/socket";
import { gapFiller } from "../../lib/workplace";
import type { ProfessionalRuntime, ProfessionalSync } from "./professionalSync";
import { heldUpTo, professionalGapBefore } from "./state";

/** How often the live overview is read again without a broadcast asking for it. */
const LIVE_REFRESH_MS = 10_000;

/** What the handlers need besides the store: the read-back, and the alert sound (unless muted). */
export interface ProfessionalWiring extends Pick<ProfessionalRuntime, "now" | "dispatch"> {
  sync: ProfessionalSync;
  signal: () => void;
}

/**
 * Wires the professional's socket once: every (re)connect rebuilds the workplace from `staff:sync`
 * and `professional:state`, and the broadcasts keep it current. Returns what stops the timers.
 */
export function wireProfessionalEvents(socket: AppSocket, wiring: ProfessionalWiring): () => void {
  wireWorkplace(socket, wiring);
  wireHeldChats(socket, wiring);
  const timer = setInterval(() => void wiring.sync.refresh(), LIVE_REFRESH_MS);
  return () => {
    clearInterval(timer);
    wiring.sync.cancel();
  };
}

/** The connection, duty, the inbox and the overview. */
function wireWorkplace(socket: AppSocket, { now, dispatch, sync, signal }: ProfessionalWiring): void {
  socket.on("connect", async () => {
    dispatch({ type: "connection", online: true });
    const synced = await call(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    if (!synced.ok) return;
    dispatch({ type: "synced", state: synced.data });
    await Promise.all(synced.data.conversations.map((c) => sync.loadHeld(c.id)));
    // Followed chats open before the reload are read again (the server put us back in their rooms).
    const me = synced.data.staff.id;
    for (const w of Object.values(now().watched)) {
      const again = await call(socket, "conversation:watch", { conversationId: w.conversation.id });
      if (again.ok) dispatch({ type: "watched", ...again.data, joined: again.data.conversation.professionalId === me, show: false });
    }
    await sync.refresh();
  });
  socket.on("disconnect", () => dispatch({ type: "connection", online: false }));
  socket.on("escalation:updated", (escalation) => dispatch({ type: "escalation", escalation }));
  socket.on("escalation:alert", (escalation) => {
    dispatch({ type: "escalation", escalation, alert: true });
    signal();
  });
  socket.on("escalation:unrouted", (escalation) => dispatch({ type: "held", action: { type: "escalation", escalation, unrouted: true } }));
  socket.on("risk:flagged", (p) => {
    if (now().held.chats[p.conversationId])
      dispatch({ type: "held", action: { type: "risk", conversationId: p.conversationId, level: p.level, at: p.at } });
    sync.refreshSoon();
  });
  socket.on("duty:changed", (duty) => {
    dispatch({ type: "duty", duty });
    sync.refreshSoon();
  });
  socket.on("queue:summarised", () => sync.refreshSoon());
  socket.on("locations:changed", (p) => dispatch({ type: "held", action: { type: "locations", locations: p.locations } }));
}

/** The chats she holds or follows: messages, their gaps, typing, delivery, notes, hand-overs and ends. */
function wireHeldChats(socket: AppSocket, { now, dispatch, sync, signal }: ProfessionalWiring): void {
  const fillGap = gapFiller(async (conversationId) => {
    const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: heldUpTo(now(), conversationId) });
    if (!ack.ok) return;
    if (now().held.chats[conversationId])
      dispatch({ type: "held", action: { type: "history", conversationId, messages: ack.data.messages } });
    else dispatch({ type: "watchedHistory", conversationId, messages: ack.data.messages });
  });
  socket.on("message:received", (message) => {
    const held = Boolean(now().held.chats[message.conversationId]);
    const visible = held && sync.heldOnScreen(message.conversationId);
    const gap = professionalGapBefore(now(), message) !== undefined;
    // A resend is broadcast again: a message already held is not news.
    const known = now().held.chats[message.conversationId]?.messages.some((m) => m.id === message.id);
    dispatch({ type: "message", message, visible });
    if (gap) void fillGap(message.conversationId);
    if (known || !held || message.sender.role !== "youth") return;
    if (visible) void call(socket, "delivery:confirm", { conversationId: message.conversationId, upToSeq: message.seq });
    else signal();
  });
  socket.on("typing:changed", (p) => dispatch({ type: "held", action: { type: "typing", ...p } }));
  socket.on("delivery:confirmed", (p) =>
    dispatch({ type: "held", action: { type: "delivered", conversationId: p.conversationId, by: p.by, upToSeq: p.upToSeq } }),
  );
  socket.on("note:updated", (p) => dispatch({ type: "held", action: { type: "note", ...p } }));
  socket.on("conversation:assigned", ({ staff }) => {
    if (!staff) return;
    dispatch({ type: "held", action: { type: "assigned", view: staff } });
    void sync.loadHeld(staff.id);
  });
  socket.on("conversation:ended", (p) => {
    const chat = now().held.chats[p.conversationId];
    dispatch({ type: "ended", conversationId: p.conversationId, endedBy: p.endedBy, reason: p.reason });
    if (chat && !chat.closed && p.endedBy !== "professional") signal();
    sync.refreshSoon();
  });
  socket.on("conversation:transferred", (p) =>
    dispatch({
      type: "held",
      action: { type: "transferred", conversationId: p.conversationId, ...(p.reason && { reason: p.reason }), ...(p.to && { to: p.to }) },
    }),
  );
  socket.on("wrapup:due", (todo) => dispatch({ type: "held", action: { type: "wrapUpDue", todo } }));
}
