import { setImmediate } from "node:timers";
import { createShardedAdapter } from "@socket.io/redis-adapter";
import { Cluster, Redis, type RedisOptions } from "ioredis";

/** Where Redis is: one server, a Sentinel-watched primary (failover), or a Cluster. */
export type RedisTopology =
  | { mode: "standalone"; url: string }
  | {
      mode: "sentinel";
      sentinels: { host: string; port: number }[];
      name: string;
      password?: string;
      sentinelPassword?: string;
      tls: boolean;
    }
  | { mode: "cluster"; nodes: { host: string; port: number }[]; password?: string; tls: boolean };

/** Either client: the store and the adapters use only commands both have. */
export type RedisClient = Redis | Cluster;

/** "host:port,host:port" → addresses; a missing port is the given default. */
export function parseHostList(list: string, defaultPort: number): { host: string; port: number }[] {
  return list
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(item);
      if (!match) throw new Error(`not a host[:port]: ${item}`);
      return { host: match[1]!.replace(/^\[|\]$/g, ""), port: match[2] ? Number(match[2]) : defaultPort };
    });
}

/**
 * A short per-command retry budget: a request fails fast into "UNAVAILABLE" (the client waits and
 * retries) rather than hanging while Redis is away; the connection itself keeps reconnecting.
 * No auto-pipelining: an A/B on the relay bench showed no gain beyond this machine's noise, and it
 * lines up the reads of racing optimistic retries (read, then a checking script) so that they
 * keep colliding. Writes are coalesced per event-loop round instead (`coalesceWrites`).
 */
const COMMON: RedisOptions = { maxRetriesPerRequest: 3, lazyConnect: true };

/** Builds the command client for the configured topology and connects it. */
export async function connectRedis(topology: RedisTopology): Promise<RedisClient> {
  const client = buildClient(topology);
  if (client instanceof Cluster) client.on("+node", (node: Redis) => coalesceWritesOf(node));
  else coalesceWritesOf(client);
  await client.connect();
  return client;
}

/** The socket under an ioredis connection: corked and uncorked to coalesce writes. */
interface CorkableStream {
  write(...args: unknown[]): boolean;
  cork(): void;
  uncork(): void;
}

const coalescing = new WeakSet<CorkableStream>();

/**
 * Commands issued while the event loop handles one round of socket reads (many chats' messages at
 * once under load) leave in one write instead of a system call each, which the relay's CPU profile
 * showed as the largest single cost: the connection's socket is corked at its first write and
 * uncorked when that round is done (`setImmediate` runs right after the poll phase). ioredis's own
 * auto-pipelining batches per `process.nextTick`, that is per incoming message, and gained nothing.
 * `setImmediate` from node:timers, so a test's fake timers cannot leave the socket corked.
 */
export function coalesceWrites(stream: CorkableStream): void {
  if (coalescing.has(stream)) return;
  coalescing.add(stream);
  const write = stream.write.bind(stream);
  let corked = false;
  stream.write = (...args: unknown[]) => {
    if (!corked) {
      corked = true;
      stream.cork();
      setImmediate(() => {
        corked = false;
        stream.uncork();
      });
    }
    return write(...args);
  };
}

/** Every socket the connection opens (a reconnect opens a new one) coalesces its writes. */
function coalesceWritesOf(client: Redis): void {
  client.on("connect", () => {
    const stream = (client as unknown as { stream?: CorkableStream }).stream;
    if (stream) coalesceWrites(stream);
  });
}

function buildClient(topology: RedisTopology): RedisClient {
  switch (topology.mode) {
    case "standalone":
      return new Redis(topology.url, COMMON);
    case "sentinel":
      return new Redis({
        ...COMMON,
        sentinels: topology.sentinels,
        name: topology.name,
        ...(topology.password && { password: topology.password }),
        ...(topology.sentinelPassword && { sentinelPassword: topology.sentinelPassword }),
        ...(topology.tls && { tls: {}, enableTLSForSentinelMode: true }),
      });
    case "cluster":
      return new Cluster(topology.nodes, {
        lazyConnect: true,
        // The socket.io adapter uses sharded pub/sub (SPUBLISH) on a cluster: one subscriber per primary.
        shardedSubscribers: true,
        redisOptions: {
          maxRetriesPerRequest: 3,
          ...(topology.password && { password: topology.password }),
          ...(topology.tls && { tls: {} }),
        },
      });
  }
}

/** A second connection for the adapter's subscriptions (a subscribed connection can do nothing else). */
export function subscriberFor(client: RedisClient): RedisClient {
  return client instanceof Cluster ? client.duplicate() : client.duplicate();
}

/**
 * The socket.io adapter: `@socket.io/redis-adapter` in its sharded mode (Redis 7 `SPUBLISH`, one
 * channel per room, "dynamic" subscriptions), on every topology. A broadcast reaches only the
 * processes with a socket in that room, and on a Cluster it stays on one shard (classic `PUBLISH`
 * would be copied to every node). Chosen on evidence over classic Pub/Sub and over Redis Streams:
 * see `npm run bench -- adapters` and docs/OPERATIONS.md.
 */
export function socketAdapterFor(pub: RedisClient, sub: RedisClient, prefix: string) {
  return createShardedAdapter(pub, sub, { channelPrefix: `${prefix}socket.io`, subscriptionMode: "dynamic" });
}
