import type { Logger } from "pino";
import type { Socket } from "socket.io";
import { describe, expect, it } from "vitest";
import { type RequestTable, serveRequests } from "./handle";

/** A socket stand-in: its one middleware, run by hand with a packet as socket.io would. */
function servedSocket(table: Partial<RequestTable<Socket, string>>, disconnected = false) {
  let middleware!: (packet: unknown[], next: () => void) => void;
  const socket = { id: "s1", data: {}, disconnected, use: (fn: typeof middleware) => (middleware = fn) } as unknown as Socket;
  serveRequests(socket, table as RequestTable<Socket, string>, "ctx", {} as Logger);
  const send = (...packet: unknown[]) =>
    new Promise<unknown>((resolve) => {
      middleware([...packet, resolve], () => resolve("passed on"));
      setTimeout(() => resolve("no answer"), 50);
    });
  return { send };
}

describe("requests served from one table", () => {
  it("runs the table's handler with the parsed payload, the socket and the context, and acks its answer", async () => {
    const { send } = servedSocket({ "service:status": async (_p, socket, ctx) => ({ via: `${socket.id}/${ctx}` }) as never });
    expect(await send("service:status")).toEqual({ ok: true, data: { via: "s1/ctx" } });
  });

  it("answers an event the table does not hold BAD_REQUEST, never passes it on", async () => {
    const { send } = servedSocket({});
    expect(await send("no:such-event", {})).toMatchObject({ ok: false, code: "BAD_REQUEST" });
  });

  it("drops a request that arrives once the socket is closed, as socket.io does", async () => {
    const { send } = servedSocket({ "service:status": async () => ({}) as never }, true);
    expect(await send("service:status")).toBe("no answer");
  });
});
