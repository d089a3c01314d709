import { useEffect, useMemo } from "react";
import { useI18n } from "../i18n/i18n";
import { chime as alertSound } from "../lib/alerts";
import { useConnection, useWorkplace } from "../lib/workplace";
import { consoleActions, deliveryConfirmer } from "./consoleActions";
import { wireConsoleEvents } from "./consoleEvents";
import { withRiskPrefix } from "./riskAttention";
import { initialConsole, reduceConsole, totalUnread, waitingForMe } from "./state";
import { useMuted } from "./useMuted";
import { useDocumentHidden, useRiskAttention } from "./useRiskAttention";
import { useStaffNotifications } from "./useStaffNotifications";

/**
 * Connects the console state to the server: sync on every connect, broadcasts, alerts
 * (consoleEvents.ts); what the volunteer can do is in consoleActions.ts.
 */
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

  // The handlers are wired after the first render, when `confirmDelivery` below exists.
  const { socket, request, send } = useConnection((socket) => {
    wireConsoleEvents(socket, { now, dispatch, chime, confirmDelivery });
    return undefined;
  });
  const confirmDelivery = useMemo(() => deliveryConfirmer(now, request), [now, request]);

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
    ...consoleActions({ now, dispatch, request, confirmDelivery }),
    toggleMute,
  };
  return { state, actions, muted, risk, socket };
}
