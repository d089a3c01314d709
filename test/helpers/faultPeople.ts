import { hashPassword } from "../../server/auth/secrets";
import { buildLocation } from "../../server/domain/testFactories";
import type { Store } from "../../server/store/Store";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { login } from "./clients";
import { ConformingClient, call } from "./faults";
import type { ServerProcess } from "./servers";

const PASSWORD = "fault-password";

/** A youth in a chat and the volunteer on the other process who took them. */
export interface ChatPair {
  youth: ConformingClient;
  staff: ConformingClient;
}

/** A set-up request that must succeed: a busy machine may answer slowly, so retry what timed out. */
async function setUp<T>(client: ConformingClient, event: string, payload: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ack = await call<T>(client.socket, event, payload, 10_000);
    if (ack.ok) return ack.data;
    if (ack.code !== "UNAVAILABLE" || attempt === 5) throw new Error(`${event}: ${ack.code} ${ack.message}`);
  }
}

/** The scenario's world in the store: a location to chat at, one where youths only wait, and a volunteer per chat. */
export async function seedFaultStore(store: Store, chats: number): Promise<void> {
  await store.putLocation(buildLocation({ id: "chat", name: "Chat" }));
  // Nobody works at "wait", and nobody else may take its youths: they stay queued through the fault.
  await store.putLocation(buildLocation({ id: "wait", name: "Wait", overflowSeconds: 3600 }));
  const passwordHash = await hashPassword(PASSWORD);
  for (let i = 0; i < chats; i++) {
    await store.putStaff({
      id: `st_f${i}`,
      email: `f${i}@faults.test`,
      displayName: `F${i}`,
      role: "volunteer",
      locationId: "chat",
      passwordHash,
      active: true,
      skills: [],
    });
  }
}

/**
 * The people of the scenario, every client made through `track`: volunteers alternating between
 * the two processes, a youth in a chat with each (on the other process, so chats cross processes),
 * and `queued` youths waiting at "wait" in the order they joined.
 */
export async function openFaultPeople(
  servers: ServerProcess[],
  alive: () => string[],
  track: (c: ConformingClient) => ConformingClient,
  counts: { chats: number; queued: number },
  progress: (line: string) => void,
): Promise<{ volunteers: ConformingClient[]; pairs: ChatPair[]; waiting: ConformingClient[] }> {
  const volunteers = await Promise.all(
    Array.from({ length: counts.chats }, async (_, i) => {
      const cookie = await login(servers[i % 2]!.url, `f${i}@faults.test`, PASSWORD);
      const staff = track(new ConformingClient(alive, { kind: "staff", cookie }));
      await staff.connect(i % 2);
      await setUp(staff, "presence:set", { status: "available", capacity: 1 });
      return staff;
    }),
  );
  progress(`${volunteers.length} volunteers ready`);
  const openYouth = async (i: number) => {
    const youth = track(new ConformingClient(alive, { kind: "youth" }));
    await youth.connect(i % 2);
    youth.token = (await setUp<{ token: string }>(youth, "session:open", { protocolVersion: PROTOCOL_VERSION })).token;
    return youth;
  };
  const joinAs = async (youth: ConformingClient, locationChoice: string) => {
    const joined = await setUp<{ conversation: { id: string }; queue: { position: number } }>(youth, "queue:join", { locationChoice });
    youth.conversationId = joined.conversation.id;
    return joined.queue.position;
  };

  const pairs: ChatPair[] = [];
  for (let i = 0; i < counts.chats; i++) {
    const youth = await openYouth(i + 1);
    await joinAs(youth, "chat");
    const staff = volunteers[i]!;
    const taken = await setUp<{ id: string }>(staff, "queue:take", {});
    if (taken.id !== youth.conversationId) throw new Error("queue:take: another youth");
    staff.conversationId = taken.id;
    pairs.push({ youth, staff });
  }
  const waiting: ConformingClient[] = [];
  for (let i = 0; i < counts.queued; i++) {
    const youth = await openYouth(i);
    const position = await joinAs(youth, "wait");
    if (position !== i + 1) throw new Error(`queued youth ${i} got position ${position}`);
    waiting.push(youth);
  }
  return { volunteers, pairs, waiting };
}

/** Messages both ways in every chat, `perSide` a second from each side, until `stop()`. */
export function startTraffic(pairs: ChatPair[], perSide: number): { stop(): Promise<void> } {
  let n = 0;
  let sending = true;
  const traffic = (async () => {
    while (sending) {
      for (const { youth, staff } of pairs) {
        youth.send(`y${n}`);
        staff.send(`s${n}`);
      }
      n += 1;
      await new Promise((r) => setTimeout(r, 1000 / perSide));
    }
  })();
  return {
    async stop() {
      sending = false;
      await traffic;
    },
  };
}
