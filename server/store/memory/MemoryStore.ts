import type { Store } from "../Store";
import { accessMethods } from "../slices/access";
import { memoryAbuse } from "./abuse";
import { memoryConversations } from "./conversations";
import { memoryCoordination } from "./coordination";
import { memoryDebriefs } from "./debriefs";
import { memoryDirectory } from "./directory";
import { memoryEscalations } from "./escalations";
import { memoryEvents } from "./events";
import { memoryFigures } from "./figures";
import { memoryMessages } from "./messages";
import { memoryPresence } from "./presence";
import { memoryPush } from "./push";
import { memoryRetention } from "./retention";
import { memoryReturnCodes } from "./returnCodes";
import { memoryRoster } from "./roster";
import { memorySessions } from "./sessions";
import { MemoryState } from "./state";
import { memoryWrapUps } from "./wrapUps";

/**
 * The embedded store for one process (development, demos, tests): one module per slice over one
 * shared state. Every method runs to completion without awaiting, so each is atomic on Node's
 * single thread.
 */
export function createMemoryStore(): Store {
  const state = new MemoryState();
  const access = state.access;
  return {
    ...memoryDirectory(state),
    ...memorySessions(state),
    ...memoryConversations(state),
    ...memoryMessages(state),
    ...memoryPresence(state),
    ...memoryWrapUps(state),
    ...memoryEscalations(state),
    ...memoryAbuse(state),
    ...memoryReturnCodes(state),
    ...memoryEvents(state),
    ...memoryFigures(state),
    ...memoryRoster(state),
    ...memoryPush(state),
    ...memoryDebriefs(state),
    ...memoryCoordination(state),
    ...memoryRetention(state),
    ...accessMethods(access),
  };
}
