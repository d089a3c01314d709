import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { PROTOCOL_VERSION, type RequestOf } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { chime } from "../lib/alerts";
import { type AppSocket, call, openSocket, requestOn, sendWithResend } from "../lib/socket";
import { withRiskPrefix } from "./riskAttention";
import { type ConsoleAction, chatGapBefore, initialConsole, lastContiguousSeq, reduceConsole, totalUnread, waitingForMe } from "./state";
import { useDocumentHidden, useRiskAttention } from "./useRiskAttention";
import { useStaffNotifications } from "./useStaffNotifications";

const MUTE_KEY = "inloop.console.mute";

/** Connects the console state to the server: sync on every connect, broadcasts, alerts. */
export function useConsole() {
  const { t } = useI18n();
  const [state, dispatchToReact] = useReducer(reduceConsole, initialConsole);
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTE_KEY) === "1");
  const socketRef = useRef<AppSocket | undefined>(undefined);
  const [socket, setSocket] = useState<AppSocket>();
  const hidden = useDocumentHidden();
  // A high risk flag in a chat that is not on screen: red tab, title prefix, repeated alarm, announced.
  const risk = useRiskAttention(
    state.order.map((id) => {
      const chat = state.chats[id]!;
      return {
        id,
        name: chat.view.nickname ?? t("console.chat.anonymous"),
        ...(chat.risk && { risk: chat.risk }),
        onScreen: id === state.activeId && !hidden,
      };
    }),
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  /** Every action also moves the ref at once, so a broadcast right behind another sees the state it left. */
  const dispatch = useCallback((action: ConsoleAction) => {
    stateRef.current = reduceConsole(stateRef.current, action);
    dispatchToReact(action);
  }, []);
  /** Conversations with a conversation:sync in flight, and whether another gap showed meanwhile. */
  const syncing = useRef(new Map<string, { again: boolean }>());
  const mutedRef = useRef(muted);
  mutedRef.current = muted;

  /** The chat on screen gets its messages confirmed as delivered. */
  const confirmDelivery = useCallback((conversationId: string) => {
    const socket = socketRef.current;
    const chat = stateRef.current.chats[conversationId];
    const lastYouth = chat?.messages.filter((m) => m.sender.role === "youth").at(-1);
    if (socket && lastYouth) void call(socket, "delivery:confirm", { conversationId, upToSeq: lastYouth.seq });
  }, []);

  const loadHistory = useCallback(
    async (socket: AppSocket, conversationId: string) => {
      const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: 0 });
      if (ack.ok) dispatch({ type: "history", conversationId, messages: ack.data.messages });
      if (stateRef.current.activeId === conversationId) confirmDelivery(conversationId);
    },
    [confirmDelivery],
  );

  /** A gap in a chat's seqs: fetch everything after what is held (PROTOCOL.md §5.2). */
  const fillGap = useCallback(
    async (socket: AppSocket, conversationId: string) => {
      const running = syncing.current.get(conversationId);
      if (running) {
        running.again = true;
        return;
      }
      const mark = { again: false };
      syncing.current.set(conversationId, mark);
      try {
        for (let round = 0; round < 5; round++) {
          const chat = stateRef.current.chats[conversationId];
          if (!chat) return;
          const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: lastContiguousSeq(chat.messages) });
          if (ack.ok) dispatch({ type: "history", conversationId, messages: ack.data.messages });
          if (!mark.again) return;
          mark.again = false;
        }
      } finally {
        syncing.current.delete(conversationId);
      }
    },
    [dispatch],
  );

  useEffect(() => {
    const socket = openSocket();
    socketRef.current = socket;
    setSocket(socket);
    socket.on("connect", async () => {
      dispatch({ type: "connection", online: true });
      const synced = await call(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
      if (!synced.ok) return;
      dispatch({ type: "synced", state: synced.data });
      await Promise.all(synced.data.conversations.map((c) => loadHistory(socket, c.id)));
    });
    socket.on("disconnect", () => dispatch({ type: "connection", online: false }));
    socket.on("presence:changed", (presence) => dispatch({ type: "presence", presence }));
    socket.on("queue:summarised", (queue) => {
      const before = waitingForMe(stateRef.current);
      dispatch({ type: "queue", queue });
      const after = waitingForMe({ ...stateRef.current, queue });
      if (after > before && stateRef.current.presence?.status === "available" && !mutedRef.current) chime();
    });
    socket.on("queue:offered", (p) => {
      dispatch({ type: "offered", ...p });
      if (!mutedRef.current) chime();
    });
    socket.on("conversation:assigned", ({ staff }) => {
      if (!staff) return;
      dispatch({ type: "assigned", view: staff });
      void loadHistory(socket, staff.id);
      if (!mutedRef.current) chime();
    });
    socket.on("message:received", (message) => {
      const visible = stateRef.current.activeId === message.conversationId && !document.hidden;
      const gap = chatGapBefore(stateRef.current, message) !== undefined;
      // A resend is broadcast again: a message already held is not news.
      const known = stateRef.current.chats[message.conversationId]?.messages.some((m) => m.id === message.id);
      dispatch({ type: "message", message, visible });
      if (gap) void fillGap(socket, message.conversationId);
      if (known || message.sender.role !== "youth") return;
      if (visible) void call(socket, "delivery:confirm", { conversationId: message.conversationId, upToSeq: message.seq });
      else if (!mutedRef.current) chime();
    });
    socket.on("typing:changed", (p) => dispatch({ type: "typing", ...p }));
    socket.on("delivery:confirmed", (p) => dispatch({ type: "delivered", conversationId: p.conversationId, by: p.by, upToSeq: p.upToSeq }));
    socket.on("note:updated", (p) => dispatch({ type: "note", ...p }));
    socket.on("locations:changed", (p) => dispatch({ type: "locations", locations: p.locations }));
    socket.on("conversation:ended", (p) => {
      const chat = stateRef.current.chats[p.conversationId];
      dispatch({ type: "ended", conversationId: p.conversationId, endedBy: p.endedBy, reason: p.reason });
      // The youth left (quick exit, ended, page gone): say so, do not let the chat just vanish.
      if (chat && !chat.closed && p.endedBy !== stateRef.current.staff?.role && !mutedRef.current) chime();
    });
    socket.on("conversation:transferred", (p) =>
      dispatch({ type: "transferred", conversationId: p.conversationId, ...(p.reason && { reason: p.reason }), ...(p.to && { to: p.to }) }),
    );
    socket.on("wrapup:due", (todo) => dispatch({ type: "wrapUpDue", todo }));
    socket.on("escalation:updated", (escalation) => dispatch({ type: "escalation", escalation }));
    socket.on("escalation:unrouted", (escalation) => {
      dispatch({ type: "escalation", escalation, unrouted: true });
      chime();
    });
    socket.on("risk:flagged", (p) => {
      dispatch({ type: "risk", conversationId: p.conversationId, level: p.level, at: p.at });
      if (p.level === "high") chime();
    });
    return () => {
      socket.disconnect();
    };
  }, [loadHistory, fillGap, dispatch]);

  // The tab title says what needs attention when the volunteer is looking elsewhere.
  useEffect(() => {
    const unread = totalUnread(state);
    const waiting = state.presence?.status === "available" ? waitingForMe(state) : 0;
    const title =
      unread > 0 ? t("console.alert.unread", { n: unread }) : waiting > 0 ? t("console.alert.waiting", { n: waiting }) : t("console.title");
    document.title = withRiskPrefix(title, t("reach.risk.prefix"), risk.titlePrefix);
  }, [state, t, risk.titlePrefix]);

  useStaffNotifications(socket, {
    role: "volunteer",
    ...(state.staff && { staffId: state.staff.id, locationId: state.staff.locationId }),
    available: () => stateRef.current.presence?.status === "available",
  });

  useEffect(() => {
    const onVisible = () => {
      if (!document.hidden && stateRef.current.activeId) {
        dispatch({ type: "focus", conversationId: stateRef.current.activeId });
        confirmDelivery(stateRef.current.activeId);
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [confirmDelivery]);

  /** Any request; the caller decides what to do with a refusal. */
  const request = useMemo(() => requestOn(() => socketRef.current), []);

  const actions = {
    request,
    /** A message or whisper, resent with the same id until the server answers (PROTOCOL.md §5.1). */
    send: <E extends "message:send" | "whisper:send">(event: E, payload: RequestOf<E>) =>
      sendWithResend(() => socketRef.current, event, payload),
    focus(conversationId: string) {
      dispatch({ type: "focus", conversationId });
      confirmDelivery(conversationId);
    },
    async refreshColleagues() {
      const ack = await request("presence:list", {});
      if (ack.ok) dispatch({ type: "colleagues", colleagues: ack.data });
    },
    /** Shows the new status at once; the server's answer (or refusal) settles it. */
    async setPresence(change: RequestOf<"presence:set">) {
      const before = stateRef.current.presence;
      if (before) dispatch({ type: "presence", presence: { ...before, ...change } });
      const ack = await request("presence:set", change);
      if (ack.ok) dispatch({ type: "presence", presence: ack.data });
      else if (before) dispatch({ type: "presence", presence: before });
    },
    async escalate(conversationId: string, level: "consult" | "urgent" | "crisis", note?: string) {
      const ack = await request("escalation:raise", { conversationId, level, ...(note && { note }) });
      if (ack.ok) {
        dispatch({ type: "escalation", escalation: ack.data.escalation, unrouted: ack.data.unrouted });
        dispatch({ type: "dismissRisk", conversationId });
      }
      return ack;
    },
    dismissRisk: (conversationId: string) => dispatch({ type: "dismissRisk", conversationId }),
    closeProtocol: (conversationId: string) => dispatch({ type: "closeProtocol", conversationId }),
    wrapUpFiled: (conversationId: string) => dispatch({ type: "wrapUpFiled", conversationId }),
    /** Closes a chat that ended or was taken over. */
    dismiss: (conversationId: string) => dispatch({ type: "dismiss", conversationId }),
    toggleMute() {
      const next = !mutedRef.current;
      localStorage.setItem(MUTE_KEY, next ? "1" : "0");
      setMuted(next);
    },
  };
  return { state, actions, muted, risk, socket };
}
