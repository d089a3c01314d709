import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { generate, generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { keyedHash } from "./secrets";

/** RFC 6238 defaults every authenticator app understands: SHA-1, six digits, 30-second steps. */
export const TOTP_PERIOD_S = 30;

/** A new shared secret for an authenticator app: 160 random bits, base32 (what apps expect). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The `otpauth://` address an authenticator app reads from the QR code. */
export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: "Inloop", label: account, secret });
}

/** The enrolment QR code as an SVG data URL: the strict CSP allows `img-src data:`, no script needed. */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** The code an app shows at `nowMs` (tests and the demo helper compute codes with it). */
export function totpCodeAt(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}

/** The 30-second step a moment falls in. */
export function totpStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_S);
}

/**
 * The step a six-digit code belongs to, if it is the code of the current step or one step either
 * side (a phone clock a little off) and later than `afterStep` (a code works once: RFC 6238 §5.2).
 */
export async function verifyTotp(secret: string, code: string, nowMs: number, afterStep: number): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      epochTolerance: TOTP_PERIOD_S,
      afterTimeStep: afterStep,
    });
    // The TOTP result carries the step; the shared result type also covers HOTP, which does not.
    return result.valid && "timeStep" in result ? (result as { timeStep: number }).timeStep : undefined;
  } catch {
    return undefined;
  }
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: read off paper

/** Ten one-time recovery codes, "xxxxx-xxxxx" (about 49 bits each), shown once at enrolment. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What a typed recovery code is compared as: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

/** Recovery codes are stored only as this keyed hash, so a copy of the store cannot be used to log in. */
export function hashRecoveryCode(key: string, code: string): string {
  return keyedHash(key, `recovery:${normaliseRecoveryCode(code)}`);
}

/**
 * Secret sealing for TOTP secrets at rest (AES-256-GCM under a key derived from SECOND_FACTOR_KEY):
 * a copy of the store alone does not let anyone compute a staff member's codes.
 */
export function sealSecret(key: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(key), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The secret sealed by `sealSecret`, or undefined when the key is wrong or the value was changed. */
export function openSecret(key: string, sealed: string): string | undefined {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derive(key), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

function derive(key: string): Buffer {
  return createHash("sha256").update(`inloop-second-factor:${key}`).digest();
}
