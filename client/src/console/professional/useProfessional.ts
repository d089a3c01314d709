import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { type EscalationLevel, PROTOCOL_VERSION, type RequestOf } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { chime } from "../../lib/alerts";
import { type AppSocket, call, openSocket, requestOn, sendWithResend } from "../../lib/socket";
import { withRiskPrefix } from "../riskAttention";
import { useDocumentHidden, useRiskAttention } from "../useRiskAttention";
import { heldUpTo, initialProfessional, professionalGapBefore, reduceProfessional, titleOf } from "./state";

const LIVE_REFRESH_MS = 10_000;
/** Several broadcasts in a row (queue changes, flags) cause one refresh of the workplace. */
const REFRESH_DEBOUNCE_MS = 300;
const MUTE_KEY = "inloop.console.mute";

/**
 * The professional's side: connects the workplace reducer to the server. Every (re)connect rebuilds
 * it from `staff:sync` (held chats, wrap-ups, duty) and `professional:state` (inbox, live chats,
 * followed chats, queue), so a reload loses nothing.
 */
export function useProfessional() {
  const { t } = useI18n();
  const [state, dispatch] = useReducer(reduceProfessional, initialProfessional);
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTE_KEY) === "1");
  const socketRef = useRef<AppSocket | undefined>(undefined);
  const [socket, setSocket] = useState<AppSocket>();
  const hidden = useDocumentHidden();
  // A high risk flag in one of her chats that is not on screen: the same signals as the volunteer's console.
  const risk = useRiskAttention(
    state.held.order.map((id) => {
      const chat = state.held.chats[id]!;
      return {
        id,
        name: chat.view.nickname ?? t("console.chat.anonymous"),
        ...(chat.risk && { risk: chat.risk }),
        onScreen: !state.watchId && id === state.held.activeId && !hidden,
      };
    }),
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  const mutedRef = useRef(muted);
  mutedRef.current = muted;
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const request = useMemo(() => requestOn(() => socketRef.current), []);

  /** A held chat is on screen when it is the active tab, no followed chat covers it, and the page is visible. */
  const heldOnScreen = useCallback((conversationId: string) => {
    const s = stateRef.current;
    return s.held.activeId === conversationId && !s.watchId && !document.hidden;
  }, []);

  const confirmDelivery = useCallback(
    (conversationId: string) => {
      const chat = stateRef.current.held.chats[conversationId];
      const lastYouth = chat?.messages.filter((m) => m.sender.role === "youth").at(-1);
      if (lastYouth && !chat?.closed) void request("delivery:confirm", { conversationId, upToSeq: lastYouth.seq });
    },
    [request],
  );

  /** Loads a held chat's transcript (messages and staff-only lines). */
  const loadHeld = useCallback(
    async (conversationId: string) => {
      const ack = await request("conversation:sync", { conversationId, afterSeq: 0 });
      if (!ack.ok) return ack;
      dispatch({ type: "held", action: { type: "history", conversationId, messages: ack.data.messages } });
      if (heldOnScreen(conversationId)) confirmDelivery(conversationId);
      return ack;
    },
    [request, heldOnScreen, confirmDelivery],
  );

  /** Inbox, live chats, queue, followed chats: from the server, never patched up on the client. */
  const refresh = useCallback(async () => {
    const ack = await request("professional:state", {});
    if (!ack.ok) return;
    dispatch({ type: "state", state: ack.data });
    const me = stateRef.current.held.staff?.id;
    for (const id of ack.data.watching) {
      if (stateRef.current.watched[id] || stateRef.current.held.chats[id]) continue;
      const watched = await request("conversation:watch", { conversationId: id });
      if (watched.ok) dispatch({ type: "watched", ...watched.data, joined: watched.data.conversation.professionalId === me, show: false });
    }
  }, [request]);

  const refreshSoon = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = undefined;
      void refresh();
    }, REFRESH_DEBOUNCE_MS);
  }, [refresh]);

  /** Chats with a conversation:sync in flight, and whether another gap showed meanwhile. */
  const syncing = useRef(new Map<string, { again: boolean }>());
  /** A gap in a held or followed chat's seqs: fetch everything after what is held (PROTOCOL.md §5.2). */
  const fillGap = useCallback(async (socket: AppSocket, conversationId: string) => {
    const running = syncing.current.get(conversationId);
    if (running) {
      running.again = true;
      return;
    }
    const mark = { again: false };
    syncing.current.set(conversationId, mark);
    try {
      for (let round = 0; round < 5; round++) {
        const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: heldUpTo(stateRef.current, conversationId) });
        if (ack.ok) {
          if (stateRef.current.held.chats[conversationId])
            dispatch({ type: "held", action: { type: "history", conversationId, messages: ack.data.messages } });
          else dispatch({ type: "watchedHistory", conversationId, messages: ack.data.messages });
        }
        if (!mark.again) return;
        mark.again = false;
        // Let the answer reach the state before the next round reads where it stands.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      syncing.current.delete(conversationId);
    }
  }, []);

  useEffect(() => {
    const socket = openSocket();
    socketRef.current = socket;
    setSocket(socket);
    const signal = () => {
      if (!mutedRef.current) chime();
    };
    socket.on("connect", async () => {
      dispatch({ type: "connection", online: true });
      const synced = await call(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
      if (!synced.ok) return;
      dispatch({ type: "synced", state: synced.data });
      await Promise.all(synced.data.conversations.map((c) => loadHeld(c.id)));
      // Followed chats open before the reload are read again (the server put us back in their rooms).
      const me = synced.data.staff.id;
      for (const w of Object.values(stateRef.current.watched)) {
        const again = await call(socket, "conversation:watch", { conversationId: w.conversation.id });
        if (again.ok) dispatch({ type: "watched", ...again.data, joined: again.data.conversation.professionalId === me, show: false });
      }
      await refresh();
    });
    socket.on("disconnect", () => dispatch({ type: "connection", online: false }));
    socket.on("escalation:updated", (escalation) => dispatch({ type: "escalation", escalation }));
    socket.on("escalation:alert", (escalation) => {
      dispatch({ type: "escalation", escalation, alert: true });
      signal();
    });
    socket.on("escalation:unrouted", (escalation) =>
      dispatch({ type: "held", action: { type: "escalation", escalation, unrouted: true } }),
    );
    socket.on("risk:flagged", (p) => {
      if (stateRef.current.held.chats[p.conversationId])
        dispatch({ type: "held", action: { type: "risk", conversationId: p.conversationId, level: p.level, at: p.at } });
      refreshSoon();
    });
    socket.on("duty:changed", (duty) => {
      dispatch({ type: "duty", duty });
      refreshSoon();
    });
    socket.on("queue:summarised", () => refreshSoon());
    socket.on("locations:changed", (p) => dispatch({ type: "held", action: { type: "locations", locations: p.locations } }));
    socket.on("message:received", (message) => {
      const held = Boolean(stateRef.current.held.chats[message.conversationId]);
      const visible = held && heldOnScreen(message.conversationId);
      const gap = professionalGapBefore(stateRef.current, message) !== undefined;
      // A resend is broadcast again: a message already held is not news.
      const known = stateRef.current.held.chats[message.conversationId]?.messages.some((m) => m.id === message.id);
      dispatch({ type: "message", message, visible });
      if (gap) void fillGap(socket, message.conversationId);
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
      void loadHeld(staff.id);
    });
    socket.on("conversation:ended", (p) => {
      const chat = stateRef.current.held.chats[p.conversationId];
      dispatch({ type: "ended", conversationId: p.conversationId, endedBy: p.endedBy, reason: p.reason });
      if (chat && !chat.closed && p.endedBy !== "professional") signal();
      refreshSoon();
    });
    socket.on("conversation:transferred", (p) =>
      dispatch({
        type: "held",
        action: { type: "transferred", conversationId: p.conversationId, ...(p.reason && { reason: p.reason }), ...(p.to && { to: p.to }) },
      }),
    );
    socket.on("wrapup:due", (todo) => dispatch({ type: "held", action: { type: "wrapUpDue", todo } }));
    const timer = setInterval(() => void refresh(), LIVE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      socket.disconnect();
    };
  }, [refresh, refreshSoon, loadHeld, heldOnScreen, fillGap]);

  // The title says what needs her: new youth messages in her chats, else open alerts.
  useEffect(() => {
    const title = titleOf(state);
    const text =
      title.kind === "unread"
        ? t("pro.unread", { n: title.n })
        : title.kind === "open"
          ? t("pro.title.open", { n: title.n })
          : t("console.title");
    document.title = withRiskPrefix(text, t("reach.risk.prefix"), risk.titlePrefix);
  }, [state, t, risk.titlePrefix]);

  useEffect(() => {
    const onVisible = () => {
      const active = stateRef.current.held.activeId;
      if (document.hidden) return;
      dispatch({ type: "seenAlerts" });
      if (active && !stateRef.current.watchId) {
        dispatch({ type: "held", action: { type: "focus", conversationId: active } });
        confirmDelivery(active);
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [confirmDelivery]);

  const actions = {
    request,
    /** A message or whisper, resent with the same id until the server answers (PROTOCOL.md §5.1). */
    send: <E extends "message:send" | "whisper:send">(event: E, payload: RequestOf<E>) =>
      sendWithResend(() => socketRef.current, event, payload),
    /** Shows the change at once; the server's answer settles it. */
    async setDuty(onDuty: boolean, locationIds: string[]) {
      const before = stateRef.current.duty;
      if (before) dispatch({ type: "duty", duty: { ...before, onDuty, locationIds } });
      const ack = await request("duty:set", { onDuty, locationIds });
      if (ack.ok) dispatch({ type: "duty", duty: ack.data });
      else if (before) dispatch({ type: "duty", duty: before });
      await refresh();
      return ack;
    },
    async claim(id: string) {
      const ack = await request("escalation:claim", { escalationId: id });
      if (ack.ok) {
        dispatch({ type: "escalation", escalation: ack.data });
        if (ack.data.conversationId && ack.data.about?.status !== "queued") await actions.watch(ack.data.conversationId);
      }
      await refresh();
      return ack;
    },
    async resolve(id: string, outcome: string, referral: RequestOf<"escalation:resolve">["referral"]) {
      const ack = await request("escalation:resolve", { escalationId: id, outcome, referral });
      if (ack.ok) dispatch({ type: "escalation", escalation: ack.data });
      await refresh();
      return ack;
    },
    /** Reads along: the chat opens on screen (a held chat just comes to the front). */
    async watch(conversationId: string) {
      if (stateRef.current.held.chats[conversationId]) {
        actions.focus(conversationId);
        return { ok: true as const, data: undefined };
      }
      const ack = await request("conversation:watch", { conversationId });
      if (ack.ok)
        dispatch({
          type: "watched",
          ...ack.data,
          joined: ack.data.conversation.professionalId === stateRef.current.held.staff?.id,
          show: true,
        });
      return ack;
    },
    async join(conversationId: string) {
      const ack = await request("conversation:join", { conversationId });
      if (ack.ok) dispatch({ type: "joined", conversationId });
      return ack;
    },
    /** Takes the chat over: from the server's own view of it, it becomes one of her held chats. */
    async takeOver(conversationId: string) {
      const ack = await request("conversation:takeover", { conversationId });
      if (!ack.ok) return ack;
      const synced = await request("conversation:sync", { conversationId, afterSeq: 0 });
      if (synced.ok && "volunteerId" in synced.data.conversation) {
        dispatch({ type: "held", action: { type: "assigned", view: synced.data.conversation } });
        dispatch({ type: "held", action: { type: "history", conversationId, messages: synced.data.messages } });
        actions.focus(conversationId);
      }
      await refresh();
      return ack;
    },
    /** Back to the volunteer it came from; she keeps following it, joined. */
    async handBack(conversationId: string) {
      const ack = await request("conversation:handback", { conversationId });
      if (!ack.ok) return ack;
      dispatch({ type: "held", action: { type: "dismiss", conversationId } });
      await actions.watch(conversationId);
      await refresh();
      return ack;
    },
    /** Takes a waiting youth straight from the queue: the chat is hers, with every control. */
    async takeFromQueue(conversationId: string) {
      const ack = await request("queue:claim", { conversationId });
      if (ack.ok) {
        dispatch({ type: "held", action: { type: "assigned", view: ack.data } });
        await loadHeld(ack.data.id);
        actions.focus(ack.data.id);
      }
      await refresh();
      return ack;
    },
    focus(conversationId: string) {
      dispatch({ type: "showWatched", conversationId: undefined });
      dispatch({ type: "held", action: { type: "focus", conversationId } });
      confirmDelivery(conversationId);
    },
    showWatched: (conversationId: string) => dispatch({ type: "showWatched", conversationId }),
    /** Closes a followed chat; the server forgets it too, so a reload does not reopen it. */
    closeWatched(conversationId: string) {
      dispatch({ type: "unwatch", conversationId });
      void request("conversation:unwatch", { conversationId });
    },
    async refreshColleagues() {
      const ack = await request("presence:list", {});
      if (ack.ok) dispatch({ type: "held", action: { type: "colleagues", colleagues: ack.data } });
    },
    async escalate(conversationId: string, level: EscalationLevel, note?: string) {
      const ack = await request("escalation:raise", { conversationId, level, ...(note && { note }) });
      if (ack.ok) {
        dispatch({ type: "held", action: { type: "escalation", escalation: ack.data.escalation, unrouted: ack.data.unrouted } });
        dispatch({ type: "held", action: { type: "dismissRisk", conversationId } });
      }
      return ack;
    },
    dismissRisk: (conversationId: string) => dispatch({ type: "held", action: { type: "dismissRisk", conversationId } }),
    closeProtocol: (conversationId: string) => dispatch({ type: "held", action: { type: "closeProtocol", conversationId } }),
    dismiss: (conversationId: string) => dispatch({ type: "held", action: { type: "dismiss", conversationId } }),
    wrapUpFiled: (conversationId: string) => dispatch({ type: "held", action: { type: "wrapUpFiled", conversationId } }),
    toggleMute() {
      const next = !mutedRef.current;
      localStorage.setItem(MUTE_KEY, next ? "1" : "0");
      setMuted(next);
    },
  };
  return { state, actions, muted, socket, risk };
}
