import { z } from "zod";

/** Limits shared by client (to warn early) and server (to enforce). */
export const LIMITS = {
  messageChars: 2000,
  nicknameChars: 30,
  noteChars: 500,
} as const;

export const ROLES = ["youth", "volunteer", "professional", "coordinator"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const STAFF_ROLES = ["volunteer", "professional", "coordinator"] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

/** Age bands a youth may pick; the out-of-range bands exist so we can point them elsewhere kindly. */
export const AGE_BANDS = ["under-12", "12-15", "16-18", "19-21", "22-25", "over-25"] as const;
export const AgeBand = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof AgeBand>;

/** Topic keys a youth may pick; labels live in the client catalogues. */
export const TOPICS = [
  "feeling-down",
  "anxiety-stress",
  "loneliness",
  "relationships",
  "sexuality-identity",
  "home-family",
  "school-work",
  "body-eating",
  "self-harm-suicide",
  "abuse-exploitation",
  "migration",
  "something-else",
] as const;
export const Topic = z.enum(TOPICS);
export type Topic = z.infer<typeof Topic>;

/** Booster trainings a volunteer can hold; staff may also carry free-form skills. */
export const BOOSTER_SKILLS = ["suicidality", "eating-disorders", "sexual-exploitation", "migrant-refugee"] as const;
export const SkillKey = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const ANY_LOCATION = "any";
export const LocationId = z.string().regex(/^[a-z0-9-]{1,40}$/);
export const LocationChoice = z.union([z.literal(ANY_LOCATION), LocationId]);

export const PRESENCE_STATUSES = ["available", "break", "walk-in", "off"] as const;
export const PresenceStatus = z.enum(PRESENCE_STATUSES);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const Capacity = z.number().int().min(1).max(3);

/** Ids that clients make (message ids) are UUIDs, so a resend after reconnect is recognised. */
export const ClientId = z.uuid();
export const ConversationId = z.string().regex(/^c_[A-Za-z0-9_-]{10,40}$/);

export const MessageText = z
  .string()
  .max(LIMITS.messageChars)
  .refine((t) => t.trim().length > 0, "empty message");

/** "unknown" is honest: no recent service times or nobody on shift to measure against. */
export const Estimate = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("unknown") }),
  z.object({ kind: z.literal("minutes"), low: z.number().int().min(0), high: z.number().int().min(0) }),
]);
export type Estimate = z.infer<typeof Estimate>;

export const ConversationStatus = z.enum(["queued", "active", "ended", "abandoned"]);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** How a staff member appears to a youth: a first name and a role, never more. */
export const PeerView = z.object({ role: StaffRole, name: z.string() });
export type PeerView = z.infer<typeof PeerView>;

/**
 * What happened in a conversation, as a line in the staff's transcript (never shown to the youth):
 * a professional joined, took over or handed back; the chat was transferred; it ended (with `by`
 * and `reason`, e.g. "quick-exit", "left-queue", "gone", "ended", "blocked"); the youth's page
 * closed or came back. `name` is the staff member it is about, if any.
 */
export const SYSTEM_EVENTS = ["joined", "took-over", "handed-back", "transferred", "ended", "page-closed", "page-back"] as const;
export const SystemEvent = z.object({
  kind: z.enum(SYSTEM_EVENTS),
  name: z.string().optional(),
  by: z.string().optional(),
  reason: z.string().optional(),
});
export type SystemEvent = z.infer<typeof SystemEvent>;

export const MessageView = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int().positive(),
  sender: z.object({ role: Role, name: z.string().optional() }),
  text: z.string(),
  sentAt: z.number(),
  /** "staff": a whisper or consult between staff inside the conversation; never sent to a youth. */
  visibility: z.literal("staff").optional(),
  /** A transcript event for staff (always with visibility "staff"); `text` is empty. */
  system: SystemEvent.optional(),
});
export type MessageView = z.infer<typeof MessageView>;

/** A conversation as the youth sees it. */
export const YouthConversationView = z.object({
  id: z.string(),
  status: ConversationStatus,
  locationChoice: z.string(),
  queuedAt: z.number(),
  peer: PeerView.optional(),
  endedBy: z.string().optional(),
  /** Up to which seq the staff side has confirmed having the messages: "delivered" survives a reload. */
  staffDeliveredSeq: z.number().int(),
  /**
   * The conversation's last seq when this view was made. Staff whispers take seqs too, so a youth's
   * seqs have gaps: after a resume, everything up to here is known, whatever the gaps.
   */
  lastSeq: z.number().int(),
});
export type YouthConversationView = z.infer<typeof YouthConversationView>;

