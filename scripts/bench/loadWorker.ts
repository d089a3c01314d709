/**
 * A load-generator process for `npm run bench`: the coordinator forks a few of these so the clients'
 * work is spread over processes (and over open-file limits) instead of sharing one event loop.
 * It obeys WorkerCommands on the IPC channel and answers one WorkerReply each.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { type ClientSocket, connect, ok, openStaff, openYouth } from "../../test/helpers/clients";
import type { PairGroup, WorkerCommand, WorkerReply } from "./lib/protocol";

/** A message as both servers broadcast it: enough to tell who sent it. */
interface Received {
  id: string;
  sender: { role: string };
}

/** One chat: the youth's socket and the volunteer's (or, bare, the second client's). */
interface Pair {
  conversationId: string;
  youth: Socket;
  staff: Socket;
}

const TEXT = "hoi, hoe gaat het vandaag met je? ik wilde even iets vragen over school";

const pairs: Pair[] = [];
const held: Socket[] = [];
const armed: { socket: ClientSocket }[] = [];

const send = (reply: WorkerReply) => process.send!(reply);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `done()` holds, checking every 10 ms, or after `limitMs` at the latest. */
async function until(done: () => boolean, limitMs: number): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!done() && performance.now() < deadline) await sleep(10);
}

async function inloopPairs(groups: PairGroup[]): Promise<void> {
  for (const group of groups) {
    const { socket: staff } = await openStaff(group.staffUrl, group.email, group.password);
    await ok(staff, "presence:set", { status: "available", capacity: Math.min(3, group.youthUrls.length || 3) });
    for (const url of group.youthUrls) {
      const { socket: youth } = await openYouth(url);
      await ok(youth, "queue:join", { locationChoice: group.locationChoice });
      const taken = await ok(staff, "queue:take");
      pairs.push({ conversationId: taken.id, youth: youth as unknown as Socket, staff: staff as unknown as Socket });
    }
  }
}

async function barePairs(list: { youthUrl: string; staffUrl: string }[]): Promise<void> {
  for (const { youthUrl, staffUrl } of list) {
    const room = randomUUID();
    const [youth, staff] = (await Promise.all([connect(youthUrl), connect(staffUrl)])) as unknown as Socket[];
    await Promise.all([
      youth!.emitWithAck("pair:join", { room, role: "youth" }),
      staff!.emitWithAck("pair:join", { room, role: "volunteer" }),
    ]);
    pairs.push({ conversationId: room, youth: youth!, staff: staff! });
  }
}

/** Sockets carry one listener per phase; clearing them keeps an earlier phase from counting. */
function resetListeners(): void {
  for (const p of pairs) for (const s of [p.youth, p.staff]) s.off("message:received");
}

/**
 * Closed loop on delivery: each socket keeps `window` messages under way, and a message is under way
 * until the other side has it. Pacing on the sender's ack instead would let a sender outrun the
 * relay (acks come before a cross-process delivery), and the count would measure backlog and drops.
 */
async function saturate(warmupMs: number, measureMs: number, window: number): Promise<WorkerReply> {
  resetListeners();
  let measuring = false;
  let running = true;
  let relayed = 0;
  let errors = 0;
  const underway = new Map<string, () => void>();
  const delivered = (id: string) => {
    const release = underway.get(id);
    if (!release) return;
    underway.delete(id);
    release();
  };
  const pump = (socket: Socket, conversationId: string) => {
    let inFlight = 0;
    const next = () => {
      while (running && inFlight < window) {
        inFlight++;
        const id = randomUUID();
        underway.set(id, () => {
          inFlight--;
          next();
        });
        socket.emit("message:send", { conversationId, id, text: TEXT }, (ack: { ok: boolean }) => {
          if (ack.ok) return;
          if (measuring) errors++;
          delivered(id);
        });
      }
    };
    next();
  };
  const receiver = (side: "youth" | "staff") => (m: Received) => {
    // Only the other side's copy counts as relayed: the sender's own echo is not a delivery.
    if ((m.sender.role === "youth") === (side === "youth")) return;
    if (measuring) relayed++;
    delivered(m.id);
  };
  for (const p of pairs) {
    p.youth.on("message:received", receiver("youth"));
    p.staff.on("message:received", receiver("staff"));
    pump(p.youth, p.conversationId);
    pump(p.staff, p.conversationId);
  }
  await sleep(warmupMs);
  measuring = true;
  const started = performance.now();
  await sleep(measureMs);
  measuring = false;
  const measuredMs = performance.now() - started;
  running = false;
  await until(() => underway.size === 0, 500); // let what is under way land before the next phase
  return { kind: "saturated", relayed, errors, measuredMs };
}

