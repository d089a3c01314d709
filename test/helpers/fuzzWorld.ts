import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, connect, login, ok, openStaff, openYouth } from "./clients";
import { storeSnapshot } from "./storeSnapshot";

/** What one fuzz run saw, for the report. */
export interface FuzzCounts {
  cases: number;
  rejected: number;
  accepted: number;
  noAck: number;
  framesTooLarge: number;
  httpRequests: number;
}

export const emptyCounts = (): FuzzCounts => ({ cases: 0, rejected: 0, accepted: 0, noAck: 0, framesTooLarge: 0, httpRequests: 0 });

export type SenderName = "youth" | "volunteer" | "anonymous";

/**
 * The people the fuzzer speaks as, and a live chat between the youth and Sam that valid payloads
 * point at. Rebuilt whenever a case ended the chat or closed a socket.
 */
export class FuzzWorld {
  youth!: { socket: ClientSocket; token: string };
  volunteer!: ClientSocket;
  anonymous!: ClientSocket;
  conversationId = "";
  private staffCookie = "";
  private coordinatorCookie = "";

  constructor(readonly server: RunningServer) {}

  /** Sam (logged in again only if his console was closed), a new youth in a chat with him, a new anonymous socket. */
  async build(): Promise<void> {
    this.youth?.socket.disconnect();
    this.anonymous?.disconnect();
    if (!this.volunteer?.connected) {
      this.volunteer?.disconnect();
      const sam = await openStaff(this.server.url, "sam@leiden.demo", DEMO_PASSWORD);
      this.volunteer = sam.socket;
      this.staffCookie = sam.cookie;
    }
    this.coordinatorCookie ||= await login(this.server.url, "kim@inloop.demo", DEMO_PASSWORD);
    // The chats of earlier worlds (a youth socket closed by a too-large frame) still hold Sam's slots.
    for (const c of await this.server.store.listActiveFor("st_sam")) await ok(this.volunteer, "conversation:end", { conversationId: c.id });
    await ok(this.volunteer, "presence:set", { status: "available", capacity: 3 });
    this.youth = await openYouth(this.server.url);
    this.anonymous = await connect(this.server.url);
    const { conversation } = await ok(this.youth.socket, "queue:join", { locationChoice: "leiden" });
    this.conversationId = conversation.id;
    // Earlier cases may have left youths waiting (a valid queue:join, a transfer back to the queue).
    for (;;) {
      const taken = await ok(this.volunteer, "queue:take");
      if (taken.id === conversation.id) break;
      await ok(this.volunteer, "conversation:end", { conversationId: taken.id });
    }
  }

  /** Still a live chat with every socket connected? Otherwise a new one. */
  async ensure(): Promise<void> {
    const live = this.conversationId && (await this.server.store.getConversation(this.conversationId))?.status === "active";
    const connected = [this.youth?.socket, this.volunteer, this.anonymous].every((s) => s?.connected);
    if (!live || !connected) await this.build();
  }

  socketOf(sender: SenderName): ClientSocket {
    return sender === "youth" ? this.youth.socket : sender === "volunteer" ? this.volunteer : this.anonymous;
  }

  /** Sam's cookie (a volunteer) or Kim's (a national coordinator, so admin payloads get parsed). */
  cookie(who: "volunteer" | "coordinator" = "volunteer"): string {
    return who === "volunteer" ? this.staffCookie : this.coordinatorCookie;
  }

  close(): void {
    for (const s of [this.youth?.socket, this.volunteer, this.anonymous]) s?.disconnect();
  }
}

/**
 * A snapshot taken once the store has stopped moving: a case sent without an ack may still be
 * running on the server (socket.io does not wait for one handler before starting the next), and its
 * writes must not be blamed on the case after it.
 */
export async function quietSnapshot(world: FuzzWorld, pauseMs = 2): Promise<string> {
  let previous = await storeSnapshot(world.server.store, [world.conversationId]);
  for (let i = 0; i < 20; i++) {
    await world.server.dispatcher.settled();
    await new Promise((r) => setTimeout(r, pauseMs));
    const now = await storeSnapshot(world.server.store, [world.conversationId]);
    if (now === previous) return now;
    previous = now;
  }
  return previous;
}

/** Where two snapshots part, for the failure message. */
export function firstDifference(a: string, b: string): string {
  const [x, y] = [JSON.parse(a) as Record<string, unknown>, JSON.parse(b) as Record<string, unknown>];
  const key = Object.keys(x).find((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
  return key ? `${key}: ${JSON.stringify(x[key]).slice(0, 300)} → ${JSON.stringify(y[key]).slice(0, 300)}` : "?";
}

/** Nothing a client sends may add properties to the shared prototypes of this process. */
export function assertPrototypesClean(): void {
  const polluted = [Object.prototype, Array.prototype, Function.prototype].some((p) => Object.getOwnPropertyNames(p).includes("polluted"));
  if (polluted || ({} as { polluted?: unknown }).polluted !== undefined) throw new Error("Object.prototype was polluted");
}
