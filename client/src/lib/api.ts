import type { Ack } from "../../../shared/protocol";

/**
 * The JSON API answers `{ ok, data }` or `{ ok: false, code, message }`, like socket acks. A network
 * failure becomes an UNAVAILABLE ack, so callers handle one shape.
 */
export async function api<T>(path: string, init: { method?: "GET" | "POST" | "PUT" | "DELETE"; body?: unknown } = {}): Promise<Ack<T>> {
  try {
    const response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? {} : { "content-type": "application/json" },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    return (await response.json()) as Ack<T>;
  } catch {
    return { ok: false, code: "UNAVAILABLE", message: "no connection" };
  }
}
