import type { Request } from "express";
import type { StaffRole } from "../../shared/protocol";
import type { Staff } from "../domain/staff";
import { fail } from "../service/errors";
import type { StaffService } from "../service/StaffService";
import { readSessionCookie } from "./cookies";

/** The logged-in, active staff member behind a request, or a 401. */
export async function requireStaffHttp(staff: StaffService, req: Request): Promise<Staff> {
  const found = await staff.authenticate(readSessionCookie(req.headers.cookie));
  if (!found) fail("UNAUTHENTICATED", "Log in as staff first");
  return found;
}

/** As requireStaffHttp, and the staff member must have one of these roles, or a 403. */
export async function requireRoleHttp(staff: StaffService, req: Request, roles: readonly StaffRole[]): Promise<Staff> {
  const found = await requireStaffHttp(staff, req);
  if (!roles.includes(found.role)) fail("FORBIDDEN", "Not allowed for your role");
  return found;
}
