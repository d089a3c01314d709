import type { Ack, AgeBand, ReturnCodeCheckView, Topic } from "../../../shared/protocol";
import type { Lang } from "../i18n/i18n";
import { call } from "../lib/socket";
import type { PendingMessage } from "./machine";
import { tabStore } from "./storage";
import type { YouthRuntime, YouthSession } from "./youthSession";

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

type Parts = YouthRuntime & { session: YouthSession };

/** What the youth can do on the page, in the language they read it in. */
export function youthActions(parts: Parts, lang: Lang) {
  return { ...startActions(parts, lang), ...chatActions(parts) };
}

/** Before a chat: joining the queue (with a return code or without) and leaving it. */
function startActions({ now, dispatch, current, session }: Parts, lang: Lang) {
  return {
    async join(form: JoinForm): Promise<JoinOutcome> {
      const socket = current();
      if (!socket || !(await session.ensureSession(socket))) return "failed";
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
      // It closed while they filled in the form: show the closed page with the lines that are open.
      if (ack.code === "CLOSED") await session.refreshStatus(socket);
      else dispatch({ type: "notice", notice: ack.code === "BLOCKED" ? "blocked" : "generic" });
      return "failed";
    },
    /** Who a return code leads to, and whether they are here; opens the anonymous session if needed. */
    async checkReturnCode(code: string): Promise<Ack<ReturnCodeCheckView> | undefined> {
      const socket = current();
      if (!socket || !(await session.ensureSession(socket))) return undefined;
      return call(socket, "returnCode:check", { code });
    },
    /** Forgets a code on the server: it and the note it carries are gone at once. */
    async forgetReturnCode(code: string): Promise<boolean> {
      const socket = current();
      if (!socket || !(await session.ensureSession(socket))) return false;
      const ack = await call(socket, "returnCode:forget", { code });
      // Unknown means it is already gone: for the youth, that is forgotten too.
      const gone = ack.ok || ack.code === "RETURN_CODE_UNKNOWN";
      const shown = now().returnCode;
      if (gone && shown?.state === "shown" && shown.code === code) dispatch({ type: "returnCodeForgotten" });
      return gone;
    },
    async leave() {
      const socket = current();
      if (!socket) return;
      const ack = await call(socket, "queue:leave", {});
      if (ack.ok || ack.code === "NOT_QUEUED") dispatch({ type: "leftQueue" });
    },
  };
}

/** In and after a chat: messages (through the outbox), typing, ending, feedback, a return code, quick exit. */
function chatActions({ now, dispatch, current, session }: Parts) {
  return {
    send(text: string) {
      const conversation = now().conversation;
      if (!conversation) return;
      const message: PendingMessage = { id: crypto.randomUUID(), conversationId: conversation.id, text };
      dispatch({ type: "messageQueued", message });
      void session.flush();
    },
    /** A message refused for good (e.g. the chat had ended) may be tried again by hand. */
    retry(id: string) {
      dispatch({ type: "messageRetry", id });
      void session.flush();
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
    /** A code for the chat that just ended, shown once. */
    async takeReturnCode(): Promise<boolean> {
      const socket = current();
      const conversation = now().conversation;
      if (!socket || !conversation) return false;
      const ack = await call(socket, "returnCode:take", { conversationId: conversation.id });
      if (ack.ok) dispatch({ type: "returnCodeTaken", ...ack.data });
      return ack.ok;
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
}
