import { isIP } from "node:net";

/**
 * How far to trust `X-Forwarded-For`: not at all, a number of proxies in front of the server (each
 * adds one hop on the right), or the addresses of the proxies themselves.
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; addresses: string[] };

/**
 * Reads `TRUST_PROXY`: "false"/"0" (no proxy), "true" (one proxy, as docker-compose.yml runs
 * HAProxy), a number of proxies, or a comma-separated list of proxy addresses. Undefined when the
 * value is none of these.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "false" || v === "no" || v === "0") return { kind: "none" };
  if (v === "true" || v === "yes") return { kind: "hops", hops: 1 };
  if (/^\d{1,2}$/.test(v)) return { kind: "hops", hops: Number(v) };
  const addresses = v.split(",").map((a) => canonicalAddress(a.trim()));
  if (addresses.length === 0 || addresses.some((a) => a === undefined)) return undefined;
  return { kind: "addresses", addresses: addresses as string[] };
}

/** An address as one spelling: IPv4-mapped IPv6 ("::ffff:1.2.3.4") as IPv4, IPv6 in lower case; undefined if not an address. */
export function canonicalAddress(raw: string): string | undefined {
  let a = raw.trim();
  // "[2001:db8::1]:443" or "1.2.3.4:5678", as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) a = mapped[1]!;
  return isIP(a) ? a : undefined;
}

/**
 * The client's address as seen by the first proxy we trust. Every proxy appends the address it got
 * the request from to `X-Forwarded-For`, so only the right-hand hops were written by our proxies;
 * anything to their left is whatever the client chose to send. Counting trusted hops from the right
 * (or skipping known proxy addresses from the right) gives the one hop a client cannot forge.
 */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy,
): string | undefined {
  const remote = remoteAddress ? canonicalAddress(remoteAddress) : undefined;
  if (trust.kind === "none") return remote;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  // The whole chain, nearest last: what the proxies wrote, then who connected to us.
  const chain = [...hops.map((h) => canonicalAddress(h) ?? "invalid"), remote ?? "invalid"];
  if (trust.kind === "hops") {
    // With n proxies, the last n entries of the chain are them; the one before is the client.
    const at = chain.length - 1 - trust.hops;
    const found = chain[Math.max(at, 0)];
    return found === "invalid" ? undefined : found;
  }
  let i = chain.length - 1;
  while (i > 0 && trust.addresses.includes(chain[i]!)) i -= 1;
  return chain[i] === "invalid" ? undefined : chain[i];
}

/**
 * The network an address belongs to, for per-network limits and blocks: an IPv4 address itself, an
 * IPv6 address's /64 (one household or phone gets a whole /64, so every address inside it is the
 * same client).
 */
export function networkOf(address: string): string {
  const a = canonicalAddress(address);
  if (!a) return address;
  if (isIP(a) === 4) return a;
  return `${expandIPv6(a).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
  let text = address;
  // A trailing dotted IPv4 part ("::1.2.3.4") becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [b0, b1, b2, b3] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g || "0", 16).toString(16));
}
