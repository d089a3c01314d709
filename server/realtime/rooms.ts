/** Room names in one place: every emit and join goes through these. */
export const rooms = {
  youth: (youthId: string) => `youth:${youthId}`,
  staff: (staffId: string) => `staff:${staffId}`,
  allStaff: "staff",
  conversation: (conversationId: string) => `conv:${conversationId}`,
  conversationStaff: (conversationId: string) => `conv:${conversationId}:staff`,
  /** The conversation id of a conversation room (either side), or undefined for any other room. */
  conversationOf: (room: string): string | undefined => /^conv:([^:]+)(?::staff)?$/.exec(room)?.[1],
  role: (role: string) => `role:${role}`,
  onDuty: "on-duty",
};
