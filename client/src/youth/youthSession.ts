import { PROTOCOL_VERSION } from "../../../shared/protocol";
import { type AppSocket, call } from "../lib/socket";
import { gapFiller } from "../lib/workplace";
import type { YouthAction, YouthModel } from "./machine";
import { flushOutbox } from "./outbox";
import { browserStore, tabStore } from "./storage";

/** What the youth page's handlers and actions work with: the store and the page's socket. */
export interface YouthRuntime {
  /** The page model as the last action left it (not a render's snapshot). */
  now: () => YouthModel;
  dispatch: (action: YouthAction) => void;
  /** The page's socket right now; undefined before it opens. */
  current: () => AppSocket | undefined;
}

/** The anonymous session of this tab on the current connection, and what goes over it. */
export interface YouthSession {
  /** True once this connection is bound to the session (resumed or opened): only then may messages go. */
  identified: boolean;
  /** Resends what the server has not acknowledged, oldest first, with the same ids. */
  flush(): Promise<void>;
  /**
   * A gap in the seqs: something was stored that never reached this page (its broadcast was lost
   * with a server process). Everything after the cursor comes from the store (PROTOCOL.md §5.2).
   */
  fillGap(conversationId: string): Promise<void>;
  /** Opens the anonymous session unless the tab has one; says whether this connection may send. */
  ensureSession(socket: AppSocket): Promise<boolean>;
  /** Asks which locations are open now. */
  refreshStatus(socket: AppSocket): Promise<void>;
}

/** The session of one youth page; made once per page. */
export function youthSession({ now, dispatch, current }: YouthRuntime): YouthSession {
  const inFlight = new Set<string>();
  const session: YouthSession = {
    identified: false,
    async flush() {
      const socket = current();
      if (!socket || !session.identified) return;
      const outcome = await flushOutbox(
        now().pending,
        (p) => call(socket, "message:send", { conversationId: p.conversationId, id: p.id, text: p.text }),
        inFlight,
        { acked: (id) => dispatch({ type: "messageAcked", id }), failed: (id) => dispatch({ type: "messageFailed", id }) },
      );
      if (outcome.kind === "slowDown") dispatch({ type: "notice", notice: "slowDown" });
      // "offline" while still connected means the server could not store it (Redis away): keep it and try again soon.
      const storeAway = outcome.kind === "offline" && socket.connected;
      if (outcome.kind === "slowDown" || outcome.kind === "retry" || storeAway) setTimeout(() => void session.flush(), 3000);
    },
    fillGap: gapFiller(async (conversationId) => {
      const socket = current();
      if (!socket || !session.identified || now().conversation?.id !== conversationId) return;
      const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: now().cursor });
      if (!ack.ok) return; // offline: the resume after reconnecting asks for the same messages
      const view = ack.data.conversation;
      const staffDeliveredSeq = "staffDeliveredSeq" in view ? view.staffDeliveredSeq : 0;
      dispatch({ type: "synced", conversationId, messages: ack.data.messages, lastSeq: view.lastSeq, staffDeliveredSeq });
    }),
    async ensureSession(socket) {
      if (tabStore.token()) return session.identified;
      const opened = await call(socket, "session:open", { protocolVersion: PROTOCOL_VERSION, deviceId: browserStore.deviceId() });
      if (!opened.ok) {
        dispatch({
          type: "notice",
          notice: opened.code === "PROTOCOL_OUTDATED" ? "reload" : opened.code === "BLOCKED" ? "blocked" : "generic",
        });
        return false;
      }
      tabStore.setToken(opened.data.token);
      session.identified = true;
      return true;
    },
    async refreshStatus(socket) {
      const status = await call(socket, "service:status", {});
      if (status.ok) dispatch({ type: "status", status: status.data });
    },
  };
  return session;
}
