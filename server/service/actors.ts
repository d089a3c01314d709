import type { Staff } from "../domain/staff";
import { fail } from "./errors";

/** Who is behind a socket: an anonymous youth session or a logged-in staff member. */
export type Actor = { kind: "youth"; youthId: string; tokenHash: string } | { kind: "staff"; staff: Staff };
export type YouthActor = Extract<Actor, { kind: "youth" }>;
export type StaffActor = Extract<Actor, { kind: "staff" }>;

/** The staff member behind a professional's request; anyone else is refused. */
export function requireProfessional(actor: StaffActor): Staff {
  if (actor.staff.role !== "professional") fail("FORBIDDEN", "Only professionals do this");
  return actor.staff;
}
