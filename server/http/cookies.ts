import { parseCookie, stringifySetCookie } from "cookie";

export const SESSION_COOKIE = "inloop_sid";

/** The raw staff session id from a Cookie header, if any. */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE] || undefined;
}

/** HttpOnly so scripts cannot read it; SameSite=Strict so other sites cannot ride on it. */
export function sessionCookie(sid: string, secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: sid, httpOnly: true, sameSite: "strict", secure, path: "/" });
}

export function clearedSessionCookie(secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: "", httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: 0 });
}