/** What a youth types as a return code; the server reads it forgivingly (case, spaces, dashes). */
export const ReturnCodeText = z.string().trim().min(5).max(80);

/**
 * The volunteer of a return code right now: "here" (on shift with room: offered first), "busy" (on
 * shift, every slot taken) or "away" (not on shift). Told to the youth as it is.
 */
export const VolunteerAvailability = z.enum(["here", "busy", "away"]);
export type VolunteerAvailability = z.infer<typeof VolunteerAvailability>;

/** What a valid return code tells the youth: who they talked with, and whether that person is here. */
export const ReturnCodeCheckView = z.object({ volunteer: PeerView, availability: VolunteerAvailability, expiresAt: z.number() });
export type ReturnCodeCheckView = z.infer<typeof ReturnCodeCheckView>;

/** The languages of the youth page. */
export const YouthLang = z.enum(["nl", "en"]);
export type YouthLang = z.infer<typeof YouthLang>;

/** A conversation as staff see it: what the youth chose to share, never more. */
export const StaffConversationView = z.object({
  id: z.string(),
  status: ConversationStatus,
  locationChoice: z.string(),
  locationId: z.string().optional(),
  priority: z.number(),
  nickname: z.string().optional(),
  ageBand: AgeBand.optional(),
  topic: Topic.optional(),
  /** The language of the youth's page when they joined. */
  lang: YouthLang.optional(),
  queuedAt: z.number(),
  assignedAt: z.number().optional(),
  endedAt: z.number().optional(),
  volunteerId: z.string().optional(),
  /** How it ended ("ended", "quick-exit", "left-queue", "gone", "blocked", …) and by whom. */
  endedBy: z.string().optional(),
  endReason: z.string().optional(),
  /** The youth's page has been disconnected since then (epoch ms); absent while connected. */
  disconnectedAt: z.number().optional(),
  lastSeq: z.number().int(),
  youthDeliveredSeq: z.number().int(),
  note: z.string().optional(),
  handoverNote: z.string().optional(),
  transfers: z.number().int(),
  /** The professional who joined, if any. */
  professionalId: z.string().optional(),
  /** A professional took it over from this volunteer and holds it now: "hand back" goes to them. */
  previousVolunteerId: z.string().optional(),
  /**
   * The youth came back with a return code: to the volunteer now in the chat ("same-volunteer"), or
   * to someone else because that volunteer was not free ("another-volunteer").
   */
  returning: z.enum(["same-volunteer", "another-volunteer"]).optional(),
  /** The volunteer's own note from last time: only to that volunteer, only if the youth agreed. */
  returnNote: z.string().optional(),
});
export type StaffConversationView = z.infer<typeof StaffConversationView>;

export const LocationStatus = z.object({
  id: z.string(),
  name: z.string(),
  open: z.boolean(),
  /** Epoch ms of the next opening (when closed) or of the closing time (when open); absent if none within two weeks. */
  nextChangeAt: z.number().optional(),
});
export type LocationStatus = z.infer<typeof LocationStatus>;

export const ServiceStatus = z.object({
  anyOpen: z.boolean(),
  nextOpenAt: z.number().optional(),
  locations: z.array(LocationStatus),
});
export type ServiceStatus = z.infer<typeof ServiceStatus>;

export const QueueLocationSummary = z.object({
  locationId: z.string(),
  waiting: z.number().int(),
  longestWaitMs: z.number(),
  flagged: z.number().int(),
  availableVolunteers: z.number().int(),
});
export type QueueLocationSummary = z.infer<typeof QueueLocationSummary>;

export const QueueSummary = z.object({ at: z.number(), locations: z.array(QueueLocationSummary) });
export type QueueSummary = z.infer<typeof QueueSummary>;

export const PresenceView = z.object({
  staffId: z.string(),
  locationId: z.string(),
  status: PresenceStatus,
  capacity: Capacity,
  load: z.number().int(),
  since: z.number(),
});
export type PresenceView = z.infer<typeof PresenceView>;

export const REFERRALS = ["none", "gp", "mental-health-care", "113", "other"] as const;
export const Referral = z.enum(REFERRALS);
export type Referral = z.infer<typeof Referral>;

export const SnippetView = z.object({ key: z.string(), lang: z.enum(["nl", "en"]), text: z.string() });
export type SnippetView = z.infer<typeof SnippetView>;

/** A location as staff need it in the console. */
export const LocationView = z.object({
  id: z.string(),
  name: z.string(),
  autoAssign: z.boolean(),
  snippets: z.array(SnippetView),
  wrapUpTopics: z.array(z.string()),
});
export type LocationView = z.infer<typeof LocationView>;

