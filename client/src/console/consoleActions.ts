import type { RequestOf } from "../../../shared/protocol";
import type { Connection } from "../lib/workplace";
import type { ConsoleAction, ConsoleState } from "./state";

interface Parts {
  now: () => ConsoleState;
  dispatch: (action: ConsoleAction) => void;
  request: Connection["request"];
  confirmDelivery: (conversationId: string) => void;
}

/** The chat on screen gets its last youth message confirmed as delivered. */
export function deliveryConfirmer(now: () => ConsoleState, request: Connection["request"]) {
  return (conversationId: string) => {
    const lastYouth = now()
      .chats[conversationId]?.messages.filter((m) => m.sender.role === "youth")
      .at(-1);
    if (lastYouth) void request("delivery:confirm", { conversationId, upToSeq: lastYouth.seq });
  };
}

/** What the volunteer can do in the console, over the store and the page's requests. */
export function consoleActions({ now, dispatch, request, confirmDelivery }: Parts) {
  return {
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
  };
}
