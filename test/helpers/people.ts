import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, ok, openStaff, openYouth, request } from "./clients";
import { type SharedServer, useSharedServer } from "./servers";

/**
 * The people of a test on a shared server: a demo staff member logged in and synced, an anonymous
 * youth with a session, a youth in a chat with a volunteer. Their sockets close after each test.
 */
export function peopleOn(shared: SharedServer) {
  const staff = async (email: string) => {
    const s = await openStaff(shared.server.url, email, DEMO_PASSWORD);
    shared.track(s.socket);
    return s;
  };
  const youth = async () => {
    const y = await openYouth(shared.server.url);
    shared.track(y.socket);
    return y;
  };
  /** A youth in an active chat with the given volunteer, who takes them as the next in the queue. */
  const chatWith = async (volunteer: ClientSocket, locationChoice = "leiden") => {
    const y = await youth();
    const { conversation } = await ok(y.socket, "queue:join", { locationChoice });
    const taken = await ok(volunteer, "queue:take");
    expect(taken.id).toBe(conversation.id);
    return { youth: y, id: conversation.id };
  };
  return { staff, youth, chatWith };
}

/**
 * A chat test file's kit on one shared server of a store kind: its people (above) and the moves its
 * tests make: keep a socket for the test, set a volunteer available, send a message. `server` and
 * `url` are read once the server has started (in a test or a hook).
 */
export function chatKit(kind: string) {
  const shared = useSharedServer(kind);
  return {
    ...peopleOn(shared),
    get server(): RunningServer {
      return shared.server;
    },
    get url(): string {
      return shared.server.url;
    },
    track: <T extends { socket: ClientSocket }>(x: T): T => (shared.track(x.socket), x),
    available: (s: ClientSocket, capacity = 2) => ok(s, "presence:set", { status: "available", capacity }),
    send: (s: ClientSocket, conversationId: string, text: string, id = randomUUID()) =>
      request(s, "message:send", { conversationId, id, text }),
  };
}
