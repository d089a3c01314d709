import {
  compareEscalations,
  type DutyView,
  type EscalationView,
  type LiveConversationView,
  type MessageView,
  type ProfessionalStateView,
  type StaffConversationView,
  type StaffState,
} from "../../../../shared/protocol";
import { mergeBySeq } from "../../lib/messages";
import { gapBefore, lastContiguousSeq } from "../chatState";
import { type ConsoleAction, type ConsoleState, chatGapBefore, initialConsole, reduceConsole, totalUnread } from "../state";

/**
 * One item in the professional's inbox. A union on `kind`, so other kinds (a volunteer's debrief
 * request) can join escalations without touching the rest of the workplace.
 */
export type InboxItem = { kind: "escalation"; id: string; escalation: EscalationView };

/** A chat the professional reads along with or has joined, without holding it. */
export interface WatchedChat {
  conversation: StaffConversationView;
  messages: MessageView[];
  joined: boolean;
}

/**
 * The professional's workplace as one value: duty, inbox, live chats, the waiting youths of their
 * locations, the chats they follow, and the chats they hold (taken over or taken from the queue),
 * which use the volunteer console's model so they get every control and signal a volunteer has.
 */
export interface ProfessionalState {
  online: boolean;
  duty?: DutyView;
  inbox: InboxItem[];
  live: LiveConversationView[];
  queue: StaffConversationView[];
  watched: Record<string, WatchedChat>;
  /** The followed chat on screen, if any. */
  watchId?: string;
  /** Held chats, staff, locations, wrap-ups: the volunteer console's state. */
  held: ConsoleState;
  /** Alerts that came in since the professional last looked, for the title and the sound. */
  newAlerts: number;
}

export type ProfessionalAction =
  | { type: "connection"; online: boolean }
  | { type: "synced"; state: StaffState }
  | { type: "state"; state: ProfessionalStateView }
  | { type: "duty"; duty: DutyView }
  | { type: "escalation"; escalation: EscalationView; alert?: boolean }
  | { type: "watched"; conversation: StaffConversationView; messages: MessageView[]; joined: boolean; show: boolean }
  | { type: "showWatched"; conversationId?: string }
  | { type: "unwatch"; conversationId: string }
  | { type: "joined"; conversationId: string }
  | { type: "message"; message: MessageView; visible: boolean }
  /** The answer to conversation:sync for a followed chat, asked for after a gap in its seqs (PROTOCOL.md §5.2). */
  | { type: "watchedHistory"; conversationId: string; messages: MessageView[] }
  | { type: "ended"; conversationId: string; endedBy?: string; reason?: string }
  | { type: "seenAlerts" }
  /** Anything about a held chat, handled by the volunteer console's reducer. */
  | { type: "held"; action: ConsoleAction };

/**
 * Whether a live message shows a gap in what this workplace holds of its chat (held or followed):
 * then `conversation:sync` is asked for everything after the returned seq (PROTOCOL.md §5.2).
 */
export function professionalGapBefore(state: ProfessionalState, message: MessageView): number | undefined {
  if (state.held.chats[message.conversationId]) return chatGapBefore(state.held, message);
  const watched = state.watched[message.conversationId];
  return watched ? gapBefore(watched.messages, message) : undefined;
}

/** What this workplace holds of a chat without a gap: where a gap sync starts. */
export function heldUpTo(state: ProfessionalState, conversationId: string): number {
  const messages = state.held.chats[conversationId]?.messages ?? state.watched[conversationId]?.messages ?? [];
  return lastContiguousSeq(messages);
}

export const initialProfessional: ProfessionalState = {
  online: false,
  inbox: [],
  live: [],
  queue: [],
  watched: {},
  held: initialConsole,
  newAlerts: 0,
};

function upsertEscalation(inbox: readonly InboxItem[], e: EscalationView): InboxItem[] {
  const rest = inbox.filter((i) => i.id !== e.id);
  return e.status === "resolved" ? rest : [...rest, { kind: "escalation", id: e.id, escalation: e }];
}

function withWatched(state: ProfessionalState, id: string, update: (w: WatchedChat) => WatchedChat): ProfessionalState {
  const w = state.watched[id];
  return w ? { ...state, watched: { ...state.watched, [id]: update(w) } } : state;
}

/** The workplace as a pure function of what the server said and what the professional did. */
export function reduceProfessional(state: ProfessionalState, action: ProfessionalAction): ProfessionalState {
  switch (action.type) {
    case "connection":
      return { ...state, online: action.online, held: reduceConsole(state.held, { type: "connection", online: action.online }) };
    case "synced":
      return synced(state, action);
    case "state":
      return fromServer(state, action);
    case "duty":
      return { ...state, duty: action.duty };
    case "escalation":
      return escalationChanged(state, action);
    case "watched":
      return watchedOpened(state, action);
    case "showWatched":
      return { ...state, watchId: action.conversationId && state.watched[action.conversationId] ? action.conversationId : undefined };
    case "unwatch": {
      const { [action.conversationId]: _gone, ...watched } = state.watched;
      return { ...state, watched, watchId: state.watchId === action.conversationId ? undefined : state.watchId };
    }
    case "joined":
      return withWatched(state, action.conversationId, (w) => ({ ...w, joined: true }));
    case "message":
      return messageReceived(state, action);
    case "watchedHistory":
      return withWatched(state, action.conversationId, (w) => ({ ...w, messages: mergeBySeq(w.messages, action.messages) }));
    case "ended":
      return ended(state, action);
    case "seenAlerts":
      return state.newAlerts === 0 ? state : { ...state, newAlerts: 0 };
    case "held":
      return heldAction(state, action);
  }
}

