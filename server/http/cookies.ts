import { parseCookie, stringifySetCookie } from "cookie";

/** Over http (development, tests) the plain name; behind TLS the `__Host-` name, which a browser only accepts Secure, for this host, on path / (no other subdomain can set or overwrite it). */
export const SESSION_COOKIE = "inloop_sid";
const HOST_PREFIX = "__Host-";
/** Marks a browser that has logged in to an account before: it keeps its own log-in allowance (LoginGuard). */
export const DEVICE_COOKIE = "inloop_device";

const nameOf = (base: string, secure: boolean) => (secure ? `${HOST_PREFIX}${base}` : base);

/** The cookie's value by its prefixed name first (set behind TLS), then its plain name (http). */
function read(header: string | undefined, base: string): string | undefined {
  if (!header) return undefined;
  const cookies = parseCookie(header);
  return cookies[`${HOST_PREFIX}${base}`] || cookies[base] || undefined;
}

/** The raw staff session id from a Cookie header, if any. */
export function readSessionCookie(header: string | undefined): string | undefined {
  return read(header, SESSION_COOKIE);
}

/** HttpOnly so scripts cannot read it; SameSite=Strict so other sites cannot ride on it. */
export function sessionCookie(sid: string, secure: boolean): string {
  return stringifySetCookie({ name: nameOf(SESSION_COOKIE, secure), value: sid, httpOnly: true, sameSite: "strict", secure, path: "/" });
}

export function clearedSessionCookie(secure: boolean): string {
  return stringifySetCookie({
    name: nameOf(SESSION_COOKIE, secure),
    value: "",
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: 0,
  });
}

export function readDeviceCookie(header: string | undefined): string | undefined {
  return read(header, DEVICE_COOKIE);
}

/** Kept for a year; it proves nothing by itself, it only keeps this browser's log-in allowance apart from strangers'. */
export function deviceCookie(token: string, secure: boolean): string {
  return stringifySetCookie({
    name: nameOf(DEVICE_COOKIE, secure),
    value: token,
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: 365 * 86_400,
  });
}
