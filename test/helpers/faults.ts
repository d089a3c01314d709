/**
 * What the fault tests and `npm run bench -- faults` share: a Redis of their own (AOF, fsync on every
 * write) that can be killed and restarted, and chat clients that behave as the real pages do when
 * the connection breaks: reconnect to whichever server answers, resume, resend unacknowledged
 * messages with the same ids, and keep every message once by id.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { PROTOCOL_VERSION, type Ack, type MessageView } from "../../shared/protocol";
import type { ClientSocket } from "./clients";
import { redisAnswers } from "./redis";

/** A port nobody listens on right now. */
export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface OwnRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: a crash, nothing flushed on the way out beyond what AOF already has). */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder; it reloads the AOF. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
}

/** A redis-server on a spare port with `appendonly yes`, `appendfsync always`, in a temporary folder. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await sparePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "inloop-redis-"));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", dir], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      if (await redisAnswers(200, url)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`own redis-server on ${port} did not start`);
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  await start();
  return {
    url,
    port,
    kill,
    start,
    async destroy() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Received = { id: string; seq: number };

/** What a client counted, for the lost/duplicated figures. */
export interface ChatTally {
  /** Ids this client sent and the server acknowledged. */
  acked: Set<string>;
  /** Message id → seq, as this client holds it (live or from a resync). */
  view: Map<string, number>;
  /** Same id seen again with another seq: the message would show twice. */
  duplicates: number;
  /** The same id broadcast twice to one connection. */
  repeatedBroadcasts: number;
}

/**
 * One side of a chat (youth or staff) that survives a server dying: it reconnects to the first
 * server that takes it, resumes (youth) or resyncs (staff), and resends its outbox.
 */
export class ResilientClient {
  socket!: ClientSocket;
  token?: string;
  conversationId?: string;
  readonly tally: ChatTally = { acked: new Set(), view: new Map(), duplicates: 0, repeatedBroadcasts: 0 };
  readonly outbox: { id: string; text: string }[] = [];
  reconnects = 0;
  private closed = false;
  private flushing = false;
  private liveThisConnection = new Set<string>();

  constructor(
    private readonly urls: () => string[],
    private readonly who: { kind: "youth" } | { kind: "staff"; cookie: string },
  ) {}

  /** The highest seq up to which this client holds every message: what a resume asks after. */
  contiguousSeq(): number {
    const seqs = new Set(this.tally.view.values());
    let n = 0;
    while (seqs.has(n + 1)) n += 1;
    return n;
  }

  private hold(m: Received): void {
    const seen = this.tally.view.get(m.id);
    if (seen !== undefined && seen !== m.seq) this.tally.duplicates += 1;
    this.tally.view.set(m.id, m.seq);
  }

  /** Connects to the first server that accepts, trying each in turn until one does. */
  async connect(prefer = 0): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      const list = this.urls();
      const url = list[(prefer + attempt) % list.length]!;
      const socket: ClientSocket = io(url, {
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
        timeout: 2000,
        ...(this.who.kind === "staff" && { extraHeaders: { cookie: this.who.cookie } }),
      });
      const connected = await new Promise<boolean>((resolve) => {
        socket.once("connect", () => resolve(true));
        socket.once("connect_error", () => resolve(false));
      });
      if (!connected) {
        socket.disconnect();
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (await this.bind(socket)) return;
      socket.disconnect();
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Identifies on a new connection and catches up; false if the server could not (retry elsewhere). */
  private async bind(socket: ClientSocket): Promise<boolean> {
    this.liveThisConnection = new Set();
    socket.on("message:received", (m: MessageView) => {
      if (m.conversationId !== this.conversationId) return;
      if (this.liveThisConnection.has(m.id)) this.tally.repeatedBroadcasts += 1;
      this.liveThisConnection.add(m.id);
      // A gap means a broadcast was missed (a process died between store and fan-out): fetch it.
      const gap = m.seq > this.contiguousSeq() + 1;
      this.hold(m);
      if (gap) void this.resync();
    });
    this.socket = socket;
    if (this.who.kind === "youth" && this.token) {
      const resumed = await call<{ missed: MessageView[] }>(socket, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: this.token, afterSeq: this.contiguousSeq() });
      if (!resumed.ok) return false;
      for (const m of resumed.data.missed) this.hold(m);
    }
    if (this.who.kind === "staff") {
      const synced = await call(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
      if (!synced.ok) return false;
      if (this.conversationId && !(await this.resync())) return false;
    }
    socket.on("disconnect", () => {
      if (this.closed) return;
      this.reconnects += 1;
      void this.connect(1).then(() => this.flush());
    });
    void this.flush();
    return true;
  }

  /** Everything after the last contiguous seq, from the store. */
  async resync(): Promise<boolean> {
    if (!this.conversationId) return true;
    const synced = await call<{ messages: MessageView[] }>(this.socket, "conversation:sync", { conversationId: this.conversationId, afterSeq: this.contiguousSeq() });
    if (!synced.ok) return false;
    for (const m of synced.data.messages) this.hold(m);
    return true;
  }

  /** Queues a message (a new id) and sends whatever is unacknowledged, oldest first. */
  send(text: string): void {
    this.outbox.push({ id: randomUUID(), text });
    void this.flush();
  }

  /** Resends the outbox with the same ids until each is acknowledged; stops on any failure and tries again soon. */
  async flush(): Promise<void> {
    if (this.flushing || !this.conversationId) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && !this.closed) {
        const next = this.outbox[0]!;
        if (!this.socket?.connected) return;
        const ack = await call<{ seq: number }>(this.socket, "message:send", { conversationId: this.conversationId, id: next.id, text: next.text });
        if (!ack.ok) {
          setTimeout(() => void this.flush(), ack.code === "RATE_LIMITED" ? 1000 : 200);
          return;
        }
        this.tally.acked.add(next.id);
        this.hold({ id: next.id, seq: ack.data.seq });
        this.outbox.shift();
      }
    } finally {
      this.flushing = false;
    }
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
  }
}

/** A request with its ack, or an UNAVAILABLE-shaped failure when the connection breaks or nothing comes back. */
export async function call<T>(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 3000): Promise<Ack<T>> {
  if (!socket.connected) return { ok: false, code: "UNAVAILABLE", message: "offline" };
  try {
    return await (socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }).emitWithAck(event, payload);
  } catch {
    return { ok: false, code: "UNAVAILABLE", message: "no answer" };
  }
}

/** Lost and duplicated messages across chats: every id one side acknowledged must be held by the other exactly once. */
export function countDelivery(pairs: { youth: ResilientClient; staff: ResilientClient }[]): { acked: number; lost: number; duplicated: number } {
  let acked = 0;
  let lost = 0;
  let duplicated = 0;
  for (const { youth, staff } of pairs) {
    for (const [from, to] of [
      [youth, staff],
      [staff, youth],
    ] as const) {
      acked += from.tally.acked.size;
      for (const id of from.tally.acked) if (!to.tally.view.has(id)) lost += 1;
    }
    duplicated += youth.tally.duplicates + staff.tally.duplicates + youth.tally.repeatedBroadcasts + staff.tally.repeatedBroadcasts;
  }
  return { acked, lost, duplicated };
}
