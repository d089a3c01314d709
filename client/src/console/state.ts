import type {
  ColleagueView,
  EscalationView,
  LocationView,
  MessageView,
  PeerView,
  PresenceView,
  QueueSummary,
  Referral,
  RiskLevel,
  Role,
  StaffConversationView,
  StaffState,
  StaffView,
  Topic,
  WrapUpTodoView,
} from "../../../shared/protocol";
import { mergeBySeq } from "../lib/messages";

/** One open chat in the console. */
export interface ChatState {
  view: StaffConversationView;
  messages: MessageView[];
  unread: number;
  youthTyping: boolean;
  /** This chat's unresolved escalations by id; the newest drives the status line. */
  escalations: Record<string, EscalationView>;
  escalation?: EscalationView;
  /** The risk scorer flagged a youth message: the volunteer is prompted until they act on it. */
  risk?: { level: "concern" | "high"; at: number };
  /** Nobody acknowledged (or nobody is on duty) any call about the youth: the crisis protocol shows. */
  crisisProtocol: boolean;
  /** The volunteer closed the protocol; a new unrouted call opens it again. */
  protocolClosed: boolean;
  /** When the youth last wrote, for "last message 4 min ago". */
  lastYouthAt?: number;
  /**
   * The chat is over for me, but stays on screen until I close it, saying why: it ended (how, by
   * whom) or a professional took it over. It never just vanishes.
   */
  closed?: { kind: "ended"; by: string; reason: string } | { kind: "taken-over"; to?: PeerView };
}

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
  | { type: "connection"; online: boolean }
  | { type: "synced"; state: StaffState }
  | { type: "presence"; presence: PresenceView }
  | { type: "queue"; queue: QueueSummary }
  | { type: "assigned"; view: StaffConversationView }
  | { type: "history"; conversationId: string; messages: MessageView[] }
  | { type: "message"; message: MessageView; visible: boolean }
  | { type: "typing"; conversationId: string; role: Role; typing: boolean }
  | { type: "delivered"; conversationId: string; by: Role; upToSeq: number }
  | { type: "note"; conversationId: string; note: string }
  | { type: "ended"; conversationId: string; endedBy?: string; reason?: string }
  | { type: "transferred"; conversationId: string; reason?: "transfer" | "takeover"; to?: PeerView }
  | { type: "dismiss"; conversationId: string }
  | { type: "wrapUpDue"; todo: WrapUpTodoView }
  | { type: "wrapUpFiled"; conversationId: string }
  | { type: "colleagues"; colleagues: ColleagueView[] }
  | { type: "focus"; conversationId: string }
  | { type: "escalation"; escalation: EscalationView; unrouted?: boolean }
  | { type: "risk"; conversationId: string; level: "concern" | "high"; at: number }
  | { type: "dismissRisk"; conversationId: string }
  | { type: "closeProtocol"; conversationId: string }
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

/** The highest seq up to which every message is held (staff see every seq, whispers included). */
export function lastContiguousSeq(messages: readonly MessageView[]): number {
  const seqs = new Set(messages.map((m) => m.seq));
  let seq = 0;
  while (seqs.has(seq + 1)) seq += 1;
  return seq;
}

/**
 * Whether a live message shows a gap in what is held (a broadcast lost with a server process):
 * then the console asks `conversation:sync` for everything after the returned seq (PROTOCOL.md
 * §5.2). Undefined: no gap.
 */
export function gapBefore(messages: readonly MessageView[], message: MessageView): number | undefined {
  const held = lastContiguousSeq(messages);
  return message.seq > held + 1 ? held : undefined;
}

/** The same for a chat in the volunteer's console; undefined for a chat that is not open here. */
export function chatGapBefore(state: ConsoleState, message: MessageView): number | undefined {
  const chat = state.chats[message.conversationId];
  return chat ? gapBefore(chat.messages, message) : undefined;
}

const lastYouthAt = (messages: readonly MessageView[]) => messages.filter((m) => m.sender.role === "youth").at(-1)?.sentAt;

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
  const chat: ChatState = {
    view,
    messages: [],
    unread: 0,
    youthTyping: false,
    escalations: {},
    crisisProtocol: false,
    protocolClosed: false,
  };
  return { ...state, chats: { ...state.chats, [view.id]: chat }, order: [...state.order, view.id], activeId: state.activeId ?? view.id };
}

