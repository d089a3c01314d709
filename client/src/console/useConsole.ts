import { useCallback, useEffect } from "react";
import { PROTOCOL_VERSION, type RequestOf } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { chime as alertSound } from "../lib/alerts";
import { call } from "../lib/socket";
import { gapFiller, useConnection, useWorkplace } from "../lib/workplace";
import { lastContiguousSeq } from "./chatState";
import { withRiskPrefix } from "./riskAttention";
import { chatGapBefore, initialConsole, reduceConsole, totalUnread, waitingForMe } from "./state";
import { useMuted } from "./useMuted";
import { useDocumentHidden, useRiskAttention } from "./useRiskAttention";
import { useStaffNotifications } from "./useStaffNotifications";

/** Connects the console state to the server: sync on every connect, broadcasts, alerts. */
export function useConsole() {
  const { t } = useI18n();
  const [state, store] = useWorkplace(reduceConsole, () => initialConsole);
  const { getState: now, dispatch } = store;
  const { muted, toggle: toggleMute, mutedNow } = useMuted();
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
  const chime = () => {
    if (!mutedNow()) alertSound();
  };

  const { socket, request, send } = useConnection((socket) => {
    const loadHistory = async (conversationId: string) => {
      const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: 0 });
      if (ack.ok) dispatch({ type: "history", conversationId, messages: ack.data.messages });
      if (now().activeId === conversationId) confirmDelivery(conversationId);
    };
    const fillGap = gapFiller(async (conversationId) => {
      const chat = now().chats[conversationId];
      if (!chat) return;
      const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: lastContiguousSeq(chat.messages) });
      if (ack.ok) dispatch({ type: "history", conversationId, messages: ack.data.messages });
    });
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
    socket.on("locations:changed", (p) => dispatch({ type: "locations", locations: p.locations }));
    socket.on("conversation:ended", (p) => {
      const chat = now().chats[p.conversationId];
      dispatch({ type: "ended", conversationId: p.conversationId, endedBy: p.endedBy, reason: p.reason });
      // The youth left (quick exit, ended, page gone): say so, do not let the chat just vanish.
      if (chat && !chat.closed && p.endedBy !== now().staff?.role) chime();
    });
    socket.on("conversation:transferred", (p) =>
      dispatch({ type: "transferred", conversationId: p.conversationId, ...(p.reason && { reason: p.reason }), ...(p.to && { to: p.to }) }),
    );
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
    return undefined;
  });

  /** The chat on screen gets its messages confirmed as delivered. */
  const confirmDelivery = useCallback(
    (conversationId: string) => {
      const lastYouth = now()
        .chats[conversationId]?.messages.filter((m) => m.sender.role === "youth")
        .at(-1);
      if (lastYouth) void request("delivery:confirm", { conversationId, upToSeq: lastYouth.seq });
    },
    [now, request],
  );

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
    available: () => now().presence?.status === "available",
  });

  useEffect(() => {
    const onVisible = () => {
      const active = now().activeId;
      if (!document.hidden && active) {
        dispatch({ type: "focus", conversationId: active });
        confirmDelivery(active);
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [confirmDelivery, dispatch, now]);

  const actions = {
    /** Any request; the caller decides what to do with a refusal. */
    request,
    send,
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
      const before = now().presence;
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
    toggleMute,
  };
  return { state, actions, muted, risk, socket };
}
