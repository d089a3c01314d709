import type { Logger } from "pino";
import type { AppSocket } from "../realtime/connection";
import type { IoServer } from "../realtime/SocketNotifier";
import type { SocketRole } from "./metrics";

/** A socket's role for the gauge: what it is, never who. */
export function roleOf(socket: AppSocket): SocketRole {
  const actor = socket.data.actor;
  if (!actor) return "unidentified";
  return actor.kind === "youth" ? "youth" : actor.staff.role;
}

/** The roles of every socket connected to this process, read at scrape time. */
export function* localSocketRoles(io: IoServer): Iterable<SocketRole> {
  for (const socket of io.of("/").sockets.values()) yield roleOf(socket as AppSocket);
}

/**
 * One log line when a socket connects and when it goes, keyed by the socket id (the connection id
 * every realtime log line carries). Debug level: at thousands of youths these are for tracing one
 * case, not for the everyday log. Never the address or any header.
 */
export function logConnections(io: IoServer, log: Logger): void {
  io.on("connection", (socket) => {
    const connectedAt = Date.now();
    log.debug(
      { event: "socket.connected", socketId: socket.id, role: roleOf(socket as AppSocket), transport: socket.conn.transport.name },
      "connected",
    );
    socket.on("disconnect", (reason) => {
      log.debug(
        {
          event: "socket.disconnected",
          socketId: socket.id,
          role: roleOf(socket as AppSocket),
          reason,
          seconds: Math.round((Date.now() - connectedAt) / 1000),
        },
        "disconnected",
      );
    });
  });
}
