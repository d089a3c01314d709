import type { MessageView, StaffConversationView, StaffState } from "../../../shared/protocol";
import { type ConsoleAction, type ConsoleState, initialConsole, reduceConsole } from "./state";

/** Builders the console's reducer tests share: a conversation view, a message, a sync, a run of actions. */
export const view = (id: string, over: Partial<StaffConversationView> = {}): StaffConversationView => ({
  id,
  status: "active",
  locationChoice: "leiden",
  priority: 0,
  queuedAt: 0,
  lastSeq: 0,
  youthDeliveredSeq: 0,
  transfers: 0,
  ...over,
});
export const msg = (conversationId: string, seq: number, role: MessageView["sender"]["role"] = "youth"): MessageView => ({
  id: `m${conversationId}${seq}`,
  conversationId,
  seq,
  sender: { role },
  text: `t${seq}`,
  sentAt: seq * 1000,
});
export const run = (actions: ConsoleAction[], start: ConsoleState = initialConsole) => actions.reduce(reduceConsole, start);
export const synced = (conversations: StaffConversationView[]): StaffState => ({
  staff: { id: "st_sam", email: "sam@x", displayName: "Sam", role: "volunteer", locationId: "leiden" },
  presence: { staffId: "st_sam", locationId: "leiden", status: "available", capacity: 2, load: conversations.length, since: 0 },
  conversations,
  queue: {
    at: 0,
    locations: [
      { locationId: "leiden", waiting: 2, longestWaitMs: 0, flagged: 0, availableVolunteers: 1 },
      { locationId: "any", waiting: 1, longestWaitMs: 0, flagged: 0, availableVolunteers: 0 },
      { locationId: "amsterdam", waiting: 5, longestWaitMs: 0, flagged: 0, availableVolunteers: 0 },
    ],
  },
  locations: [
    {
      id: "leiden",
      name: "Leiden",
      autoAssign: false,
      snippets: [
        { key: "welkom", lang: "nl", text: "Hoi!" },
        { key: "welcome", lang: "en", text: "Hi!" },
        { key: "113", lang: "nl", text: "Bel 113" },
      ],
      wrapUpTopics: [],
    },
  ],
  wrapUpsTodo: [],
  escalations: [],
});
