import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the push service received it, decrypted as the browser would. */
export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  payload: unknown;
  /** The VAPID JWT's claims, after checking its ES256 signature against the `k=` key. */
  vapid: { aud: string; sub: string; exp: number; publicKey: string };
}

/** A device: a P-256 key pair and an auth secret, as a browser makes for `pushManager.subscribe`. */
export function makeDevice() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
  };
}
export type Device = ReturnType<typeof makeDevice>;

/** RFC 8188 / RFC 8291 (aes128gcm): decrypts one Web Push message body with the device's keys. */
export function decryptPush(body: Buffer, device: Device): Buffer {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  if (ciphertext.length > rs) throw new Error("more than one record: not expected for a short payload");
  const ecdhSecret = device.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), device.ecdh.getPublicKey(), asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, device.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end);
}

/** Checks the `vapid t=<jwt>, k=<key>` Authorization header (RFC 8292) and returns its claims. */
function checkVapid(header: string | undefined): ReceivedPush["vapid"] {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!m) throw new Error(`no VAPID authorization: ${header}`);
  const [token, key] = [m[1]!, m[2]!];
  const [head, claims, signature] = token.split(".") as [string, string, string];
  const point = Buffer.from(key, "base64url");
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url") },
    format: "jwk",
  });
  const ok = verify(
    "sha256",
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!ok) throw new Error("VAPID signature does not verify");
  return { ...(JSON.parse(Buffer.from(claims, "base64url").toString()) as { aud: string; sub: string; exp: number }), publicKey: key };
}

/**
 * A push service on a local port: every POST to /push/<device> is decrypted with that device's keys
 * and its VAPID signature checked. `status` decides the answer (201 by default; 410 = gone).
 */
export async function startPushService() {
  const devices = new Map<string, Device>();
  const received: ReceivedPush[] = [];
  const waiters: { match: (p: ReceivedPush) => boolean; resolve: (p: ReceivedPush) => void }[] = [];
  let status = 201;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        const name = (req.url ?? "").replace(/^\/push\//, "");
        const device = devices.get(name);
        if (!device || req.method !== "POST") throw new Error(`unexpected ${req.method} ${req.url}`);
        if (req.headers["content-encoding"] !== "aes128gcm") throw new Error(`content-encoding ${req.headers["content-encoding"]}`);
        const push: ReceivedPush = {
          path: req.url ?? "",
          headers: req.headers,
          payload: JSON.parse(decryptPush(Buffer.concat(chunks), device).toString("utf8")),
          vapid: checkVapid(req.headers.authorization),
        };
        received.push(push);
        for (const w of waiters.splice(0)) w.match(push) ? w.resolve(push) : waiters.push(w);
        res.statusCode = status;
      } catch (error) {
        received.push({
          path: req.url ?? "",
          headers: req.headers,
          payload: { error: String(error) },
          vapid: { aud: "", sub: "", exp: 0, publicKey: "" },
        });
        res.statusCode = 400;
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    /** A new device and the subscription JSON a browser would hand the page. */
    device(name: string) {
      const device = makeDevice();
      devices.set(name, device);
      return { device, subscription: { endpoint: `${origin}/push/${name}`, keys: device.keys } };
    },
    answerWith(code: number) {
      status = code;
    },
    next(match: (p: ReceivedPush) => boolean = () => true, timeoutMs = 5000): Promise<ReceivedPush> {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no push arrived")), timeoutMs);
        waiters.push({ match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
