/**
 * A chat client written from docs/PROTOCOL.md alone, and nothing more: it does what the document
 * tells a client to do, and no gap-filling, retry or resync the document does not describe. Each
 * rule names its section. The conformance suite (this folder), the fault tests and
 * `npm run bench -- faults` drive the service through it, so "a client that follows the document
 * loses nothing" is what they measure.
 */
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { type Ack, type MessageView, PROTOCOL_VERSION, type StaffState, type YouthState } from "../../shared/protocol";
import type { ClientSocket } from "../helpers/clients";

/** What one side counted, for the lost and duplicated figures. */
export interface ChatTally {
  /** Ids this client sent and the server acknowledged (§5.1). */
  acked: Set<string>;
  /** Message id → seq, as held (from a broadcast, a resume or a sync). */
  view: Map<string, number>;
  /** The same id held with two different seqs: it would show twice. */
  duplicates: number;
  /** The same id broadcast more than once to one connection: allowed (a resend is broadcast again, §5.1), dropped by id. */
  repeatedBroadcasts: number;
  /** conversation:sync requests made to fill a gap (§5.2). */
  gapSyncs: number;
}

/** §2: every request with an ack and a timeout; no answer counts as UNAVAILABLE. */
export async function call<T>(socket: ClientSocket | undefined, event: string, payload: unknown, timeoutMs = 3000): Promise<Ack<T>> {
  // §5.3: never let socket.io buffer a request across a reconnect.
  if (!socket?.connected) return { ok: false, code: "UNAVAILABLE", message: "offline" };
  try {
    return await (socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }).emitWithAck(
      event,
      payload,
    );
  } catch {
    return { ok: false, code: "UNAVAILABLE", message: "no answer" };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One side of a chat. `urls` stands for a load balancer: a new connection goes to the first
 * address that accepts it. A youth identifies with `session:open` / `session:resume` (§1.2), staff
 * with the session cookie on the handshake (§1.3).
 */
export class ConformingClient {
  socket?: ClientSocket;
  token?: string;
  conversationId?: string;
  readonly tally: ChatTally = { acked: new Set(), view: new Map(), duplicates: 0, repeatedBroadcasts: 0, gapSyncs: 0 };
  /** Messages not yet acknowledged, oldest first; each keeps its id until acknowledged (§5.1). */
  readonly outbox: { id: string; text: string }[] = [];
  reconnects = 0;
  /** Codes of message:send refusals that are not to be resent (none expected in a healthy chat). */
  readonly refusals: string[] = [];
  /** Youth only (§5.2): everything up to here is known, whatever gaps whispers leave. */
  cursor = 0;
  private closed = false;
  private flushing = false;
  private bound = false;
  private syncing?: { again: boolean };
  private liveThisConnection = new Set<string>();

  constructor(
    private readonly urls: () => string[],
    private readonly who: { kind: "youth" } | { kind: "staff"; cookie: string },
  ) {}

  /** §5.2: the highest seq up to which every message is held. */
  lastContiguousSeq(): number {
    const seqs = new Set(this.tally.view.values());
    let n = 0;
    while (seqs.has(n + 1)) n += 1;
    return n;
  }

  /** Up to where this side knows everything: the youth's cursor, staff's last contiguous seq (§5.2). */
  private knownUpTo(): number {
    return this.who.kind === "youth" ? this.cursor : this.lastContiguousSeq();
  }

  /** §5.2: merge by id and seq, each once; the youth's cursor moves past what directly follows it. */
  private hold(m: MessageView): void {
    const seen = this.tally.view.get(m.id);
    if (seen !== undefined && seen !== m.seq) this.tally.duplicates += 1;
    this.tally.view.set(m.id, m.seq);
    if (this.who.kind === "youth") this.advanceCursor(this.cursor);
  }

  private advanceCursor(from: number): void {
    const seqs = new Set(this.tally.view.values());
    let next = Math.max(this.cursor, from);
    while (seqs.has(next + 1)) next += 1;
    this.cursor = next;
  }

  /** Connects through the "load balancer" and identifies; tries again until it is bound. */
  async connect(prefer = 0): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      const list = this.urls();
      if (list.length === 0) {
        await pause(100);
        continue;
      }
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
      if (connected && (await this.bind(socket))) return;
      socket.disconnect();
      await pause(100);
    }
  }

  /** §5.3: on a new socket, identify and catch up before anything else; then resend the outbox. */
  private async bind(socket: ClientSocket): Promise<boolean> {
    this.bound = false;
    this.liveThisConnection = new Set();
    this.socket = socket;
    socket.on("message:received", (m: MessageView) => {
      if (m.conversationId !== this.conversationId) return;
      if (this.liveThisConnection.has(m.id)) this.tally.repeatedBroadcasts += 1;
      this.liveThisConnection.add(m.id);
      // §5.2: a seq beyond the next one means something was missed: fill it through conversation:sync.
      const gap = m.seq > this.knownUpTo() + 1 && !this.tally.view.has(m.id);
      this.hold(m);
      if (gap) void this.fillGap();
    });
    if (this.who.kind === "youth" && this.token) {
      // §5.3 youth, steps 1–2: resume with afterSeq = the larger of cursor and lastContiguousSeq.
      const afterSeq = Math.max(this.cursor, this.lastContiguousSeq());
      const resumed = await call<{ state: YouthState; missed: MessageView[] }>(socket, "session:resume", {
        protocolVersion: PROTOCOL_VERSION,
        token: this.token,
        afterSeq,
      });
      if (!resumed.ok) return false;
      for (const m of resumed.data.missed) this.hold(m);
      const conversation = resumed.data.state.conversation;
      if (conversation && conversation.id === this.conversationId) this.advanceCursor(conversation.lastSeq);
    }
    if (this.who.kind === "staff") {
      // §5.3 staff, steps 1–2: staff:sync, then conversation:sync for the conversation from lastContiguousSeq.
      const synced = await call<StaffState>(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
      if (!synced.ok) return false;
      if (this.conversationId) {
        const caught = await call<{ messages: MessageView[] }>(socket, "conversation:sync", {
          conversationId: this.conversationId,
          afterSeq: this.lastContiguousSeq(),
        });
        if (!caught.ok) return false;
        for (const m of caught.data.messages) this.hold(m);
      }
    }
    if (!socket.connected) return false;
    socket.on("disconnect", () => {
      this.bound = false;
      if (this.closed) return;
      this.reconnects += 1;
      void this.connect(1).then(() => this.flush());
    });
    this.bound = true;
    void this.flush();
    return true;
  }

  /** §5.2: everything after what is known; a youth's cursor then moves to the conversation's lastSeq. */
  private async fillGap(): Promise<void> {
    if (this.syncing) {
      this.syncing.again = true;
      return;
    }
    this.syncing = { again: false };
    try {
      do {
        this.syncing.again = false;
        if (!this.conversationId || !this.bound) return;
        this.tally.gapSyncs += 1;
        const synced = await call<{ messages: MessageView[]; conversation: { lastSeq: number } }>(this.socket, "conversation:sync", {
          conversationId: this.conversationId,
          afterSeq: this.knownUpTo(),
        });
        // Not answered: the connection is going; the resume after reconnecting catches up (§5.3).
        if (!synced.ok) return;
        for (const m of synced.data.messages) this.hold(m);
        if (this.who.kind === "youth") this.advanceCursor(synced.data.conversation.lastSeq);
      } while (this.syncing.again);
    } finally {
      this.syncing = undefined;
    }
  }

  /** A new message with a new id, sent after whatever is still unacknowledged (§5.1). */
  send(text: string): void {
    this.outbox.push({ id: randomUUID(), text });
    void this.flush();
  }

  /** §5.1: send the outbox in order; after a timeout or RATE_LIMITED resend with the same id; after a disconnect the resume resends it. */
  async flush(): Promise<void> {
    if (this.flushing || !this.conversationId) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && !this.closed && this.bound) {
        const next = this.outbox[0]!;
        const ack = await call<{ seq: number; duplicate: boolean }>(this.socket, "message:send", {
          conversationId: this.conversationId,
          id: next.id,
          text: next.text,
        });
        if (ack.ok) {
          this.tally.acked.add(next.id);
          this.outbox.shift();
          continue;
        }
        if (ack.code === "RATE_LIMITED") await pause(1000);
        else if (ack.code === "UNAVAILABLE") await pause(200);
        else {
          // Not to be resent (§2): kept in the outbox, and reported by whoever counts.
          this.refusals.push(ack.code);
          return;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** A request on the bound socket (set-up steps). */
  request<T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
    return call<T>(this.socket, event, payload, timeoutMs);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
  }
}

/** Every id one side acknowledged must be held by the other side, once (one seq). */
export function countDelivery(pairs: { youth: ConformingClient; staff: ConformingClient }[]) {
  let acked = 0;
  let lost = 0;
  let duplicated = 0;
  let repeatedBroadcasts = 0;
  let gapSyncs = 0;
  for (const { youth, staff } of pairs) {
    for (const [from, to] of [
      [youth, staff],
      [staff, youth],
    ] as const) {
      acked += from.tally.acked.size;
      for (const id of from.tally.acked) if (!to.tally.view.has(id)) lost += 1;
    }
    duplicated += youth.tally.duplicates + staff.tally.duplicates;
    repeatedBroadcasts += youth.tally.repeatedBroadcasts + staff.tally.repeatedBroadcasts;
    gapSyncs += youth.tally.gapSyncs + staff.tally.gapSyncs;
  }
  return { acked, lost, duplicated, repeatedBroadcasts, gapSyncs };
}
