import type { Logger } from "pino";
import type { RedisClient } from "../store/redis/connect";
import type { IoServer } from "./SocketNotifier";

/**
 * Broadcasts published while this process's subscription to Redis was down (or in flight when
 * Redis died) never arrive: every message is in the store, but no live event told the other side.
 * So once the subscription is back, every client of this process is made to reconnect (its
 * transport is closed, which socket.io clients answer by reconnecting on their own), and resumes
 * from the store with the last message it holds, as after a process crash. Rare, and safe to repeat.
 */
export function resyncClientsAfterRedisOutage(subscriber: RedisClient, io: IoServer, log: Logger): void {
  let interrupted = false;
  subscriber.on("close", () => {
    interrupted = true;
  });
  subscriber.on("ready", () => {
    if (!interrupted) return;
    interrupted = false;
    const sockets = [...io.of("/").sockets.values()];
    log.warn({ event: "redis.resubscribed", sockets: sockets.length }, "Redis subscription back; clients reconnect to catch up");
    for (const socket of sockets) socket.conn.close();
  });
}
