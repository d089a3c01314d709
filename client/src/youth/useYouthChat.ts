import { useCallback, useEffect, useRef, useState } from "react";
import { type Ack, type AgeBand, PROTOCOL_VERSION, type ReturnCodeCheckView, type Topic } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { chime } from "../lib/alerts";
import { type AppSocket, call } from "../lib/socket";
import { gapFiller, useConnection, useWorkplace } from "../lib/workplace";
import { contiguousSeq, gapBefore, initialModel, type PendingMessage, reduce } from "./machine";
import { flushOutbox } from "./outbox";
import { browserStore, tabStore } from "./storage";

export interface JoinForm {
  locationChoice: string;
  nickname?: string;
  ageBand?: AgeBand;
  topic?: Topic;
  /** A return code checked on the start page, with the youth's answer about the note. */
  returnCode?: { code: string; shareNote: boolean; check: ReturnCodeCheckView };
}

/** How a start attempt ended; a refused return code is the youth's to correct, so it is told apart. */
export type JoinOutcome = "joined" | "returnCodeUnknown" | "returnCodeSlowDown" | "failed";

/** Connects the pure page model to the server: session, resume, outbox, broadcasts, alerts. */
export function useYouthChat() {
  const { t, lang } = useI18n();
  const [model, store] = useWorkplace(reduce, () => initialModel(tabStore.outbox()));
  const { getState: now, dispatch } = store;
  // What the youth is typing survives the step change from waiting to chatting, and a reload.
  const [draft, setDraftState] = useState(() => tabStore.draft());
  const setDraft = useCallback((text: string) => {
    setDraftState(text);
    tabStore.setDraft(text);
  }, []);
  const unread = useRef(0);
  const inFlight = useRef(new Set<string>());
  /** True once this connection is bound to the session (resumed or opened): only then may messages go. */
  const identified = useRef(false);
  const baseTitle = useRef(document.title);

  // The hidden-tab title follows a language switch made after the handlers were wired.
  const translate = useRef(t);
  translate.current = t;
  // Wired once: the handlers read the store (`now()`) and call the helpers below, which do the same.
  const { current, request } = useConnection((socket) => {
    const onConnect = async () => {
      identified.current = false;
      dispatch({ type: "connection", online: true });
      // Resume first: until the connection is bound to the session, nothing else may be sent.
      const token = tabStore.token();
      if (token) {
        const resumed = await call(socket, "session:resume", {
          protocolVersion: PROTOCOL_VERSION,
          token,
          afterSeq: Math.max(now().cursor, contiguousSeq(now().messages)),
        });

        if (resumed.ok) {
          identified.current = true;
          const closedHere = resumed.data.state.conversation?.id === tabStore.closed();
          dispatch({ type: "resumed", state: resumed.data.state, missed: resumed.data.missed, closedHere });
          void flush();
        } else if (resumed.code === "SESSION_UNKNOWN") {
          tabStore.clearToken();
          dispatch({ type: "sessionLost" });
        } else if (resumed.code === "PROTOCOL_OUTDATED" || resumed.code === "BLOCKED") {
          dispatch({ type: "notice", notice: resumed.code === "BLOCKED" ? "blocked" : "reload" });
        } else if (resumed.code === "UNAVAILABLE" || resumed.code === "INTERNAL") {
          // The server is up but could not reach its store: resume again shortly, on this same connection.
          setTimeout(() => {
            if (socket.connected && !identified.current) void onConnect();
          }, 2000);
        }
      }
      const status = await call(socket, "service:status", {});
      if (status.ok) dispatch({ type: "status", status: status.data });
    };
    socket.on("connect", () => void onConnect());
    socket.on("disconnect", () => {
      identified.current = false;
      dispatch({ type: "connection", online: false });
    });
    socket.on("queue:updated", (p) => dispatch({ type: "queueUpdated", ...p }));
    // A coordinator changed opening hours: the start and closed pages follow at once.
    socket.on("service:changed", (status) => dispatch({ type: "status", status }));
    socket.on("conversation:assigned", (p) => p.youth && dispatch({ type: "assigned", conversation: p.youth }));
    socket.on("conversation:transferring", (p) => dispatch({ type: "transferring", ...p }));
    socket.on("professional:joined", (p) => dispatch({ type: "professionalJoined", conversationId: p.conversationId }));
    socket.on("message:received", (message) => {
      const gap = gapBefore(now(), message) !== undefined;
      // A resend is broadcast again: a message already held is not news.
      const known = now().messages.some((m) => m.id === message.id);
      dispatch({ type: "messageReceived", message });
      if (gap) void fillGap(message.conversationId);
      if (known || message.sender.role === "youth") return;
      void call(socket, "delivery:confirm", { conversationId: message.conversationId, upToSeq: message.seq });
      if (document.hidden) {
        unread.current += 1;
        document.title = translate.current("chat.newMessageTitle", { n: unread.current });
        // Silent unless the youth turned sound on: a chime can give them away at home.
        if (tabStore.sound()) chime();
        navigator.vibrate?.(200);
      }
    });
    socket.on("typing:changed", (p) => dispatch({ type: "typing", role: p.role, typing: p.typing }));
    socket.on("delivery:confirmed", (p) => dispatch({ type: "delivered", by: p.by, upToSeq: p.upToSeq }));
    socket.on("conversation:ended", (p) => {
      dispatch({ type: "ended", conversationId: p.conversationId, endedBy: p.endedBy });
      // Blocked: the blocked page at once, never the end page with its return code.
      if (p.reason === "blocked" && p.conversationId === now().conversation?.id) dispatch({ type: "notice", notice: "blocked" });
    });

    const onVisible = () => {
      if (document.hidden) return;
      unread.current = 0;
      document.title = baseTitle.current;
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  });

  useEffect(() => {
    tabStore.setOutbox(model.pending);
  }, [model.pending]);

  /** Resends what the server has not acknowledged, oldest first, with the same ids. */
  const flush = useCallback(async () => {
    const socket = current();
    if (!socket || !identified.current) return;
    const outcome = await flushOutbox(
      now().pending,
      (p) => call(socket, "message:send", { conversationId: p.conversationId, id: p.id, text: p.text }),
      inFlight.current,
      { acked: (id) => dispatch({ type: "messageAcked", id }), failed: (id) => dispatch({ type: "messageFailed", id }) },
    );
    if (outcome.kind === "slowDown") dispatch({ type: "notice", notice: "slowDown" });
    // "offline" while still connected means the server could not store it (Redis away): keep it and try again soon.
    const storeAway = outcome.kind === "offline" && socket.connected;
    if (outcome.kind === "slowDown" || outcome.kind === "retry" || storeAway) setTimeout(() => void flush(), 3000);
  }, [current, now, dispatch]);

  /**
   * A gap in the seqs: something was stored that never reached this page (its broadcast was lost
   * with a server process). Everything after the cursor comes from the store (PROTOCOL.md §5.2).
   */
  const [fillGap] = useState(() =>
    gapFiller(async (conversationId) => {
      const socket = current();
      if (!socket || !identified.current || now().conversation?.id !== conversationId) return;
      const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: now().cursor });
      if (!ack.ok) return; // offline: the resume after reconnecting asks for the same messages
      const view = ack.data.conversation;
      const staffDeliveredSeq = "staffDeliveredSeq" in view ? view.staffDeliveredSeq : 0;
      dispatch({ type: "synced", conversationId, messages: ack.data.messages, lastSeq: view.lastSeq, staffDeliveredSeq });
    }),
  );

  // The start and closed pages follow opening and closing time without a reload, and a youth who
  // waits is told at once when the chat closes: checked every minute and at the next change.
  useEffect(() => {
    if (model.phase !== "intro" && model.phase !== "closed" && model.phase !== "waiting") return;
    const refresh = async () => {
      const socket = current();
      if (!socket) return;
      const status = await call(socket, "service:status", {});
      if (status.ok) dispatch({ type: "status", status: status.data });
    };
    const timer = setInterval(() => void refresh(), 60_000);
    const changes = (model.status?.locations ?? [])
      .map((l) => l.nextChangeAt)
      .filter((at): at is number => at !== undefined && at > Date.now());
    const next = changes.length ? Math.min(...changes) - Date.now() + 1000 : undefined;
    const atChange = next !== undefined && next < 2 ** 31 - 1 ? setTimeout(() => void refresh(), next) : undefined;
    return () => {
      clearInterval(timer);
      clearTimeout(atChange);
    };
  }, [model.phase, model.status, current, dispatch]);

  const ensureSession = useCallback(
    async (socket: AppSocket) => {
      if (tabStore.token()) return identified.current;
      const opened = await call(socket, "session:open", { protocolVersion: PROTOCOL_VERSION, deviceId: browserStore.deviceId() });
      if (!opened.ok) {
        dispatch({
          type: "notice",
          notice: opened.code === "PROTOCOL_OUTDATED" ? "reload" : opened.code === "BLOCKED" ? "blocked" : "generic",
        });
        return false;
      }
      tabStore.setToken(opened.data.token);
      identified.current = true;
      return true;
    },
    [dispatch],
  );

  const actions = {
    /** Any request on the youth's socket (the turn notice opt-in); refused when offline. */
    request,
    async join(form: JoinForm): Promise<JoinOutcome> {
      const socket = current();
      if (!socket || !(await ensureSession(socket))) return "failed";
      const back = form.returnCode;
      const ack = await call(socket, "queue:join", {
        locationChoice: form.locationChoice,
        ...(form.nickname?.trim() && { nickname: form.nickname.trim() }),
        ...(form.ageBand && { ageBand: form.ageBand }),
        ...(form.topic && { topic: form.topic }),
        ...(back && { returnCode: back.code, shareNote: back.shareNote }),
        lang,
      });
      if (ack.ok) {
        const returning = back && { name: back.check.volunteer.name, availability: back.check.availability };
        dispatch({ type: "joined", ...ack.data, ...(returning && { returning }) });
        return "joined";
      }
      if (ack.code === "RETURN_CODE_UNKNOWN") return "returnCodeUnknown";
      if (ack.code === "RATE_LIMITED" && back) return "returnCodeSlowDown";
      if (ack.code === "CLOSED") {
        // It closed while they filled in the form: show the closed page with the lines that are open.
        const status = await call(socket, "service:status", {});
        if (status.ok) dispatch({ type: "status", status: status.data });
      } else dispatch({ type: "notice", notice: ack.code === "BLOCKED" ? "blocked" : "generic" });
      return "failed";
    },
    /** Who a return code leads to, and whether they are here; opens the anonymous session if needed. */
    async checkReturnCode(code: string): Promise<Ack<ReturnCodeCheckView> | undefined> {
      const socket = current();
      if (!socket || !(await ensureSession(socket))) return undefined;
      return call(socket, "returnCode:check", { code });
    },
    /** Forgets a code on the server: it and the note it carries are gone at once. */
    async forgetReturnCode(code: string): Promise<boolean> {
      const socket = current();
      if (!socket || !(await ensureSession(socket))) return false;
      const ack = await call(socket, "returnCode:forget", { code });
      // Unknown means it is already gone: for the youth, that is forgotten too.
      const gone = ack.ok || ack.code === "RETURN_CODE_UNKNOWN";
      const shown = now().returnCode;
      if (gone && shown?.state === "shown" && shown.code === code) dispatch({ type: "returnCodeForgotten" });
      return gone;
    },
    /** A code for the chat that just ended, shown once. */
    async takeReturnCode(): Promise<boolean> {
      const socket = current();
      const conversation = now().conversation;
      if (!socket || !conversation) return false;
      const ack = await call(socket, "returnCode:take", { conversationId: conversation.id });
      if (ack.ok) dispatch({ type: "returnCodeTaken", ...ack.data });
      return ack.ok;
    },
    async leave() {
      const socket = current();
      if (!socket) return;
      const ack = await call(socket, "queue:leave", {});
      if (ack.ok || ack.code === "NOT_QUEUED") dispatch({ type: "leftQueue" });
    },
    send(text: string) {
      const conversation = now().conversation;
      if (!conversation) return;
      const message: PendingMessage = { id: crypto.randomUUID(), conversationId: conversation.id, text };
      dispatch({ type: "messageQueued", message });
      void flush();
    },
    /** A message refused for good (e.g. the chat had ended) may be tried again by hand. */
    retry(id: string) {
      dispatch({ type: "messageRetry", id });
      void flush();
    },
    typing(typing: boolean) {
      const socket = current();
      const conversation = now().conversation;
      if (socket && conversation?.status === "active") void call(socket, "typing:set", { conversationId: conversation.id, typing });
    },
    async end() {
      const socket = current();
      const conversation = now().conversation;
      if (!socket || !conversation) return;
      const ack = await call(socket, "conversation:end", { conversationId: conversation.id });
      if (ack.ok || ack.code === "CONVERSATION_ENDED") dispatch({ type: "ended", conversationId: conversation.id, endedBy: "youth" });
    },
    async feedback(answers: { helped?: number; wouldReturn?: "yes" | "maybe" | "no" }) {
      const socket = current();
      const conversation = now().conversation;
      if (socket && conversation && (answers.helped || answers.wouldReturn)) {
        await call(socket, "feedback:give", { conversationId: conversation.id, ...answers });
      }
      dispatch({ type: "feedbackDone" });
      // Remembered for the tab, so a reload starts fresh instead of asking again.
      if (conversation) tabStore.setClosed(conversation.id);
    },
    restart: () => dispatch({ type: "restart" }),
    /** Quick exit: tell the server (it survives the page leaving), then drop the connection. */
    leaveNow() {
      const token = tabStore.token();
      if (token) {
        void fetch("/api/youth/quick-exit", {
          method: "POST",
          keepalive: true,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token }),
        }).catch(() => undefined);
      }
      current()?.disconnect();
    },
  };
  return { model, actions, draft, setDraft };
}
