import { PROTOCOL_VERSION } from "../../../shared/protocol";
import { chime as alertSound } from "../lib/alerts";
import { type AppSocket, call } from "../lib/socket";
import { gapFiller } from "../lib/workplace";
import { lastContiguousSeq } from "./chatState";
import { type ConsoleAction, type ConsoleState, chatGapBefore, waitingForMe } from "./state";

/** What the volunteer console's handlers need: the store, the chime (silent when muted), delivery. */
export interface ConsoleWiring {
  /** The console as the last action left it (not a render's snapshot). */
  now: () => ConsoleState;
  dispatch: (action: ConsoleAction) => void;
  chime: () => void;
  /** The chat on screen gets its messages confirmed as delivered. */
  confirmDelivery: (conversationId: string) => void;
}

/**
 * Wires the volunteer console's socket once: every (re)connect rebuilds the console from
 * `staff:sync` and each chat's transcript; the broadcasts keep it current and ring what needs them.
 */
export function wireConsoleEvents(socket: AppSocket, wiring: ConsoleWiring): void {
  const { now, dispatch, chime, confirmDelivery } = wiring;
  const loadHistory = async (conversationId: string) => {
    const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: 0 });
    if (ack.ok) dispatch({ type: "history", conversationId, messages: ack.data.messages });
    if (now().activeId === conversationId) confirmDelivery(conversationId);
  };
  socket.on("connect", async () => {
    dispatch({ type: "connection", online: true });
    const synced = await call(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    if (!synced.ok) return;
    dispatch({ type: "synced", state: synced.data });
    await Promise.all(synced.data.conversations.map((c) => loadHistory(c.id)));
  });
  socket.on("disconnect", () => dispatch({ type: "connection", online: false }));
  socket.on("presence:changed", (presence) => dispatch({ type: "presence", presence }));
  socket.on("queue:summarised", (queue) => {
    const before = waitingForMe(now());
    dispatch({ type: "queue", queue });
    if (waitingForMe(now()) > before && now().presence?.status === "available") chime();
  });
  socket.on("queue:offered", (p) => {
    dispatch({ type: "offered", ...p });
    chime();
  });
  socket.on("conversation:assigned", ({ staff }) => {
    if (!staff) return;
    dispatch({ type: "assigned", view: staff });
    void loadHistory(staff.id);
    chime();
  });
  socket.on("locations:changed", (p) => dispatch({ type: "locations", locations: p.locations }));
  socket.on("wrapup:due", (todo) => dispatch({ type: "wrapUpDue", todo }));
  socket.on("escalation:updated", (escalation) => dispatch({ type: "escalation", escalation }));
  // Unrouted escalations and high risk ring even when muted: nobody else has been told yet.
  socket.on("escalation:unrouted", (escalation) => {
    dispatch({ type: "escalation", escalation, unrouted: true });
    alertSound();
  });
  socket.on("risk:flagged", (p) => {
    dispatch({ type: "risk", conversationId: p.conversationId, level: p.level, at: p.at });
    if (p.level === "high") alertSound();
  });
  wireChats(socket, wiring);
}

/** The volunteer's chats: messages and their gaps, typing, delivery, notes, hand-overs and ends. */
function wireChats(socket: AppSocket, { now, dispatch, chime }: ConsoleWiring): void {
  const fillGap = gapFiller(async (conversationId) => {
    const chat = now().chats[conversationId];
    if (!chat) return;
    const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: lastContiguousSeq(chat.messages) });
    if (ack.ok) dispatch({ type: "history", conversationId, messages: ack.data.messages });
  });
  socket.on("message:received", (message) => {
    const visible = now().activeId === message.conversationId && !document.hidden;
    const gap = chatGapBefore(now(), message) !== undefined;
    // A resend is broadcast again: a message already held is not news.
    const known = now().chats[message.conversationId]?.messages.some((m) => m.id === message.id);
    dispatch({ type: "message", message, visible });
    if (gap) void fillGap(message.conversationId);
    if (known || message.sender.role !== "youth") return;
    if (visible) void call(socket, "delivery:confirm", { conversationId: message.conversationId, upToSeq: message.seq });
    else chime();
  });
  socket.on("typing:changed", (p) => dispatch({ type: "typing", ...p }));
  socket.on("delivery:confirmed", (p) => dispatch({ type: "delivered", conversationId: p.conversationId, by: p.by, upToSeq: p.upToSeq }));
  socket.on("note:updated", (p) => dispatch({ type: "note", ...p }));
  socket.on("conversation:ended", (p) => {
    const chat = now().chats[p.conversationId];
    dispatch({ type: "ended", conversationId: p.conversationId, endedBy: p.endedBy, reason: p.reason });
    // The youth left (quick exit, ended, page gone): say so, do not let the chat just vanish.
    if (chat && !chat.closed && p.endedBy !== now().staff?.role) chime();
  });
  socket.on("conversation:transferred", (p) =>
    dispatch({ type: "transferred", conversationId: p.conversationId, ...(p.reason && { reason: p.reason }), ...(p.to && { to: p.to }) }),
  );
}
