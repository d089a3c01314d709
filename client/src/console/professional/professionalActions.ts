import type { EscalationLevel, RequestOf } from "../../../../shared/protocol";
import type { ConsoleAction } from "../state";
import type { ProfessionalRuntime, ProfessionalSync } from "./professionalSync";

type Parts = ProfessionalRuntime & { sync: ProfessionalSync };

/** What the professional can do, over the store, the page's requests and the read-back. */
export function professionalActions(parts: Parts) {
  const follow = followActions(parts);
  return { ...follow, ...inboxActions(parts, follow.watch), ...heldChatActions(parts) };
}

/** Reading along, joining, taking over and handing back; which chat is on screen. */
function followActions({ now, dispatch, request, sync }: Parts) {
  const focus = (conversationId: string) => {
    dispatch({ type: "showWatched", conversationId: undefined });
    dispatch({ type: "held", action: { type: "focus", conversationId } });
    sync.confirmDelivery(conversationId);
  };
  /** Reads along: the chat opens on screen (a held chat just comes to the front). */
  const watch = async (conversationId: string) => {
    if (now().held.chats[conversationId]) {
      focus(conversationId);
      return { ok: true as const, data: undefined };
    }
    const ack = await request("conversation:watch", { conversationId });
    if (ack.ok)
      dispatch({ type: "watched", ...ack.data, joined: ack.data.conversation.professionalId === now().held.staff?.id, show: true });
    return ack;
  };
  return {
    focus,
    watch,
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
      if (synced.ok && "holderId" in synced.data.conversation) {
        dispatch({ type: "held", action: { type: "assigned", view: synced.data.conversation } });
        dispatch({ type: "held", action: { type: "history", conversationId, messages: synced.data.messages } });
        focus(conversationId);
      }
      await sync.refresh();
      return ack;
    },
    /** Back to the volunteer it came from; she keeps following it, joined. */
    async handBack(conversationId: string) {
      const ack = await request("conversation:handback", { conversationId });
      if (!ack.ok) return ack;
      dispatch({ type: "held", action: { type: "dismiss", conversationId } });
      await watch(conversationId);
      await sync.refresh();
      return ack;
    },
    /** Takes a waiting youth straight from the queue: the chat is hers, with every control. */
    async takeFromQueue(conversationId: string) {
      const ack = await request("queue:claim", { conversationId });
      if (ack.ok) {
        dispatch({ type: "held", action: { type: "assigned", view: ack.data } });
        await sync.loadHeld(ack.data.id);
        focus(ack.data.id);
      }
      await sync.refresh();
      return ack;
    },
    showWatched: (conversationId: string) => dispatch({ type: "showWatched", conversationId }),
    /** Closes a followed chat; the server forgets it too, so a reload does not reopen it. */
    closeWatched(conversationId: string) {
      dispatch({ type: "unwatch", conversationId });
      void request("conversation:unwatch", { conversationId });
    },
  };
}

/** Duty and the inbox: going on duty, taking an escalation, resolving it. */
function inboxActions({ now, dispatch, request, sync }: Parts, watch: (conversationId: string) => Promise<unknown>) {
  return {
    /** Shows the change at once; the server's answer settles it. */
    async setDuty(onDuty: boolean, locationIds: string[]) {
      const before = now().duty;
      if (before) dispatch({ type: "duty", duty: { ...before, onDuty, locationIds } });
      const ack = await request("duty:set", { onDuty, locationIds });
      if (ack.ok) dispatch({ type: "duty", duty: ack.data });
      else if (before) dispatch({ type: "duty", duty: before });
      await sync.refresh();
      return ack;
    },
    async claim(id: string) {
      const ack = await request("escalation:claim", { escalationId: id });
      if (ack.ok) {
        dispatch({ type: "escalation", escalation: ack.data });
        if (ack.data.conversationId && ack.data.about?.status !== "queued") await watch(ack.data.conversationId);
      }
      await sync.refresh();
      return ack;
    },
    async resolve(id: string, outcome: string, referral: RequestOf<"escalation:resolve">["referral"]) {
      const ack = await request("escalation:resolve", { escalationId: id, outcome, referral });
      if (ack.ok) dispatch({ type: "escalation", escalation: ack.data });
      await sync.refresh();
      return ack;
    },
  };
}

/** The volunteer console's controls on the chats she holds. */
function heldChatActions({ dispatch, request }: Parts) {
  const held = (action: ConsoleAction) => dispatch({ type: "held", action });
  return {
    async refreshColleagues() {
      const ack = await request("presence:list", {});
      if (ack.ok) held({ type: "colleagues", colleagues: ack.data });
    },
    async escalate(conversationId: string, level: EscalationLevel, note?: string) {
      const ack = await request("escalation:raise", { conversationId, level, ...(note && { note }) });
      if (ack.ok) {
        held({ type: "escalation", escalation: ack.data.escalation, unrouted: ack.data.unrouted });
        held({ type: "dismissRisk", conversationId });
      }
      return ack;
    },
    dismissRisk: (conversationId: string) => held({ type: "dismissRisk", conversationId }),
    closeProtocol: (conversationId: string) => held({ type: "closeProtocol", conversationId }),
    dismiss: (conversationId: string) => held({ type: "dismiss", conversationId }),
    wrapUpFiled: (conversationId: string) => held({ type: "wrapUpFiled", conversationId }),
  };
}
