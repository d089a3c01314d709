import {
  ANY_LOCATION,
  type ColleagueView,
  type LocationView,
  type MessageView,
  type PeerView,
  type PresenceView,
  type QueueSummary,
  type StaffConversationView,
  type StaffState,
  type StaffView,
  type WrapUpTodoView,
} from "../../../shared/protocol";
import { type ChatAction, type ChatState, chatOf, gapBefore, newChat, reduceChat } from "./chatState";

export interface ConsoleState {
  online: boolean;
  staff?: StaffView;
  presence?: PresenceView;
  queue?: QueueSummary;
  locations: LocationView[];
  chats: Record<string, ChatState>;
  /** Tab order: oldest chat first. */
  order: string[];
  activeId?: string;
  wrapUpsTodo: WrapUpTodoView[];
  colleagues: ColleagueView[];
  /** Waiting youths offered to me first (return code, my training), by conversation id, until when. */
  offers: Record<string, { reason: "return" | "skill"; until: number }>;
}

export type ConsoleAction =
  | ChatAction
  | { type: "connection"; online: boolean }
  | { type: "synced"; state: StaffState }
  | { type: "presence"; presence: PresenceView }
  | { type: "queue"; queue: QueueSummary }
  | { type: "assigned"; view: StaffConversationView }
  | { type: "transferred"; conversationId: string; reason?: "transfer" | "takeover"; to?: PeerView }
  | { type: "dismiss"; conversationId: string }
  | { type: "wrapUpDue"; todo: WrapUpTodoView }
  | { type: "wrapUpFiled"; conversationId: string }
  | { type: "colleagues"; colleagues: ColleagueView[] }
  | { type: "focus"; conversationId: string }
  | { type: "locations"; locations: LocationView[] }
  | { type: "offered"; conversationId: string; reason: "return" | "skill"; until: number };

export const initialConsole: ConsoleState = {
  online: false,
  locations: [],
  chats: {},
  order: [],
  wrapUpsTodo: [],
  colleagues: [],
  offers: {},
};

/** The same for a chat in the volunteer's console; undefined for a chat that is not open here. */
export function chatGapBefore(state: ConsoleState, message: MessageView): number | undefined {
  const chat = state.chats[message.conversationId];
  return chat ? gapBefore(chat.messages, message) : undefined;
}

function withChat(state: ConsoleState, id: string, update: (chat: ChatState) => ChatState): ConsoleState {
  const chat = state.chats[id];
  return chat ? { ...state, chats: { ...state.chats, [id]: update(chat) } } : state;
}

function removeChat(state: ConsoleState, id: string): ConsoleState {
  const { [id]: _gone, ...chats } = state.chats;
  const order = state.order.filter((x) => x !== id);
  return { ...state, chats, order, activeId: state.activeId === id ? order[0] : state.activeId };
}

function addChat(state: ConsoleState, view: StaffConversationView): ConsoleState {
  if (state.chats[view.id]) return withChat(state, view.id, (c) => ({ ...c, view }));
  return {
    ...state,
    chats: { ...state.chats, [view.id]: newChat(view) },
    order: [...state.order, view.id],
    activeId: state.activeId ?? view.id,
  };
}

/** What a (re)connect's `staff:sync` says, over what the console held. */
function synced(state: ConsoleState, sync: StaffState): ConsoleState {
  const { staff, presence, queue, locations, wrapUpsTodo, conversations } = sync;
  let next: ConsoleState = { ...state, staff, presence, queue, locations, wrapUpsTodo };
  // Chats that ended or moved while we were away are gone from the server's list; a closed one
  // stays until its volunteer closes it.
  for (const id of state.order) if (!conversations.some((c) => c.id === id) && !state.chats[id]?.closed) next = removeChat(next, id);
  for (const view of conversations) next = addChat(next, view);
  // After a reload the escalations come back, and with them the crisis protocol if still needed.
  for (const escalation of sync.escalations) next = reduceConsole(next, { type: "escalation", escalation });
  return next;
}

/** The console's whole state as a pure function of what the server said and what the volunteer did. */
export function reduceConsole(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case "history":
    case "message":
    case "typing":
    case "delivered":
    case "note":
    case "ended":
    case "escalation":
    case "risk":
    case "dismissRisk":
    case "closeProtocol": {
      const id = chatOf(action);
      const chat = id === undefined ? undefined : state.chats[id];
      if (id === undefined || !chat) return state;
      const next = reduceChat(chat, action);
      // Nothing changed (a staff member's typing, a lower risk flag): the same state, so nothing re-renders.
      return next === chat ? state : { ...state, chats: { ...state.chats, [id]: next } };
    }
    case "connection":
      return { ...state, online: action.online };
    case "locations":
      return { ...state, locations: action.locations };
    case "synced":
      return synced(state, action.state);
    case "presence":
      return { ...state, presence: action.presence };
    case "queue":
      return { ...state, queue: action.queue };
    case "assigned": {
      // Once the youth is mine, the offer has done its work.
      const { [action.view.id]: _done, ...offers } = state.offers;
      return { ...addChat(state, action.view), offers };
    }
    case "offered":
      return { ...state, offers: { ...state.offers, [action.conversationId]: { reason: action.reason, until: action.until } } };
    case "transferred":
      // Handed on by me: gone. Taken over by a professional: it says so until I close it.
      if (action.reason !== "takeover") return removeChat(state, action.conversationId);
      return withChat(state, action.conversationId, (c) => ({
        ...c,
        youthTyping: false,
        crisisProtocol: false,
        risk: undefined,
        closed: { kind: "taken-over", ...(action.to && { to: action.to }) },
      }));
    case "dismiss":
      return removeChat(state, action.conversationId);
    case "wrapUpDue":
      if (state.wrapUpsTodo.some((t) => t.conversation.id === action.todo.conversation.id)) return state;
      return { ...state, wrapUpsTodo: [...state.wrapUpsTodo, action.todo] };
    case "wrapUpFiled": {
      // Filed: a chat still on screen only to say it ended has done its work.
      const filed = { ...state, wrapUpsTodo: state.wrapUpsTodo.filter((t) => t.conversation.id !== action.conversationId) };
      return state.chats[action.conversationId]?.closed ? removeChat(filed, action.conversationId) : filed;
    }
    case "colleagues":
      return { ...state, colleagues: action.colleagues };
    case "focus":
      return state.chats[action.conversationId]
        ? withChat({ ...state, activeId: action.conversationId }, action.conversationId, (c) => ({ ...c, unread: 0 }))
        : state;
  }
}

/** Chats still going (not closed), for "no open chats" and the wrap-up that opens by itself. */
export function liveChats(state: ConsoleState): number {
  return state.order.filter((id) => !state.chats[id]?.closed).length;
}

/** Total unread youth messages, for the tab title. */
export function totalUnread(state: ConsoleState): number {
  return Object.values(state.chats).reduce((sum, c) => sum + c.unread, 0);
}

/** Youths waiting that this volunteer could be asked about: own location and "any". */
export function waitingForMe(state: ConsoleState): number {
  const mine = new Set([state.staff?.locationId, ANY_LOCATION]);
  return (state.queue?.locations ?? []).filter((l) => mine.has(l.locationId)).reduce((sum, l) => sum + l.waiting, 0);
}
