import type { Ack, Responses } from "../../../../shared/protocol";
import type { Connection } from "../../lib/workplace";
import type { ProfessionalAction, ProfessionalState } from "./state";

/** Several broadcasts in a row (queue changes, flags) cause one refresh of the workplace. */
const REFRESH_DEBOUNCE_MS = 300;

/** What the professional's handlers and actions work with: the store and the page's requests. */
export interface ProfessionalRuntime {
  /** The workplace as the last action left it (not a render's snapshot). */
  now: () => ProfessionalState;
  dispatch: (action: ProfessionalAction) => void;
  request: Connection["request"];
}

/** How the professional's workplace is read back from the server and kept current. */
export interface ProfessionalSync {
  /** A held chat is on screen when it is the active tab, no followed chat covers it, and the page is visible. */
  heldOnScreen(conversationId: string): boolean;
  /** The held chat on screen gets its last youth message confirmed as delivered. */
  confirmDelivery(conversationId: string): void;
  /** Loads a held chat's transcript (messages and staff-only lines). */
  loadHeld(conversationId: string): Promise<Ack<Responses["conversation:sync"]>>;
  /** Inbox, live chats, queue, followed chats: from the server, never patched up on the client. */
  refresh(): Promise<void>;
  /** Several broadcasts in a row cause one refresh. */
  refreshSoon(): void;
  /** Drops a refresh still waiting (the page is closing). */
  cancel(): void;
}

/** The read-back of one professional's workplace; made once per page. */
export function professionalSync({ now, dispatch, request }: ProfessionalRuntime): ProfessionalSync {
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const sync: ProfessionalSync = {
    heldOnScreen(conversationId) {
      const s = now();
      return s.held.activeId === conversationId && !s.watchId && !document.hidden;
    },
    confirmDelivery(conversationId) {
      const chat = now().held.chats[conversationId];
      const lastYouth = chat?.messages.filter((m) => m.sender.role === "youth").at(-1);
      if (lastYouth && !chat?.closed) void request("delivery:confirm", { conversationId, upToSeq: lastYouth.seq });
    },
    async loadHeld(conversationId) {
      const ack = await request("conversation:sync", { conversationId, afterSeq: 0 });
      if (!ack.ok) return ack;
      dispatch({ type: "held", action: { type: "history", conversationId, messages: ack.data.messages } });
      if (sync.heldOnScreen(conversationId)) sync.confirmDelivery(conversationId);
      return ack;
    },
    async refresh() {
      const ack = await request("professional:state", {});
      if (!ack.ok) return;
      dispatch({ type: "state", state: ack.data });
      const me = now().held.staff?.id;
      for (const id of ack.data.watching) {
        if (now().watched[id] || now().held.chats[id]) continue;
        const watched = await request("conversation:watch", { conversationId: id });
        if (watched.ok)
          dispatch({ type: "watched", ...watched.data, joined: watched.data.conversation.professionalId === me, show: false });
      }
    },
    refreshSoon() {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void sync.refresh();
      }, REFRESH_DEBOUNCE_MS);
    },
    cancel() {
      if (refreshTimer) clearTimeout(refreshTimer);
    },
  };
  return sync;
}