/** A (re)connect's staff:sync: the held chats anew; one now held is no longer only followed. */
function synced(state: ProfessionalState, action: Extract<ProfessionalAction, { type: "synced" }>): ProfessionalState {
  const held = reduceConsole(state.held, { type: "synced", state: action.state });
  // A chat now held is no longer only followed.
  const watched = Object.fromEntries(Object.entries(state.watched).filter(([id]) => !held.chats[id]));
  return {
    ...state,
    held,
    watched,
    ...(action.state.duty && { duty: action.state.duty }),
    watchId: state.watchId && watched[state.watchId] ? state.watchId : undefined,
  };
}

/** professional:state: duty, inbox, live chats and queue as the server has them; held chats' banners follow. */
function fromServer(state: ProfessionalState, action: Extract<ProfessionalAction, { type: "state" }>): ProfessionalState {
  const { duty, inbox, live, queue } = action.state;
  let next: ProfessionalState = { ...state, duty, live, queue, inbox: [] };
  for (const e of inbox) next = { ...next, inbox: upsertEscalation(next.inbox, e) };
  // Escalations of held chats also drive their banners (the real state, from the server).
  let held = next.held;
  for (const e of inbox)
    if (e.conversationId && held.chats[e.conversationId]) held = reduceConsole(held, { type: "escalation", escalation: e });
  return { ...next, held };
}

/** An escalation changed (or alerts her): the inbox, and the banner of a held chat. */
function escalationChanged(state: ProfessionalState, action: Extract<ProfessionalAction, { type: "escalation" }>): ProfessionalState {
  const e = action.escalation;
  const held =
    e.conversationId && state.held.chats[e.conversationId] ? reduceConsole(state.held, { type: "escalation", escalation: e }) : state.held;
  return { ...state, held, inbox: upsertEscalation(state.inbox, e), newAlerts: action.alert ? state.newAlerts + 1 : state.newAlerts };
}

/** A chat she follows (read along with or joined), opened or read again. */
function watchedOpened(state: ProfessionalState, action: Extract<ProfessionalAction, { type: "watched" }>): ProfessionalState {
  if (state.held.chats[action.conversation.id]) return { ...state, watchId: undefined };
  const before = state.watched[action.conversation.id];
  const chat: WatchedChat = {
    conversation: action.conversation,
    messages: mergeBySeq(before?.messages ?? [], action.messages),
    joined: action.joined || Boolean(before?.joined),
  };
  return {
    ...state,
    watched: { ...state.watched, [chat.conversation.id]: chat },
    watchId: action.show || !state.watchId ? chat.conversation.id : state.watchId,
  };
}

/** A message in a chat she holds or follows. */
function messageReceived(state: ProfessionalState, action: Extract<ProfessionalAction, { type: "message" }>): ProfessionalState {
  const m = action.message;
  const held = state.held.chats[m.conversationId]
    ? reduceConsole(state.held, { type: "message", message: m, visible: action.visible })
    : state.held;
  const next = { ...state, held };
  return withWatched(next, m.conversationId, (w) => ({
    ...w,
    messages: mergeBySeq(w.messages, [m]),
    conversation: { ...w.conversation, lastSeq: Math.max(w.conversation.lastSeq, m.seq) },
  }));
}

/** A chat ended, held or followed. */
function ended(state: ProfessionalState, action: Extract<ProfessionalAction, { type: "ended" }>): ProfessionalState {
  const held = reduceConsole(state.held, {
    type: "ended",
    conversationId: action.conversationId,
    ...(action.endedBy && { endedBy: action.endedBy }),
    ...(action.reason && { reason: action.reason }),
  });
  return withWatched({ ...state, held }, action.conversationId, (w) => ({
    ...w,
    conversation: {
      ...w.conversation,
      status: "ended",
      ...(action.endedBy && { endedBy: action.endedBy }),
      ...(action.reason && { endReason: action.reason }),
    },
  }));
}

/** Anything about a held chat, for the volunteer console's reducer; one taken over is no longer followed. */
function heldAction(state: ProfessionalState, action: Extract<ProfessionalAction, { type: "held" }>): ProfessionalState {
  const held = reduceConsole(state.held, action.action);
  // Taken over (or from the queue): it is held now, so it is no longer shown as followed.
  if (action.action.type === "assigned" && state.watched[action.action.view.id]) {
    const { [action.action.view.id]: _now, ...watched } = state.watched;
    return { ...state, held, watched, watchId: state.watchId === action.action.view.id ? undefined : state.watchId };
  }
  return { ...state, held };
}

/** The inbox, most urgent first: crisis before urgent before consult, then oldest. */
export function sortedInbox(state: ProfessionalState): InboxItem[] {
  return [...state.inbox].sort((a, b) => compareEscalations(a.escalation, b.escalation));
}

/** Open (unclaimed) items: what still needs someone. */
export function openAlerts(state: ProfessionalState): number {
  return state.inbox.filter((i) => i.escalation.status === "open").length;
}

/** What the tab title says: new youth messages in held chats first, then open alerts. */
export function titleOf(state: ProfessionalState): { kind: "unread"; n: number } | { kind: "open"; n: number } | { kind: "none" } {
  const unread = totalUnread(state.held);
  if (unread > 0) return { kind: "unread", n: unread };
  const open = openAlerts(state);
  return open > 0 ? { kind: "open", n: open } : { kind: "none" };
}
