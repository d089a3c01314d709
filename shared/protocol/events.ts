import { z } from "zod";
import {
  type MessageView,
  type MessageView as MessageViewType,
  type PeerView,
  type ReturnCodeCheckView,
  ReturnCodeText,
  type StaffConversationView,
  type WrapUpTodoView,
  type YouthConversationView,
  YouthLang,
} from "./conversationViews";
import type { ErrorCode } from "./errors";
import {
  type DutyView,
  EscalationLevel,
  EscalationReferral,
  type EscalationView,
  type LiveConversationView,
  type ProfessionalStateView,
} from "./escalationViews";
import type { LocationView, QueueSummary, ServiceStatus } from "./locationViews";
import { ReachRequests, type ReachResponses, type ReachServerEvents } from "./reach";
import { RiskLevelSchema } from "./risk";
import type { ColleagueView, PresenceView, StaffView } from "./staffViews";
import {
  AgeBand,
  Capacity,
  ClientId,
  ConversationId,
  type Estimate,
  LIMITS,
  LocationChoice,
  LocationId,
  MessageText,
  PresenceStatus,
  Referral,
  type Role,
  TOPICS,
  Topic,
} from "./vocabulary";

/** Every ack has this one shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };
export type AckFn<T> = (response: Ack<T>) => void;

const Seq = z.number().int().min(0);

/**
 * Request schemas, one per client→server event. The server parses every payload with these;
 * the client uses the inferred types to build them.
 */
export const Requests = {
  /** `deviceId`: a random id the youth page keeps in its storage, so a block can reach this browser. */
  "session:open": z
    .object({
      protocolVersion: z.number().int(),
      deviceId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,64}$/)
        .optional(),
    })
    .strict(),
  "session:resume": z.object({ protocolVersion: z.number().int(), token: z.string().min(20).max(100), afterSeq: Seq.optional() }).strict(),
  "service:status": z.object({}).strict(),
  "queue:join": z
    .object({
      locationChoice: LocationChoice,
      nickname: z.string().trim().max(LIMITS.nicknameChars).optional(),
      ageBand: AgeBand.optional(),
      topic: Topic.optional(),
      /** A return code from an earlier chat: its volunteer is offered this youth first. */
      returnCode: ReturnCodeText.optional(),
      /** Only with `returnCode`: the volunteer may see their own note from last time. */
      shareNote: z.boolean().optional(),
      /** The language the youth's page is in, so the volunteer knows which to answer in. */
      lang: YouthLang.optional(),
    })
    .strict(),
  "queue:leave": z.object({}).strict(),
  "returnCode:take": z.object({ conversationId: ConversationId }).strict(),
  "returnCode:check": z.object({ code: ReturnCodeText }).strict(),
  "returnCode:forget": z.object({ code: ReturnCodeText }).strict(),
  "message:send": z.object({ conversationId: ConversationId, id: ClientId, text: MessageText }).strict(),
  "conversation:sync": z.object({ conversationId: ConversationId, afterSeq: Seq }).strict(),
  "delivery:confirm": z.object({ conversationId: ConversationId, upToSeq: Seq }).strict(),
  "typing:set": z.object({ conversationId: ConversationId, typing: z.boolean() }).strict(),
  "conversation:end": z.object({ conversationId: ConversationId }).strict(),
  "feedback:give": z
    .object({
      conversationId: ConversationId,
      helped: z.number().int().min(1).max(5).optional(),
      wouldReturn: z.enum(["yes", "maybe", "no"]).optional(),
    })
    .strict(),
  "note:set": z.object({ conversationId: ConversationId, note: z.string().max(LIMITS.noteChars) }).strict(),
  "whisper:send": z.object({ conversationId: ConversationId, id: ClientId, text: MessageText, consult: z.boolean().optional() }).strict(),
  "conversation:transfer": z
    .object({
      conversationId: ConversationId,
      to: z.union([z.object({ staffId: z.string().min(1).max(60) }).strict(), z.object({ locationChoice: LocationChoice }).strict()]),
      note: z.string().max(LIMITS.noteChars).optional(),
    })
    .strict(),
  "conversation:block": z.object({ conversationId: ConversationId }).strict(),
  "wrapup:submit": z
    .object({
      conversationId: ConversationId.optional(),
      walkInMinutes: z.number().int().min(1).max(600).optional(),
      topics: z.array(Topic).max(TOPICS.length),
      referral: Referral,
      rating: z.number().int().min(1).max(5),
      debrief: z.boolean(),
      /** The volunteer's own judgement of the highest risk in the chat; set beside the risk triage's in the figures. */
      riskJudgement: RiskLevelSchema.optional(),
    })
    .strict()
    .refine((w) => (w.conversationId === undefined) !== (w.walkInMinutes === undefined), "either conversationId or walkInMinutes"),
  "wrapup:todo": z.object({}).strict(),
  "presence:list": z.object({}).strict(),
  "escalation:raise": z
    .object({ conversationId: ConversationId, level: EscalationLevel, note: z.string().max(LIMITS.noteChars).optional() })
    .strict(),
  "escalation:list": z.object({}).strict(),
  "escalation:claim": z.object({ escalationId: z.string().min(1).max(60) }).strict(),
  "escalation:resolve": z
    .object({
      escalationId: z.string().min(1).max(60),
      outcome: z.string().trim().min(1).max(LIMITS.noteChars),
      referral: EscalationReferral,
    })
    .strict(),
  "duty:set": z.object({ onDuty: z.boolean(), locationIds: z.array(LocationId).min(1).max(20).optional() }).strict(),
  "conversation:watch": z.object({ conversationId: ConversationId }).strict(),
  "conversation:join": z.object({ conversationId: ConversationId }).strict(),
  "conversation:live": z.object({}).strict(),
  "conversation:takeover": z.object({ conversationId: ConversationId }).strict(),
  /** The professional stops reading along (closes the chat); a reload no longer reopens it. */
  "conversation:unwatch": z.object({ conversationId: ConversationId }).strict(),
  "conversation:handback": z.object({ conversationId: ConversationId }).strict(),
  "staff:sync": z.object({ protocolVersion: z.number().int() }).strict(),
  "presence:set": z.object({ status: PresenceStatus.optional(), capacity: Capacity.optional() }).strict(),
  "queue:take": z.object({}).strict(),
  ...ReachRequests,
  /** A professional takes one waiting youth (a flagged one) straight from the queue. */
  "queue:claim": z.object({ conversationId: ConversationId }).strict(),
  /** The professional's inbox, live chats, watched chats and queue, for a (re)connecting workplace. */
  "professional:state": z.object({}).strict(),
} as const;

