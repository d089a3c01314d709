/**
 * Item 1 of the conformance suite: a server process SIGKILLed mid-chat, again and again, while both
 * sides of every chat write every 100 ms, on two processes over Redis. Each round opens chats whose
 * youth is on one process and volunteer on the other, in both directions, then kills one process:
 * for half the chats that is the youth's process, for the other half the volunteer's. The clients
 * are the conforming ones (client.ts): they do what docs/PROTOCOL.md says and nothing more. After
 * each round every message either side had acknowledged must be held by the other side, once.
 * A new process is started in the background while a round runs, so two are up at each kill.
 * Used by conformance.test.ts (a few rounds) and `npm run bench -- faults` (the full count).
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { hashPassword } from "../../server/auth/secrets";
import { buildLocation } from "../../server/domain/testFactories";
import { createRedisStore, destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import type { Store } from "../../server/store/Store";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { login } from "../helpers/clients";
import { REDIS_URL } from "../helpers/redis";
import { type ServerProcess, spawnServer } from "../helpers/servers";
import { ConformingClient, countDelivery } from "./client";

export interface KillRoundsOptions {
  rounds: number;
  /** Chats per round with the youth on the process that is killed (and as many with the volunteer there). */
  chatsPerSide?: number;
  /** Each side of each chat sends one message this often. */
  intervalMs?: number;
  progress?: (line: string) => void;
}

export interface KillRoundsReport {
  rounds: number;
  /** Kills of a process that held the youth's socket of at least one live chat. */
  youthProcessKills: number;
  /** Kills of a process that held the volunteer's socket of at least one live chat. */
  volunteerProcessKills: number;
  acked: number;
  /** Acknowledged by one side, never held by the other. */
  lost: number;
  lostYouthToVolunteer: number;
  lostVolunteerToYouth: number;
  /** Ids held with two seqs. */
  duplicated: number;
  repeatedBroadcasts: number;
  gapSyncs: number;
  reconnects: number;
  /** message:send refusals a conforming client may not resend (none expected). */
  refusals: number;
  /** Rounds in which something was lost, for the log. */
  roundsWithLoss: number[];
}

const PASSWORD = "conformance-password";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const alive = (p: ServerProcess) => p.child.exitCode === null && p.child.signalCode === null;

async function must<T>(client: ConformingClient, event: string, payload: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ack = await client.request<T>(event, payload);
    if (ack.ok) return ack.data;
    if (ack.code !== "UNAVAILABLE" || attempt === 5) throw new Error(`${event}: ${ack.code} ${ack.message}`);
  }
}

/** Starts a server process on the rounds' Redis prefix; each one that comes up joins `processes`, to be stopped at the end. */
function processStarter(prefix: string, processes: ServerProcess[]): () => Promise<ServerProcess> {
  const env = {
    REDIS_URL,
    REDIS_PREFIX: prefix,
    DEMO: "false",
    TICK_MS: "500",
    PRESENCE_GRACE_MS: "600000",
    MESSAGE_RATE_PER_10S: "100000",
    LOG_LEVEL: "error",
  };
  return () => {
    const started = spawnServer(env);
    void started.then(
      (p) => processes.push(p),
      () => {},
    );
    return started;
  };
}

/** Runs the rounds on the shared Redis under a prefix of its own, and removes every key afterwards. */
export async function runKillRounds(o: KillRoundsOptions): Promise<KillRoundsReport> {
  const perSide = o.chatsPerSide ?? 2;
  const intervalMs = o.intervalMs ?? 100;
  const progress = o.progress ?? (() => {});
  const prefix = `inloop-conformance-${randomUUID()}:`;
  const redis = new Redis(REDIS_URL);
  const store = createRedisStore(redis, { prefix });
  const processes: ServerProcess[] = [];
  const clients: ConformingClient[] = [];
  const report = emptyReport();
  try {
    const volunteers = perSide * 2;
    await seedKillStore(store, volunteers);
    const start = processStarter(prefix, processes);
    let pair = await Promise.all([start(), start()]);
    let spare = start();
    const cookies = await Promise.all(Array.from({ length: volunteers }, (_, i) => login(pair[0].url, `k${i}@conformance.test`, PASSWORD)));
    // The load balancer: whichever of the two current processes is still up, in this round's order.
    let current = pair;
    const urls = () => current.filter(alive).map((p) => p.url);

    for (let round = 1; round <= o.rounds; round++) {
      const [victim, survivor] = pair;
      current = pair;
      const track = (c: ConformingClient) => (clients.push(c), c);
      const chats = await openRoundChats(urls, cookies, perSide, track);
      const traffic = startTraffic(chats, round, intervalMs);
      // Killed at a random moment, so it lands anywhere between storing a message and broadcasting it.
      await pause(300 + Math.random() * 700);
      await victim.stop("SIGKILL");
      report.rounds += 1;
      report.youthProcessKills += chats.some((c) => c.youthOnVictim) ? 1 : 0;
      report.volunteerProcessKills += chats.some((c) => !c.youthOnVictim) ? 1 : 0;
      // The next process comes up while the chats carry on on the survivor.
      const next = await spare;
      current = [survivor, next];
      await pause(1000);
      await traffic.stop();

      const deadline = Date.now() + 30_000;
      while (chats.some((c) => c.youth.outbox.length + c.staff.outbox.length > 0) && Date.now() < deadline) await pause(100);
      // The last broadcasts, and any gap sync they cause, get a moment to land.
      await pause(500);
      const counted = countRound(report, chats, round);
      progress(
        `round ${round}: acked ${counted.acked}, lost ${counted.lost}, gap syncs ${counted.gapSyncs}, repeated broadcasts ${counted.repeatedBroadcasts}`,
      );

      for (const c of chats) {
        await must(c.staff, "conversation:end", { conversationId: c.staff.conversationId });
        c.youth.close();
        c.staff.close();
      }
      clients.length = 0;
      pair = [survivor, next];
      spare = start();
    }
    await spare;
    return report;
  } finally {
    for (const c of clients) c.close();
    await Promise.all(processes.map((p) => p.stop("SIGKILL")));
    await destroyRedisPrefix(redis, prefix);
    redis.disconnect();
  }
}