/** A colleague who could take a transfer now. */
export const ColleagueView = z.object({
  staffId: z.string(),
  displayName: z.string(),
  locationId: z.string(),
  freeSlots: z.number().int(),
});
export type ColleagueView = z.infer<typeof ColleagueView>;

export const WrapUpTodoView = z.object({ conversation: StaffConversationView, durationMs: z.number(), transfers: z.number().int() });
export type WrapUpTodoView = z.infer<typeof WrapUpTodoView>;

export const StaffView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: StaffRole,
  locationId: z.string(),
  /** Coordinators: the locations they run ("all" for a national coordinator). */
  manages: z.union([z.literal("all"), z.array(z.string())]).optional(),
});
export type StaffView = z.infer<typeof StaffView>;

export const ESCALATION_LEVELS = ["consult", "urgent", "crisis"] as const;
export const EscalationLevel = z.enum(ESCALATION_LEVELS);
export type EscalationLevel = z.infer<typeof EscalationLevel>;

/** The inbox order, shared by server and console: crisis before urgent before consult, then oldest first. */
export function compareEscalations(
  a: { level: EscalationLevel; raisedAt: number },
  b: { level: EscalationLevel; raisedAt: number },
): number {
  return ESCALATION_LEVELS.indexOf(b.level) - ESCALATION_LEVELS.indexOf(a.level) || a.raisedAt - b.raisedAt;
}

/** What a professional can refer to when resolving an escalation. */
export const ESCALATION_REFERRALS = ["none", "gp", "mental-health-care", "113", "112"] as const;
export const EscalationReferral = z.enum(ESCALATION_REFERRALS);

export const EscalationView = z.object({
  id: z.string(),
  conversationId: z.string().optional(),
  locationId: z.string(),
  level: EscalationLevel,
  source: z.enum(["volunteer", "risk", "debrief"]),
  note: z.string().optional(),
  raisedBy: z.string().optional(),
  raisedByName: z.string().optional(),
  raisedAt: z.number(),
  status: z.enum(["open", "claimed", "resolved"]),
  offeredTo: z.array(z.string()),
  offeredAt: z.number(),
  unroutedAt: z.number().optional(),
  claimedBy: z.string().optional(),
  claimedByName: z.string().optional(),
  claimedAt: z.number().optional(),
  resolvedAt: z.number().optional(),
  /** Risk signal ids (shown in words from the client catalogue, never raw). */
  signals: z.array(z.string()).optional(),
  /** When the last signal or level raise came in: "minutes since the signal". */
  signalAt: z.number().optional(),
  /** The professional it is offered to now (the last of `offeredTo`), by name. */
  offeredToName: z.string().optional(),
  /** Who and what: the youth as far as they shared, and where they are now. */
  about: z
    .object({
      status: ConversationStatus,
      nickname: z.string().optional(),
      ageBand: AgeBand.optional(),
      topic: Topic.optional(),
      locationChoice: z.string(),
      volunteerName: z.string().optional(),
      volunteerRole: StaffRole.optional(),
      disconnected: z.boolean().optional(),
    })
    .optional(),
});
export type EscalationView = z.infer<typeof EscalationView>;

export const DutyView = z.object({
  staffId: z.string(),
  onDuty: z.boolean(),
  locationIds: z.array(z.string()),
  since: z.number().optional(),
  /** The locations this professional may be on duty for (home and those a coordinator gave them). */
  mayCover: z.array(z.string()).optional(),
});
export type DutyView = z.infer<typeof DutyView>;

/** A live conversation as a professional sees it in the overview. */
export const LiveConversationView = z.object({
  conversation: StaffConversationView,
  volunteerName: z.string().optional(),
  flagged: z.boolean(),
});
export type LiveConversationView = z.infer<typeof LiveConversationView>;

/** Everything the professional's workplace needs after (re)connecting, besides `staff:sync`. */
export const ProfessionalStateView = z.object({
  duty: DutyView,
  /** Unresolved escalations, inbox order. */
  inbox: z.array(EscalationView),
  live: z.array(LiveConversationView),
  /** Chats they follow without holding (read along with and not closed, claimed an escalation of, or joined), to reopen after a reload. */
  watching: z.array(z.string()),
  /** Youths waiting for the locations they are on duty for (and "any"), flagged first. */
  queue: z.array(StaffConversationView),
});
export type ProfessionalStateView = z.infer<typeof ProfessionalStateView>;
