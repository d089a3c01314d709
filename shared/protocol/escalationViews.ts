/** Escalations, duty and the professional's workplace: what the inbox and the live overview show. */
import { z } from "zod";
import { ConversationStatus, StaffConversationView } from "./conversationViews";
import { AgeBand, StaffRole, Topic } from "./vocabulary";

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
      /** Who holds the chat: a volunteer, or a professional after a take-over or a claim from the queue. */
      holderName: z.string().optional(),
      holderRole: StaffRole.optional(),
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
  /** The display name of its holder (`conversation.holderId`). */
  holderName: z.string().optional(),
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
