import { useCallback, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useConnection, useWorkplace } from "../lib/workplace";
import { initialModel, reduce } from "./machine";
import { tabStore } from "./storage";
import { youthActions } from "./youthActions";
import { wireYouthEvents } from "./youthEvents";
import { youthSession } from "./youthSession";

/**
 * Connects the pure page model to the server: the session and its outbox (youthSession.ts), the
 * resume and the broadcasts (youthEvents.ts), what the youth can do (youthActions.ts).
 */
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

  // The hidden-tab title follows a language switch made after the handlers were wired.
  const translate = useRef(t);
  translate.current = t;
  // Wired once, after the first render (when `session` below exists): the handlers read the store.
  const { current, request } = useConnection((socket) =>
    wireYouthEvents(socket, { now, dispatch, session, translate: () => translate.current }),
  );
  const [session] = useState(() => youthSession({ now, dispatch, current }));

  useEffect(() => {
    tabStore.setOutbox(model.pending);
  }, [model.pending]);

  // The start and closed pages follow opening and closing time without a reload, and a youth who
  // waits is told at once when the chat closes: checked every minute and at the next change.
  useEffect(() => {
    if (model.phase !== "intro" && model.phase !== "closed" && model.phase !== "waiting") return;
    const refresh = async () => {
      const socket = current();
      if (socket) await session.refreshStatus(socket);
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
  }, [model.phase, model.status, current, session]);

  const actions = {
    /** Any request on the youth's socket (the turn notice opt-in); refused when offline. */
    request,
    ...youthActions({ now, dispatch, current, session }, lang),
  };
  return { model, actions, draft, setDraft };
}
