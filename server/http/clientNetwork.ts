import type { IncomingMessage } from "node:http";
import { clientAddress, networkOf, type TrustProxy } from "../domain/network/network";

/**
 * The network a request comes from (IPv4 address or IPv6 /64), read through the trusted proxies
 * only; used in memory for limits and blocks, never logged or stored as is.
 */
export function networkOfRequest(req: Pick<IncomingMessage, "headers" | "socket">, trust: TrustProxy): string | undefined {
  const address = clientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], trust);
  return address === undefined ? undefined : networkOf(address);
}