async function paced(warmupMs: number, measureMs: number, ratePerS: number): Promise<WorkerReply> {
  resetListeners();
  const sentAt = new Map<string, number>();
  const latenciesMs: number[] = [];
  let errors = 0;
  let sent = 0;
  let sentInWindow = 0;
  let measureFrom = Infinity;
  let measureTo = Infinity;
  for (const p of pairs) {
    p.staff.on("message:received", (m: Received) => {
      const at = sentAt.get(m.id);
      if (at === undefined) return;
      sentAt.delete(m.id);
      if (at >= measureFrom && at < measureTo) latenciesMs.push(performance.now() - at);
    });
  }
  const started = performance.now();
  const endAt = started + warmupMs + measureMs;
  measureFrom = started + warmupMs;
  measureTo = endAt;
  let next = 0;
  // Open loop: what should have been sent by now is sent now, whatever the acks do.
  while (performance.now() < endAt) {
    const due = Math.floor(((performance.now() - started) / 1000) * ratePerS);
    for (; sent < due; sent++) {
      const p = pairs[next++ % pairs.length]!;
      const id = randomUUID();
      const at = performance.now();
      sentAt.set(id, at);
      if (at >= measureFrom && at < measureTo) sentInWindow++;
      p.youth.emit("message:send", { conversationId: p.conversationId, id, text: TEXT }, (ack: { ok: boolean }) => {
        if (!ack.ok) errors++;
      });
    }
    await sleep(2);
  }
  // Late deliveries still count (dropping them would flatter the tail): wait for them, up to a second.
  await until(() => [...sentAt.values()].every((at) => at < measureFrom || at >= measureTo), 1000);
  // Counted, not estimated from the rate: an estimate is off by one whenever the window's edges
  // fall between two sends, which read as one message late.
  return {
    kind: "paced",
    latenciesMs,
    sent: sentInWindow,
    errors: errors + Math.max(0, sentInWindow - latenciesMs.length),
    measuredMs: measureMs,
  };
}

async function hold(url: string, count: number, concurrency: number): Promise<WorkerReply> {
  let errors = 0;
  let started = 0;
  const openOne = () =>
    new Promise<void>((resolve) => {
      const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 20_000 });
      socket.once("connect", () => {
        held.push(socket);
        resolve();
      });
      socket.once("connect_error", () => {
        errors++;
        socket.close();
        resolve();
      });
    });
  const lane = async () => {
    while (started < count) {
      started++;
      await openOne();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  await sleep(2000); // a socket that drops right after connecting is not held
  return { kind: "held", connected: held.filter((s) => s.connected).length, errors };
}

async function armYouths(url: string, count: number): Promise<WorkerReply> {
  for (let i = 0; i < count; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => openYouth(url)));
    armed.push(...batch);
  }
  return { kind: "armed", youths: armed.length };
}

async function joinSpread(spreadMs: number, locationChoice: string): Promise<WorkerReply> {
  let errors = 0;
  const latenciesMs: number[] = [];
  const gap = spreadMs / Math.max(1, armed.length);
  await Promise.all(
    armed.map(async ({ socket }, i) => {
      await sleep(i * gap);
      const assigned = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("not assigned within 30 s")), 30_000);
        socket.once("conversation:assigned", () => {
          clearTimeout(timer);
          resolve(performance.now());
        });
      });
      const joinedAt = performance.now();
      try {
        await ok(socket, "queue:join", { locationChoice });
        latenciesMs.push((await assigned) - joinedAt);
      } catch {
        errors++;
      }
    }),
  );
  return { kind: "joined", latenciesMs, errors };
}

async function run(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.cmd) {
    case "inloop-pairs":
      await inloopPairs(command.groups);
      return { kind: "ready", pairs: pairs.length };
    case "bare-pairs":
      await barePairs(command.pairs);
      return { kind: "ready", pairs: pairs.length };
    case "saturate":
      return saturate(command.warmupMs, command.measureMs, command.window);
    case "paced":
      return paced(command.warmupMs, command.measureMs, command.ratePerS);
    case "hold":
      return hold(command.url, command.count, command.concurrency);
    case "arm-youths":
      return armYouths(command.url, command.count);
    case "join-spread":
      return joinSpread(command.spreadMs, command.locationChoice);
    case "close":
      for (const s of [...pairs.flatMap((p) => [p.youth, p.staff]), ...held, ...armed.map((a) => a.socket as unknown as Socket)])
        s.disconnect();
      return { kind: "closed" };
  }
}

process.on("message", (command: WorkerCommand) => {
  run(command)
    .then((reply) => {
      send(reply);
      if (command.cmd === "close") setTimeout(() => process.exit(0), 100);
    })
    .catch((error: unknown) => send({ kind: "failed", message: error instanceof Error ? error.message : String(error) }));
});
