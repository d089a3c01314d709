/**
 * The ceiling for this stack: a bare socket.io server (no Inloop code) with Inloop's socket.io
 * settings, relaying a message to its room and acknowledging it, as `message:send` does.
 * BENCH_ADAPTER=redis|sharded|streams puts it on a Redis adapter, to compare adapters across processes.
 * Prints "listening <port>" when ready.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { createAdapter as createStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";

const adapter = process.env.BENCH_ADAPTER ?? "none";
const prefix = process.env.REDIS_PREFIX ?? "inloop-bench:";
const httpServer = createServer();
// The options startServer gives socket.io (no compression is socket.io's default, as there).
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

if (adapter !== "none") {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  if (adapter === "redis") io.adapter(createAdapter(redis, redis.duplicate(), { key: `${prefix}socket.io` }));
  else if (adapter === "sharded")
    io.adapter(createShardedAdapter(redis, redis.duplicate(), { channelPrefix: `${prefix}socket.io`, subscriptionMode: "dynamic" }));
  else if (adapter === "streams") io.adapter(createStreamsAdapter(redis, { streamName: `${prefix}socket.io-stream` }));
  else throw new Error(`unknown BENCH_ADAPTER ${adapter}`);
}

io.on("connection", (socket) => {
  let role = "youth";
  socket.on("pair:join", (p: { room: string; role: string }, ack: (r: unknown) => void) => {
    role = p.role;
    void socket.join(p.room);
    ack({ ok: true });
  });
  let seq = 0;
  socket.on("message:send", (p: { conversationId: string; id: string; text: string }, ack: (r: unknown) => void) => {
    const sentAt = Date.now();
    seq++;
    io.to(p.conversationId).emit("message:received", {
      id: p.id,
      conversationId: p.conversationId,
      seq,
      sender: { role },
      text: p.text,
      sentAt,
    });
    ack({ ok: true, data: { seq, sentAt, duplicate: false } });
  });
});

httpServer.listen(0, "127.0.0.1", () => console.log(`listening ${(httpServer.address() as AddressInfo).port}`));
process.on("SIGTERM", () => process.exit(0));
