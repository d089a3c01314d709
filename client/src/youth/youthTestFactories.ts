import type { MessageView, ServiceStatus, YouthConversationView } from "../../../shared/protocol";
import { initialModel, reduce, type YouthAction, type YouthModel } from "./machine";

/** Builders the youth page's model tests share: service statuses, a conversation, a message, a run of actions. */
export const open: ServiceStatus = { anyOpen: true, locations: [{ id: "leiden", name: "Leiden", open: true }] };
export const closed: ServiceStatus = {
  anyOpen: false,
  nextOpenAt: 1,
  locations: [{ id: "leiden", name: "Leiden", open: false, nextChangeAt: 1 }],
};
export const conversation = (over: Partial<YouthConversationView> = {}): YouthConversationView => ({
  id: "c_abcdefghijkl",
  status: "queued",
  locationChoice: "any",
  queuedAt: 0,
  staffDeliveredSeq: 0,
  lastSeq: 0,
  ...over,
});
export const msg = (seq: number, role: MessageView["sender"]["role"] = "volunteer", id = `m${seq}`): MessageView => ({
  id,
  conversationId: "c_abcdefghijkl",
  seq,
  sender: { role, ...(role !== "youth" && { name: "Sam" }) },
  text: `t${seq}`,
  sentAt: seq,
});
export const run = (actions: YouthAction[], start: YouthModel = initialModel()) => actions.reduce(reduce, start);