/** The console's whole state as a pure function of what the server said and what the volunteer did. */
export function reduceConsole(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case "connection":
      return { ...state, online: action.online };
    case "locations":
      return { ...state, locations: action.locations };
    case "synced": {
      const { staff, presence, queue, locations, wrapUpsTodo, conversations } = action.state;
      let next: ConsoleState = { ...state, staff, presence, queue, locations, wrapUpsTodo };
      // Chats that ended or moved while we were away are gone from the server's list; a closed one
      // stays until its volunteer closes it.
      for (const id of state.order) if (!conversations.some((c) => c.id === id) && !state.chats[id]?.closed) next = removeChat(next, id);
      for (const view of conversations) next = addChat(next, view);
      // After a reload the escalations come back, and with them the crisis protocol if still needed.
      for (const escalation of action.state.escalations) next = reduceConsole(next, { type: "escalation", escalation });
      return next;
    }
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
    case "history":
      return withChat(state, action.conversationId, (c) => {
        const messages = mergeBySeq(c.messages, action.messages);
        return { ...c, messages, lastYouthAt: lastYouthAt(messages) };
      });
    case "message":
      return withChat(state, action.message.conversationId, (c) => {
        const messages = mergeBySeq(c.messages, [action.message]);
        const fromYouth = action.message.sender.role === "youth";
        const isNew = !c.messages.some((m) => m.seq === action.message.seq);
        return {
          ...c,
          messages,
          view: { ...c.view, lastSeq: Math.max(c.view.lastSeq, action.message.seq) },
          unread: fromYouth && isNew && !action.visible ? c.unread + 1 : c.unread,
          youthTyping: fromYouth ? false : c.youthTyping,
          lastYouthAt: lastYouthAt(messages),
        };
      });
    case "typing":
      return action.role === "youth" ? withChat(state, action.conversationId, (c) => ({ ...c, youthTyping: action.typing })) : state;
    case "delivered":
      return action.by === "youth"
        ? withChat(state, action.conversationId, (c) => ({
            ...c,
            view: { ...c.view, youthDeliveredSeq: Math.max(c.view.youthDeliveredSeq, action.upToSeq) },
          }))
        : state;
    case "note":
      return withChat(state, action.conversationId, (c) => ({ ...c, view: { ...c.view, note: action.note } }));
    case "ended":
      return withChat(state, action.conversationId, (c) => ({
        ...c,
        view: {
          ...c.view,
          status: "ended",
          ...(action.endedBy && { endedBy: action.endedBy }),
          ...(action.reason && { endReason: action.reason }),
        },
        youthTyping: false,
        crisisProtocol: false,
        risk: undefined,
        closed: c.closed ?? { kind: "ended", by: action.endedBy ?? "system", reason: action.reason ?? "ended" },
      }));
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
    case "escalation": {
      const e = action.escalation;
      if (!e.conversationId) return state;
      return withChat(state, e.conversationId, (c) => {
        const { [e.id]: _old, ...rest } = c.escalations;
        const escalations = e.status === "resolved" ? rest : { ...rest, [e.id]: e };
        const newlyUnrouted = Boolean(action.unrouted) || (e.unroutedAt !== undefined && c.escalations[e.id]?.unroutedAt === undefined);
        const protocolClosed = newlyUnrouted ? false : c.protocolClosed;
        return { ...c, escalations, escalation: e, protocolClosed, crisisProtocol: !protocolClosed && needsProtocol(escalations) };
      });
    }
    case "risk":
      // A lower flag never hides a higher one; a new high flag replaces the old one (its time), so the
      // risk signals (riskAttention.ts) sound again for it.
      return withChat(state, action.conversationId, (c) =>
        c.risk?.level === "high" && action.level !== "high" ? c : { ...c, risk: { level: action.level, at: action.at } },
      );
    case "dismissRisk":
      return withChat(state, action.conversationId, (c) => ({ ...c, risk: undefined }));
    case "closeProtocol":
      return withChat(state, action.conversationId, (c) => ({ ...c, crisisProtocol: false, protocolClosed: true }));
    case "focus":
      return state.chats[action.conversationId]
        ? withChat({ ...state, activeId: action.conversationId }, action.conversationId, (c) => ({ ...c, unread: 0 }))
        : state;
  }
}

/** The crisis protocol is needed while a call about the youth is open and nobody could be reached. */
function needsProtocol(escalations: Record<string, EscalationView>): boolean {
  return Object.values(escalations).some((e) => e.status === "open" && e.unroutedAt !== undefined && e.source !== "debrief");
}

/** The chat's unresolved escalation that is not a debrief, if any: there is one per conversation. */
export function openEscalation(chat: ChatState): EscalationView | undefined {
  return Object.values(chat.escalations).find((e) => e.status !== "resolved" && e.source !== "debrief");
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
  const mine = new Set([state.staff?.locationId, "any"]);
  return (state.queue?.locations ?? []).filter((l) => mine.has(l.locationId)).reduce((sum, l) => sum + l.waiting, 0);
}

export interface WrapUpForm {
  topics: Topic[];
  referral?: Referral;
  rating?: number;
  debrief: boolean;
  walkInMinutes?: number;
  /** The volunteer's own judgement of the highest risk in the chat (chats only). */
  riskJudgement?: RiskLevel;
}

export type WrapUpProblem = "referral" | "rating" | "minutes" | "risk";

/** What is still missing before a wrap-up can be filed; topics may be empty ("none of these"). */
export function wrapUpProblems(form: WrapUpForm, walkIn: boolean): WrapUpProblem[] {
  const problems: WrapUpProblem[] = [];
  if (!form.referral) problems.push("referral");
  if (!form.rating || form.rating < 1 || form.rating > 5) problems.push("rating");
  if (walkIn && !(form.walkInMinutes && form.walkInMinutes >= 1 && form.walkInMinutes <= 600)) problems.push("minutes");
  if (!walkIn && !form.riskJudgement) problems.push("risk");
  return problems;
}

/** Snippets whose key starts with what follows "/" (in the console's language first). */
export function matchSnippets(location: LocationView | undefined, typed: string, lang: "nl" | "en") {
  if (!location || !typed.startsWith("/")) return [];
  const query = typed.slice(1).toLowerCase();
  if (/\s/.test(query)) return [];
  return location.snippets
    .filter((s) => s.key.toLowerCase().startsWith(query))
    .sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang) || a.key.localeCompare(b.key));
}
