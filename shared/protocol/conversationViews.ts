/** A conversation and its messages as the youth and as staff see them, return codes included. */
import { z } from "zod";
import { AgeBand, Role, StaffRole, Topic } from "./vocabulary";

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
  /** Who holds it: the volunteer, or a professional who took it over or took the youth from the queue. */
  holderId: z.string().optional(),
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

export const WrapUpTodoView = z.object({ conversation: StaffConversationView, durationMs: z.number(), transfers: z.number().int() });
export type WrapUpTodoView = z.infer<typeof WrapUpTodoView>;
