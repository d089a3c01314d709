import { expect } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, ok, openStaff, openYouth } from "./clients";
import type { SharedServer } from "./servers";

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