export type RequestName = keyof typeof Requests;
export type RequestOf<E extends RequestName> = z.infer<(typeof Requests)[E]>;

/** What the youth's page needs to draw itself after open or resume. */
export interface YouthState {
  conversation?: YouthConversationView;
  queue?: { position: number; estimate: Estimate };
}

/** What a staff console needs after (re)connecting. */
export interface StaffState {
  staff: StaffView;
  presence: PresenceView;
  conversations: StaffConversationView[];
  queue: QueueSummary;
  locations: LocationView[];
  wrapUpsTodo: WrapUpTodoView[];
  /** For professionals: where they are on duty. */
  duty?: DutyView;
  /** Unresolved escalations of this staff member's chats, so a reload shows the crisis protocol again. */
  escalations: EscalationView[];
}

/** The data each ack carries on success. */
export interface Responses extends ReachResponses {
  "session:open": { token: string; state: YouthState };
  "session:resume": { state: YouthState; missed: MessageView[] };
  "service:status": ServiceStatus;
  "queue:join": { conversation: YouthConversationView; queue: { position: number; estimate: Estimate } };
  "queue:leave": { conversationId: string };
  /** The code, shown once: only its keyed hash is kept. */
  "returnCode:take": { code: string; expiresAt: number };
  "returnCode:check": ReturnCodeCheckView;
  "returnCode:forget": Record<string, never>;
  "message:send": { seq: number; sentAt: number; duplicate: boolean };
  "conversation:sync": { messages: MessageView[]; conversation: YouthConversationView | StaffConversationView };
  "delivery:confirm": { upToSeq: number };
  "typing:set": Record<string, never>;
  "conversation:end": { conversationId: string };
  "feedback:give": Record<string, never>;
  "note:set": { conversationId: string };
  "whisper:send": { seq: number; sentAt: number; duplicate: boolean };
  "conversation:transfer": { conversationId: string };
  "conversation:block": { conversationId: string };
  "wrapup:submit": { id: string };
  "wrapup:todo": WrapUpTodoView[];
  "presence:list": ColleagueView[];
  "escalation:raise": { escalation: EscalationView; unrouted: boolean };
  "escalation:list": EscalationView[];
  "escalation:claim": EscalationView;
  "escalation:resolve": EscalationView;
  "duty:set": DutyView;
  "conversation:watch": { conversation: StaffConversationView; messages: MessageViewType[] };
  "conversation:join": { conversationId: string };
  "conversation:live": LiveConversationView[];
  "conversation:takeover": { conversationId: string };
  "conversation:unwatch": { conversationId: string };
  "conversation:handback": { conversationId: string };
  "staff:sync": StaffState;
  "presence:set": PresenceView;
  "queue:take": StaffConversationView;
  "queue:claim": StaffConversationView;
  "professional:state": ProfessionalStateView;
}

