import type { Staff } from "../domain/staff";

/** Who is behind a socket: an anonymous youth session or a logged-in staff member. */
export type Actor = { kind: "youth"; youthId: string; tokenHash: string } | { kind: "staff"; staff: Staff };
export type YouthActor = Extract<Actor, { kind: "youth" }>;
export type StaffActor = Extract<Actor, { kind: "staff" }>;
