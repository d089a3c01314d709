import type { RedisKeys } from "./keys";
import type { LuaScript } from "./luaScript";

export * from "./conversationScripts";
export * from "./escalationScripts";
export { type LuaScript, script } from "./luaScript";
export * from "./staffScripts";

import {
  APPEND_MESSAGE,
  CLAIM,
  CLAIM_AS_PROFESSIONAL,
  END,
  ENQUEUE,
  MARK_DELIVERED,
  READ_CONVERSATIONS,
  REASSIGN_HOLDER,
  SET_DISCONNECTED,
  SET_NOTES,
  SET_PRIORITY,
  SET_PROFESSIONAL,
  TRANSFER_TO_QUEUE,
  TRANSFER_TO_STAFF,
} from "./conversationScripts";
import {
  CLAIM_ESCALATION,
  CREATE_ESCALATION,
  OPEN_ESCALATION,
  PURGE_ESCALATIONS_OF,
  READ_ESCALATIONS,
  RECORD_OFFER,
  RELEASE_ESCALATION,
  RESOLVE_ESCALATION,
} from "./escalationScripts";
import { APPEND_EVENT, LEASE, PUT_PRESENCE, PUT_STAFF, PUT_WRAP_UP, READ_PRESENCES, READ_WRAP_UPS, RELEASE_LEASE } from "./staffScripts";

/** Every script with the keys it is called with for sample ids, for the slot test. */
export function allScripts(k: RedisKeys): { name: string; lua: string; keys: string[] }[] {
  const conversationId = "c_sample0001";
  const staffId = "s_sample";
  const escalationId = "e_sample0001";
  const use = <Ids>(s: LuaScript<Ids>, ids: Ids) => ({ name: s.name, lua: s.lua, keys: s.keys(k, ids) });
  return [
    use(ENQUEUE, { conversationId }),
    use(SET_PRIORITY, { conversationId }),
    use(CLAIM, { conversationId, staffId }),
    use(CLAIM_AS_PROFESSIONAL, { conversationId, staffId }),
    use(SET_DISCONNECTED, { conversationId }),
    use(END, { conversationId }),
    use(END, { conversationId, holderId: staffId }),
    use(PUT_PRESENCE, { staffId }),
    use(SET_NOTES, { conversationId }),
    use(TRANSFER_TO_STAFF, { conversationId, fromStaffId: staffId, toStaffId: "s_other" }),
    use(TRANSFER_TO_QUEUE, { conversationId, fromStaffId: staffId }),
    use(MARK_DELIVERED, { conversationId }),
    use(APPEND_MESSAGE, { conversationId }),
    use(PUT_STAFF, {}),
    use(APPEND_EVENT, {}),
    use(PUT_WRAP_UP, { staffId }),
    use(READ_WRAP_UPS, {}),
    use(LEASE, { name: "tick" }),
    use(RELEASE_LEASE, { name: "tick" }),
    use(RELEASE_ESCALATION, { escalationId: "e_sample" }),
    use(REASSIGN_HOLDER, { conversationId, from: staffId, to: "s_other" }),
    use(READ_CONVERSATIONS, { conversationIds: [conversationId, "c_sample0002"] }),
    use(READ_PRESENCES, { staffIds: [staffId, "s_other"] }),
    use(SET_PROFESSIONAL, { conversationId }),
    use(CREATE_ESCALATION, { escalationId }),
    use(CREATE_ESCALATION, { escalationId, conversationId: "c_sample0001" }),
    use(PURGE_ESCALATIONS_OF, { conversationId: "c_sample0001", escalationIds: [escalationId, "e_sample0002"] }),
    use(OPEN_ESCALATION, { escalationId, conversationId: "c_sample0001" }),
    use(OPEN_ESCALATION, { escalationId, existingId: "e_sample0002", conversationId: "c_sample0001" }),
    use(RECORD_OFFER, { escalationId }),
    use(CLAIM_ESCALATION, { escalationId }),
    use(RESOLVE_ESCALATION, { escalationId }),
    use(READ_ESCALATIONS, { escalationIds: [escalationId, "e_sample0002"] }),
  ];
}