/** A chat of a round, and whether its youth is on the process that is killed. */
interface RoundChat {
  youth: ConformingClient;
  staff: ConformingClient;
  youthOnVictim: boolean;
}

function emptyReport(): KillRoundsReport {
  return {
    rounds: 0,
    youthProcessKills: 0,
    volunteerProcessKills: 0,
    acked: 0,
    lost: 0,
    lostYouthToVolunteer: 0,
    lostVolunteerToYouth: 0,
    duplicated: 0,
    repeatedBroadcasts: 0,
    gapSyncs: 0,
    reconnects: 0,
    refusals: 0,
    roundsWithLoss: [],
  };
}

/** One location and a volunteer per chat of a round. */
async function seedKillStore(store: Store, volunteers: number): Promise<void> {
  await store.putLocation(buildLocation({ id: "chat", name: "Chat" }));
  const passwordHash = await hashPassword(PASSWORD);
  for (let i = 0; i < volunteers; i++) {
    await store.putStaff({
      id: `st_k${i}`,
      email: `k${i}@conformance.test`,
      displayName: `K${i}`,
      role: "volunteer",
      locationId: "chat",
      passwordHash,
      active: true,
      skills: [],
    });
  }
}

/**
 * A round's chats, a volunteer and a youth each: the first half with the youth on the victim
 * (the first URL) and the volunteer on the survivor, the second half the other way round.
 */
async function openRoundChats(
  urls: () => string[],
  cookies: string[],
  perSide: number,
  track: (c: ConformingClient) => ConformingClient,
): Promise<RoundChat[]> {
  const chats: RoundChat[] = [];
  for (let i = 0; i < perSide * 2; i++) {
    const youthOnVictim = i < perSide;
    const staff = track(new ConformingClient(urls, { kind: "staff", cookie: cookies[i]! }));
    await staff.connect(youthOnVictim ? 1 : 0);
    await must(staff, "presence:set", { status: "available", capacity: 1 });
    const youth = track(new ConformingClient(urls, { kind: "youth" }));
    await youth.connect(youthOnVictim ? 0 : 1);
    youth.token = (await must<{ token: string }>(youth, "session:open", { protocolVersion: PROTOCOL_VERSION })).token;
    youth.conversationId = (await must<{ conversation: { id: string } }>(youth, "queue:join", { locationChoice: "chat" })).conversation.id;
    const taken = await must<{ id: string }>(staff, "queue:take", {});
    if (taken.id !== youth.conversationId) throw new Error("queue:take gave another youth");
    staff.conversationId = taken.id;
    chats.push({ youth, staff, youthOnVictim });
  }
  return chats;
}

/** Both sides of every chat send a message every `intervalMs` until `stop()`. */
function startTraffic(chats: RoundChat[], round: number, intervalMs: number): { stop(): Promise<void> } {
  let sending = true;
  const traffic = (async () => {
    for (let n = 0; sending; n++) {
      for (const c of chats) {
        c.youth.send(`r${round} y${n}`);
        c.staff.send(`r${round} s${n}`);
      }
      await pause(intervalMs);
    }
  })();
  return {
    async stop() {
      sending = false;
      await traffic;
    },
  };
}

/** Adds what a round's chats hold to the report; throws if a message was never acknowledged. */
function countRound(report: KillRoundsReport, chats: RoundChat[], round: number): ReturnType<typeof countDelivery> {
  const counted = countDelivery(chats);
  for (const c of chats) {
    for (const id of c.youth.tally.acked) if (!c.staff.tally.view.has(id)) report.lostYouthToVolunteer += 1;
    for (const id of c.staff.tally.acked) if (!c.youth.tally.view.has(id)) report.lostVolunteerToYouth += 1;
    report.reconnects += c.youth.reconnects + c.staff.reconnects;
    report.refusals += c.youth.refusals.length + c.staff.refusals.length;
    const unsent = c.youth.outbox.length + c.staff.outbox.length;
    if (unsent > 0) throw new Error(`round ${round}: ${unsent} messages never acknowledged`);
  }
  report.acked += counted.acked;
  report.lost += counted.lost;
  report.duplicated += counted.duplicated;
  report.repeatedBroadcasts += counted.repeatedBroadcasts;
  report.gapSyncs += counted.gapSyncs;
  if (counted.lost > 0) report.roundsWithLoss.push(round);
  return counted;
}
