import { DEMO_PASSWORD } from "../../server/demo/seed";
import type { Ack } from "../../shared/protocol";
import { login } from "./clients";

/**
 * The coordinator's HTTP API as a test calls it: a demo staff member's session cookie (`as`), any
 * request with its status, ack and new cookie (`call`), and the data of an ack that must be ok.
 */
export function adminApi(url: () => string) {
  async function call<T>(
    cookie: string | undefined,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; ack: Ack<T>; setCookie: string | null }> {
    const res = await fetch(`${url()}${path}`, {
      method,
      headers: { ...(cookie && { cookie }), ...(body !== undefined && { "content-type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, ack: (await res.json()) as Ack<T>, setCookie: res.headers.get("set-cookie") };
  }
  const as = (email: string) => login(url(), email, DEMO_PASSWORD);
  const data = <T>(r: { ack: Ack<T> }): T => {
    if (!r.ack.ok) throw new Error(`${r.ack.code}: ${r.ack.message}`);
    return r.ack.data;
  };
  return { call, as, data };
}
