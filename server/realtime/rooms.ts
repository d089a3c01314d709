/** Room names in one place: every emit and join goes through these. */
export const rooms = {
  youth: (youthId: string) => `youth:${youthId}`,
  staff: (staffId: string) => `staff:${staffId}`,
  allStaff: "staff",
  conversation: (conversationId: string) => `conv:${conversationId}`,
  conversationStaff: (conversationId: string) => `conv:${conversationId}:staff`,
  role: (role: string) => `role:${role}`,
  onDuty: "on-duty",
};
