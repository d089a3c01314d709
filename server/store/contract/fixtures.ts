import { randomUUID } from "node:crypto";
import type { Message } from "../../domain/conversation";
import type { Escalation } from "../../domain/escalation/escalation";
import type { Staff } from "../../domain/staff";
import type { Store } from "../Store";

/** Returns a fresh, empty store. */
export type MakeStore = () => Promise<Store>;
/** Removes whatever the store wrote, and closes it. */
export type DestroyStore = (store: Store) => Promise<void>;

export const staff = (over: Partial<Staff> = {}): Staff => ({
  id: "s1",
  email: "Sam@Example.org",
  displayName: "Sam",
  role: "volunteer",
  locationId: "leiden",
  passwordHash: "$argon2id$fake",
  active: true,
  skills: ["suicidality"],
  ...over,
});

export const msg = (conversationId: string, over: Partial<Message> = {}): Omit<Message, "seq"> => ({
  id: randomUUID(),
  conversationId,
  senderRole: "youth",
  text: "hoi",
  sentAt: 1,
  ...over,
});

export const escalation = (over: Partial<Escalation> = {}): Escalation => ({
  id: "e_one",
  conversationId: "c_abcdefghijkl",
  locationId: "leiden",
  level: "crisis",
  source: "volunteer",
  note: "noemt een plan",
  raisedBy: "s1",
  raisedAt: 100,
  status: "open",
  offeredTo: [],
  offeredAt: 100,
  ...over,
});

/** A volunteer available at a location with room for `capacity` chats. */
export const availableIn = (store: Store, staffId: string, capacity = 2, locationId = "leiden") =>
  store.putPresence({ staffId, locationId, status: "available", capacity, lastAssignedAt: 0, since: 0 });
