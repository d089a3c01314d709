/** Messages between the bench coordinator and its load-generator processes (over the fork IPC channel). */

/** One volunteer the worker logs in and the youths it picks up, on which server. */
export interface PairGroup {
  staffUrl: string;
  email: string;
  password: string;
  /** One server URL per youth; the volunteer takes each of them (capacity up to 3). */
  youthUrls: string[];
  locationChoice: string;
}

export type WorkerCommand =
  /** Inloop chats: volunteers log in over HTTP, youths queue, volunteers take them. */
  | { cmd: "inloop-pairs"; groups: PairGroup[] }
  /** Bare socket.io pairs: two sockets in one room per pair, on the given servers. */
  | { cmd: "bare-pairs"; pairs: { youthUrl: string; staffUrl: string }[] }
  /** Both sides of every pair send as fast as acks come back (`window` in flight per socket). */
  | { cmd: "saturate"; warmupMs: number; measureMs: number; window: number }
  /** Youths send at a fixed total rate; the latency is youth send → volunteer receive. */
  | { cmd: "paced"; warmupMs: number; measureMs: number; ratePerS: number }
  /** Open idle youth sockets and keep them. */
  | { cmd: "hold"; url: string; count: number; concurrency: number }
  /** Connect youths with a session, ready to join a queue on "go". */
  | { cmd: "arm-youths"; url: string; count: number }
  /** Spread the armed youths' queue joins over `spreadMs`; each waits for its assignment. */
  | { cmd: "join-spread"; spreadMs: number; locationChoice: string }
  | { cmd: "close" };

export type WorkerReply =
  | { kind: "ready"; pairs: number }
  | { kind: "saturated"; relayed: number; errors: number; measuredMs: number }
  | { kind: "paced"; latenciesMs: number[]; sent: number; errors: number; measuredMs: number }
  | { kind: "held"; connected: number; errors: number }
  | { kind: "armed"; youths: number }
  | { kind: "joined"; latenciesMs: number[]; errors: number }
  | { kind: "closed" }
  | { kind: "failed"; message: string };
