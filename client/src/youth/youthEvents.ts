import { PROTOCOL_VERSION } from "../../../shared/protocol";
import type { useI18n } from "../i18n/i18n";
import { chime } from "../lib/alerts";
import { type AppSocket, call } from "../lib/socket";
import { contiguousSeq, gapBefore } from "./chatMessages";
import { tabStore } from "./storage";
import type { YouthRuntime, YouthSession } from "./youthSession";

/** What the handlers need besides the store: the session, and the words of the page's language now. */
export interface YouthWiring extends Pick<YouthRuntime, "now" | "dispatch"> {
  session: YouthSession;
  /** Read at each use: the hidden-tab title follows a language switch made after the wiring. */
  translate: () => ReturnType<typeof useI18n>["t"];
}

/**
 * Wires the youth page's socket once: on every connect the session is resumed (then the outbox
 * flushed) and the service status asked; the broadcasts drive the page. Returns what unwires the
 * hidden-tab title.
 */
export function wireYouthEvents(socket: AppSocket, wiring: YouthWiring): () => void {
  const { dispatch, session } = wiring;
  socket.on("connect", () => void onConnect(socket, wiring));
  socket.on("disconnect", () => {
    session.identified = false;
    dispatch({ type: "connection", online: false });
  });
  socket.on("queue:updated", (p) => dispatch({ type: "queueUpdated", ...p }));
  // A coordinator changed opening hours: the start and closed pages follow at once.
  socket.on("service:changed", (status) => dispatch({ type: "status", status }));
  socket.on("conversation:assigned", (p) => p.youth && dispatch({ type: "assigned", conversation: p.youth }));
  socket.on("conversation:transferring", (p) => dispatch({ type: "transferring", ...p }));
  socket.on("professional:joined", (p) => dispatch({ type: "professionalJoined", conversationId: p.conversationId }));
  socket.on("typing:changed", (p) => dispatch({ type: "typing", role: p.role, typing: p.typing }));
  socket.on("delivery:confirmed", (p) => dispatch({ type: "delivered", by: p.by, upToSeq: p.upToSeq }));
  socket.on("conversation:ended", (p) => {
    dispatch({ type: "ended", conversationId: p.conversationId, endedBy: p.endedBy });
    // Blocked: the blocked page at once, never the end page with its return code.
    if (p.reason === "blocked" && p.conversationId === wiring.now().conversation?.id) dispatch({ type: "notice", notice: "blocked" });
  });
  return wireMessages(socket, wiring);
}

/** Binds this connection to the tab's session (resume first: until then nothing else may be sent). */
async function onConnect(socket: AppSocket, wiring: YouthWiring): Promise<void> {
  const { now, dispatch, session } = wiring;
  session.identified = false;
  dispatch({ type: "connection", online: true });
  const token = tabStore.token();
  if (token) {
    const resumed = await call(socket, "session:resume", {
      protocolVersion: PROTOCOL_VERSION,
      token,
      afterSeq: Math.max(now().cursor, contiguousSeq(now().messages)),
    });
    if (resumed.ok) {
      session.identified = true;
      const closedHere = resumed.data.state.conversation?.id === tabStore.closed();
      dispatch({ type: "resumed", state: resumed.data.state, missed: resumed.data.missed, closedHere });
      void session.flush();
    } else if (resumed.code === "SESSION_UNKNOWN") {
      tabStore.clearToken();
      dispatch({ type: "sessionLost" });
    } else if (resumed.code === "PROTOCOL_OUTDATED" || resumed.code === "BLOCKED") {
      dispatch({ type: "notice", notice: resumed.code === "BLOCKED" ? "blocked" : "reload" });
    } else if (resumed.code === "UNAVAILABLE" || resumed.code === "INTERNAL") {
      // The server is up but could not reach its store: resume again shortly, on this same connection.
      setTimeout(() => {
        if (socket.connected && !session.identified) void onConnect(socket, wiring);
      }, 2000);
    }
  }
  await session.refreshStatus(socket);
}

/** Messages from staff: confirmed as delivered, a gap filled, and told in the title while the tab is hidden. */
function wireMessages(socket: AppSocket, { now, dispatch, session, translate }: YouthWiring): () => void {
  let unread = 0;
  const baseTitle = document.title;
  socket.on("message:received", (message) => {
    const gap = gapBefore(now(), message) !== undefined;
    // A resend is broadcast again: a message already held is not news.
    const known = now().messages.some((m) => m.id === message.id);
    dispatch({ type: "messageReceived", message });
    if (gap) void session.fillGap(message.conversationId);
    if (known || message.sender.role === "youth") return;
    void call(socket, "delivery:confirm", { conversationId: message.conversationId, upToSeq: message.seq });
    if (document.hidden) {
      unread += 1;
      document.title = translate()("chat.newMessageTitle", { n: unread });
      // Silent unless the youth turned sound on: a chime can give them away at home.
      if (tabStore.sound()) chime();
      navigator.vibrate?.(200);
    }
  });
  const onVisible = () => {
    if (document.hidden) return;
    unread = 0;
    document.title = baseTitle;
  };
  document.addEventListener("visibilitychange", onVisible);
  return () => document.removeEventListener("visibilitychange", onVisible);
}