type Handler<E extends RequestName> = (payload: RequestOf<E>, ack: AckFn<Responses[E]>) => void;

/** Generic for `Server<ClientToServerEvents, ...>` and `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export type ClientToServerEvents = { [E in RequestName]: Handler<E> };

/** Broadcasts: past tense, server-made, never re-validated on the hot path. */
export interface ServerToClientEvents extends ReachServerEvents {
  /** To a queued youth: where they stand now. */
  "queue:updated": (p: { conversationId: string; position: number; estimate: Estimate }) => void;
  /** To staff: counts per location. */
  "queue:summarised": (p: QueueSummary) => void;
  /**
   * To a volunteer at a take-next location: a waiting youth is offered to them first until `until`
   * (they came back to this volunteer with a return code, or their topic matches this volunteer's
   * booster training). Sent once per youth; "take next" gives them this youth.
   */
  "queue:offered": (p: { conversationId: string; reason: "return" | "skill"; until: number }) => void;
  /** To the youth (with peer) and to the volunteer (with the staff view). */
  "conversation:assigned": (p: { youth?: YouthConversationView; staff?: StaffConversationView; peer?: PeerView }) => void;
  "message:received": (p: MessageView) => void;
  "delivery:confirmed": (p: { conversationId: string; by: Role; upToSeq: number }) => void;
  "typing:changed": (p: { conversationId: string; role: Role; typing: boolean }) => void;
  "conversation:ended": (p: { conversationId: string; endedBy: Role | "system"; reason: string }) => void;
  "presence:changed": (p: PresenceView) => void;
  /** To staff in the conversation: the internal note changed. */
  "note:updated": (p: { conversationId: string; note: string }) => void;
  /** To the youth: a calm "you are being connected to someone else"; `queued` when back in line. */
  "conversation:transferring": (p: { conversationId: string; queued: boolean }) => void;
  /** To the volunteer who handed a conversation on: it is no longer theirs. */
  "conversation:transferred": (p: { conversationId: string; reason?: "transfer" | "takeover"; to?: PeerView }) => void;
  /** To professionals and the conversation's staff: an escalation was raised, offered, claimed or resolved. */
  "escalation:updated": (p: EscalationView) => void;
  /** To the one professional whose turn it is: sound and a timer. */
  "escalation:alert": (p: EscalationView) => void;
  /** To the volunteer: nobody acknowledged (or nobody is on duty): show the crisis protocol now. */
  "escalation:unrouted": (p: EscalationView) => void;
  /**
   * To the volunteer (and on-duty professionals): a youth message reads as a risk. `acute`: the top
   * grade within high (intent with a plan, means or a time; an attempt or overdose in progress;
   * danger now); always false for concern.
   */
  "risk:flagged": (p: { conversationId: string; level: "concern" | "high"; signals: string[]; acute: boolean; at: number }) => void;
  /** To everyone in the conversation: a professional takes part now. */
  "professional:joined": (p: { conversationId: string; peer: PeerView }) => void;
  /** To every page, youth or staff: a coordinator changed opening hours; where it is open now. */
  "service:changed": (p: ServiceStatus) => void;
  /** To staff: a coordinator changed a location's settings (snippets, topics, auto-assign). */
  "locations:changed": (p: { locations: LocationView[] }) => void;
  /** To a professional: their duty changed without them pressing it (the roster started or ended a shift). */
  "duty:changed": (p: DutyView) => void;
  /** To a volunteer: a wrap-up is waiting to be filed. */
  "wrapup:due": (p: WrapUpTodoView) => void;
}
