import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { chime } from "../../lib/alerts";
import { useConnection, useWorkplace } from "../../lib/workplace";
import { withRiskPrefix } from "../riskAttention";
import { useMuted } from "../useMuted";
import { useDocumentHidden, useRiskAttention } from "../useRiskAttention";
import { professionalActions } from "./professionalActions";
import { wireProfessionalEvents } from "./professionalEvents";
import { professionalSync } from "./professionalSync";
import { initialProfessional, reduceProfessional, titleOf } from "./state";

/**
 * The professional's side: connects the workplace reducer to the server. Every (re)connect rebuilds
 * it from `staff:sync` (held chats, wrap-ups, duty) and `professional:state` (inbox, live chats,
 * followed chats, queue), so a reload loses nothing (professionalEvents.ts); what she can do is in
 * professionalActions.ts.
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

  // The handlers are wired after the first render, when `sync` below exists.
  const signal = () => {
    if (!mutedNow()) chime();
  };
  const { socket, request, send } = useConnection((socket) => wireProfessionalEvents(socket, { now, dispatch, sync, signal }));
  const [sync] = useState(() => professionalSync({ now, dispatch, request }));

  // The title says what needs her: new youth messages in her chats, else open alerts.
  useEffect(() => {
    const title = titleOf(state);
    const text =
      title.kind === "unread"
        ? t("professional.unread", { n: title.n })
        : title.kind === "open"
          ? t("professional.title.open", { n: title.n })
          : t("console.title");
    document.title = withRiskPrefix(text, t("reach.risk.prefix"), risk.titlePrefix);
  }, [state, t, risk.titlePrefix]);

  useEffect(() => {
    const onVisible = () => {
      const active = now().held.activeId;
      if (document.hidden) return;
      dispatch({ type: "seenAlerts" });
      if (active && !now().watchId) {
        dispatch({ type: "held", action: { type: "focus", conversationId: active } });
        sync.confirmDelivery(active);
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [now, dispatch, sync]);

  const actions = { request, send, ...professionalActions({ now, dispatch, request, sync }), toggleMute };
  return { state, actions, muted, socket, risk };
}
