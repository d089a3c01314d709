import type { Server as HttpServer, IncomingMessage } from "node:http";
import type { Logger } from "pino";
import { Server } from "socket.io";
import type { Config } from "../config/config";
import type { Clock } from "../domain/clock";
import { answerClientBundleNotFound } from "../http/clientBundle";
import { networkOfRequest } from "../http/clientNetwork";
import { readSessionCookie } from "../http/cookies";
import { isAllowedOrigin } from "../http/origin";
import { logConnections } from "../metrics/socketObservers";
import { type AppSocket, onConnection, type RealtimeServices } from "../realtime/connection";
import { ConnectionsPerNetwork } from "../realtime/connectionsPerNetwork";
import { resyncClientsAfterRedisOutage } from "../realtime/resyncAfterOutage";
import { RightsRegistry } from "../realtime/rights";
import { type IoServer, REVOCATION_EVENT, RevocationMessage } from "../realtime/SocketNotifier";
import { type RedisClient, socketAdapterFor, subscriberFor } from "../store/redis/connect";
import type { Services } from "./services";

/**
 * The socket.io server on `httpServer`: who may connect (origin, per-network limit, not while
 * draining), the Redis adapter when there are several processes, the sockets' known rights and the
 * revocations that reach them from other processes, and, once the services exist, the staff cookie
 * check and the event handlers (`serve`).
 */
export function createRealtime(
  config: Config,
  httpServer: HttpServer,
  redis: RedisClient | undefined,
  isDraining: () => boolean,
  log: Logger,
  clock: Clock,
) {
  const realtimeLog = log.child({ layer: "realtime" });
  const perNetwork = new ConnectionsPerNetwork(config.connectionsPerNetwork, (req) => networkOfRequest(req, config.trustProxy));
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // A socket that opened but never joined (no socket.io CONNECT) is closed after this.
    connectTimeout: config.handshakeTimeoutMs,
    // A draining process takes no new connections: the client's next try lands on another process.
    allowRequest: (req, callback) => callback(null, !isDraining() && isAllowedOrigin(req, config.allowedOrigins) && perNetwork.allows(req)),
  });
  answerClientBundleNotFound(httpServer);
  io.engine.on("connection", (raw: { request: IncomingMessage; once(event: "close", listener: () => void): void }) =>
    perNetwork.track(raw.request, (listener) => raw.once("close", listener)),
  );
  const subscriber = redis && subscriberFor(redis);
  if (redis && subscriber) io.adapter(socketAdapterFor(redis, subscriber, config.redisPrefix));
  if (subscriber) resyncClientsAfterRedisOutage(subscriber, io, realtimeLog);
  const rights = new RightsRegistry(clock, config.rightsMaxAgeMs);
  if (subscriber) listenForRevocations(io, subscriber, rights, realtimeLog);

  function serve(services: Services): RealtimeServices {
    const realtime: RealtimeServices = {
      deps: services.deps,
      returnCodes: services.returnCodes,
      youth: services.youth,
      staff: services.staff,
      conversations: services.conversations,
      staffConversations: services.staffConversations,
      wrapUps: services.wrapUps,
      escalations: services.escalations,
      duty: services.duty,
      professionals: services.professionals,
      dispatcher: services.dispatcher,
      push: services.push,
      debriefs: services.debriefs,
      presenceGraceMs: config.presenceGraceMs,
      connectionEventsPer10s: config.connectionEventsPer10s,
      trustProxy: config.trustProxy,
      timers: new Set(),
      staffSessionRecheckMs: config.staffSessionRecheckMs,
      rights,
    };
    io.use(async (socket, next) => {
      try {
        const mark = rights.revocations;
        const found = await services.staff.openConsole(readSessionCookie(socket.request.headers.cookie));
        if (found) {
          (socket as AppSocket).data.actor = { kind: "staff", staff: found.staff };
          (socket as AppSocket).data.handshake = { expiresAt: found.expiresAt, mark };
        }
        next();
      } catch {
        next(new Error("UNAVAILABLE"));
      }
    });
    logConnections(io, realtimeLog);
    io.on("connection", (socket) => onConnection(socket as AppSocket, realtime, realtimeLog));
    return realtime;
  }

  return { io, subscriber, serve, rights };
}

/**
 * Revocations from the other processes land here and are answered once applied (SocketNotifier.
 * revoke waits for every answer). While the subscription to Redis is down this process cannot hear
 * them, and the others do not wait for it (the adapter counts the subscribers it has), so it trusts
 * nothing it knew until the subscription is back: every event reads the store meanwhile.
 */
function listenForRevocations(io: IoServer, subscriber: RedisClient, rights: RightsRegistry, log: Logger): void {
  if (subscriber.status !== "ready") rights.suspend();
  subscriber.on("close", () => rights.suspend());
  subscriber.on("ready", () => rights.resume());
  io.on(REVOCATION_EVENT, (message: unknown, answer: unknown) => {
    const parsed = RevocationMessage.safeParse(message);
    if (parsed.success) rights.apply(parsed.data);
    else log.warn({ event: "rights.revoke.malformed" }, "a revocation from another process did not parse; ignored");
    if (typeof answer === "function") answer(parsed.success);
  });
}
