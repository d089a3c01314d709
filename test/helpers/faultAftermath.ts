import type { Store } from "../../server/store/Store";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import type { ChatPair } from "./faultPeople";
import { ConformingClient, call } from "./faults";

/** Acknowledged messages of these chats that the transcript in the store does not hold. */
export async function missingInStore(store: Store, pairs: ChatPair[]): Promise<number> {
  let missing = 0;
  for (const { youth, staff } of pairs) {
    const stored = new Set((await store.listMessages(youth.conversationId!, 0)).map((m) => m.id));
    for (const id of [...youth.tally.acked, ...staff.tally.acked]) if (!stored.has(id)) missing += 1;
  }
  return missing;
}

/**
 * Whether the waiting youths are still queued in the order they joined, as their pages would show
 * after a reload, and how many are in the line now.
 */
export async function queueAfterFault(store: Store, waiting: ConformingClient[]): Promise<{ kept: boolean; after: number }> {
  const positions = await Promise.all(
    waiting.map(async (y) => {
      const resumed = await call<{ state: { queue?: { position: number } } }>(y.socket, "session:resume", {
        protocolVersion: PROTOCOL_VERSION,
        token: y.token,
      });
      return resumed.ok ? resumed.data.state.queue?.position : undefined;
    }),
  );
  const standings = await Promise.all(waiting.map((y) => store.getConversation(y.conversationId!)));
  const queueNow = (await store.listQueue()).filter((e) => e.locationChoice === "wait").sort((a, b) => a.queuedAt - b.queuedAt);
  const kept =
    positions.every((p, i) => p === i + 1) &&
    standings.every((c) => c?.status === "queued") &&
    queueNow.map((e) => e.id).join() === waiting.map((y) => y.conversationId).join();
  return { kept, after: queueNow.length };
}

/** Whether every volunteer still has exactly their own chat, active, as their console would sync it. */
export async function conversationsIntact(pairs: ChatPair[]): Promise<boolean> {
  const intact = await Promise.all(
    pairs.map(async ({ staff }, i) => {
      const synced = await call<{ conversations: { id: string; status: string }[] }>(staff.socket, "staff:sync", {
        protocolVersion: PROTOCOL_VERSION,
      });
      return (
        synced.ok &&
        synced.data.conversations.length === 1 &&
        synced.data.conversations[0]!.id === staff.conversationId &&
        synced.data.conversations[0]!.status === "active" &&
        staff.conversationId === pairs[i]!.youth.conversationId
      );
    }),
  );
  return intact.every(Boolean);
}

/** After the fault, on what is left: a new youth joins, and a volunteer whose chat ended picks up the next youth. */
export async function newChatWorks(url: string, volunteer: ConformingClient, pair: { youth: ConformingClient }): Promise<boolean> {
  const end = await call(volunteer.socket, "conversation:end", { conversationId: volunteer.conversationId });
  if (!end.ok) return false;
  pair.youth.conversationId = undefined;
  const youth = new ConformingClient(() => [url], { kind: "youth" });
  try {
    await youth.connect();
    const opened = await call<{ token: string }>(youth.socket, "session:open", { protocolVersion: PROTOCOL_VERSION });
    if (!opened.ok) return false;
    const joined = await call<{ conversation: { id: string } }>(youth.socket, "queue:join", { locationChoice: "chat" });
    const taken = await call(volunteer.socket, "queue:take", {});
    // Whom they get is routing's business (the oldest eligible: a waiting youth whose location has
    // nobody available goes to everyone at once); that the queue serves again is what counts here.
    return joined.ok && taken.ok;
  } finally {
    youth.close();
  }
}

/** True if a new websocket to this server is refused (or fails) within 2 s. */
export async function refusesConnection(url: string): Promise<boolean> {
  const { io } = await import("socket.io-client");
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 2000 });
  try {
    return await new Promise<boolean>((resolve) => {
      socket.once("connect", () => resolve(false));
      socket.once("connect_error", () => resolve(true));
    });
  } finally {
    socket.disconnect();
  }
}
