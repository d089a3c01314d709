import { useEffect, useRef } from "react";
import { type EscalationLevel, PROTOCOL_VERSION, type RequestOf } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { chime } from "../../lib/alerts";
import { call } from "../../lib/socket";
import { gapFiller, useConnection, useWorkplace } from "../../lib/workplace";
import { withRiskPrefix } from "../riskAttention";
import { useMuted } from "../useMuted";
import { useDocumentHidden, useRiskAttention } from "../useRiskAttention";
import { heldUpTo, initialProfessional, professionalGapBefore, reduceProfessional, titleOf } from "./state";

const LIVE_REFRESH_MS = 10_000;
/** Several broadcasts in a row (queue changes, flags) cause one refresh of the workplace. */
const REFRESH_DEBOUNCE_MS = 300;

/**
 * The professional's side: connects the workplace reducer to the server. Every (re)connect rebuilds
 * it from `staff:sync` (held chats, wrap-ups, duty) and `professional:state` (inbox, live chats,
 * followed chats, queue), so a reload loses nothing.
 */
export function useProfessional() {
  const { t } = useI18n();
  const [state, store] = useWorkplace(reduceProfessional, () => initialProfessional);
  const { getState: now, dispatch } = store;
  const { muted, toggle: toggleMute, mutedNow } = useMuted();
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
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const { socket, request, send } = useConnection((socket) => {
    const signal = () => {
      if (!mutedNow()) chime();
    };
    const fillGap = gapFiller(async (conversationId) => {
      const ack = await call(socket, "conversation:sync", { conversationId, afterSeq: heldUpTo(now(), conversationId) });
      if (!ack.ok) return;
      if (now().held.chats[conversationId])
        dispatch({ type: "held", action: { type: "history", conversationId, messages: ack.data.messages } });
      else dispatch({ type: "watchedHistory", conversationId, messages: ack.data.messages });
    });
    socket.on("connect", async () => {
      dispatch({ type: "connection", online: true });
      const synced = await call(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
      if (!synced.ok) return;
      dispatch({ type: "synced", state: synced.data });
      await Promise.all(synced.data.conversations.map((c) => loadHeld(c.id)));
      // Followed chats open before the reload are read again (the server put us back in their rooms).
      const me = synced.data.staff.id;
      for (const w of Object.values(now().watched)) {
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
      if (now().held.chats[p.conversationId])
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
      const held = Boolean(now().held.chats[message.conversationId]);
      const visible = held && heldOnScreen(message.conversationId);
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
      void loadHeld(staff.id);
    });
    socket.on("conversation:ended", (p) => {
      const chat = now().held.chats[p.conversationId];
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
    };
  });

  /** A held chat is on screen when it is the active tab, no followed chat covers it, and the page is visible. */
  function heldOnScreen(conversationId: string) {
    const s = now();
    return s.held.activeId === conversationId && !s.watchId && !document.hidden;
  }

  function confirmDelivery(conversationId: string) {
    const chat = now().held.chats[conversationId];
    const lastYouth = chat?.messages.filter((m) => m.sender.role === "youth").at(-1);
    if (lastYouth && !chat?.closed) void request("delivery:confirm", { conversationId, upToSeq: lastYouth.seq });
  }

  /** Loads a held chat's transcript (messages and staff-only lines). */
  async function loadHeld(conversationId: string) {
    const ack = await request("conversation:sync", { conversationId, afterSeq: 0 });
    if (!ack.ok) return ack;
    dispatch({ type: "held", action: { type: "history", conversationId, messages: ack.data.messages } });
    if (heldOnScreen(conversationId)) confirmDelivery(conversationId);
    return ack;
  }

  /** Inbox, live chats, queue, followed chats: from the server, never patched up on the client. */
  async function refresh() {
    const ack = await request("professional:state", {});
    if (!ack.ok) return;
    dispatch({ type: "state", state: ack.data });
    const me = now().held.staff?.id;
    for (const id of ack.data.watching) {
      if (now().watched[id] || now().held.chats[id]) continue;
      const watched = await request("conversation:watch", { conversationId: id });
      if (watched.ok) dispatch({ type: "watched", ...watched.data, joined: watched.data.conversation.professionalId === me, show: false });
    }
  }

  /** Several broadcasts in a row cause one refresh. */
  function refreshSoon() {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = undefined;
      void refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

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

  // biome-ignore lint/correctness/useExhaustiveDependencies: confirmDelivery reads the store, not this render.
  useEffect(() => {
    const onVisible = () => {
      const active = now().held.activeId;
      if (document.hidden) return;
      dispatch({ type: "seenAlerts" });
      if (active && !now().watchId) {
        dispatch({ type: "held", action: { type: "focus", conversationId: active } });
        confirmDelivery(active);
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);

  const actions = {
    request,
    send,
    /** Shows the change at once; the server's answer settles it. */
    async setDuty(onDuty: boolean, locationIds: string[]) {
      const before = now().duty;
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
      if (now().held.chats[conversationId]) {
        actions.focus(conversationId);
        return { ok: true as const, data: undefined };
      }
      const ack = await request("conversation:watch", { conversationId });
      if (ack.ok)
        dispatch({
          type: "watched",
          ...ack.data,
          joined: ack.data.conversation.professionalId === now().held.staff?.id,
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
    toggleMute,
  };
  return { state, actions, muted, socket, risk };
}
