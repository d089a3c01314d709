import type { Store } from "../../server/store/Store";

/**
 * Only events from this test process's start are counted: the demo seeds weeks of past events for
 * the figures, and copying them all for every snapshot would cost more than the request itself.
 */
const EVENTS_SINCE = Date.now() - 1000;

/**
 * Everything a refused request could have changed, as one comparable value: the conversations
 * named, their transcripts, the queue, presence, duty, escalations, wrap-ups, staff and the
 * number of domain events. Two equal snapshots mean the store did not move.
 */
export async function storeSnapshot(store: Store, conversationIds: readonly string[] = []): Promise<string> {
  const byId = <T extends { id?: string; staffId?: string }>(xs: T[]) =>
    [...xs].sort((a, b) => String(a.id ?? a.staffId).localeCompare(String(b.id ?? b.staffId)));
  const [queue, presence, duty, escalations, wrapUps, staff, events, locations] = await Promise.all([
    store.listQueue(),
    store.listPresence(),
    store.listDuty(),
    store.listEscalations(),
    store.listWrapUps(0),
    store.listStaff(),
    store.listEvents(EVENTS_SINCE),
    store.listLocations(),
  ]);
  // Debriefs and their threads, and every staff member's push devices (issue 13).
  const debriefs = await Promise.all(
    byId(await store.listDebriefs()).map(async (d) => ({ d, messages: await store.listDebriefMessages(d.id) })),
  );
  const devices = await Promise.all(
    byId(staff).map(async (s) => (await store.listPushSubscriptions(`staff:${s.id}`)).map((x) => x.endpoint).sort()),
  );
  // A page's connection closing or coming back is recorded (disconnectedAt, a staff-only line) when
  // the transport closes, whatever the payload was: that is not a change the request made.
  const conversations = await Promise.all(
    conversationIds.map(async (id) => {
      const messages = (await store.listMessages(id, 0)).filter((m) => m.system?.kind !== "page-closed" && m.system?.kind !== "page-back");
      const found = await store.getConversation(id);
      const { disconnectedAt: _connection, ...conversation } = found ?? {};
      return { conversation: found && { ...conversation, lastSeq: messages.at(-1)?.seq ?? 0 }, messages };
    }),
  );
  return JSON.stringify({
    conversations,
    queue: byId(queue.map(({ disconnectedAt: _connection, ...entry }) => entry)),
    presence: byId(presence),
    duty: byId(duty),
    escalations: byId(escalations),
    wrapUps: byId(wrapUps),
    staff: byId(staff),
    locations: byId(locations),
    events: events.length,
    debriefs,
    devices,
  });
}
