import { createHash, createHmac, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** An opaque bearer secret: 256 random bits, URL-safe. Youth session tokens and staff session ids. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Secrets are stored only as this hash, so a copy of the store cannot be replayed as a login. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * A keyed hash (HMAC-SHA256) for short secrets a person can remember, such as return codes: without
 * the server key, a copy of the store cannot be searched by trying every possible code.
 */
export function keyedHash(key: string, value: string): string {
  return createHmac("sha256", key).update(value).digest("hex");
}

/** A short random id for records that are not secrets (conversations, youths). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}

/**
 * argon2id (the library's default algorithm; its `Algorithm` is a const enum we cannot import under
 * isolatedModules) with 19 MiB and 2 passes, as OWASP recommends for interactive logins.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
