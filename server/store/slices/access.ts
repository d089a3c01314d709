import type { AccessEntry, AccessQuery } from "../../domain/access/accessRecord";
import type { SecondFactor } from "../../domain/access/secondFactor";
import type { Millis } from "../../domain/clock";

/** Staff second factors. Part of `Store`; kept apart so the slice and its contract suite stay small. */
export interface SecondFactorStore {
  /** Enrols (or re-enrols) a staff member: replaces any earlier factor and its recovery codes. */
  putSecondFactor(record: SecondFactor): Promise<void>;
  getSecondFactor(staffId: string): Promise<SecondFactor | undefined>;
  /** A coordinator's reset: the factor and its recovery codes are gone. True if there was one. */
  deleteSecondFactor(staffId: string): Promise<boolean>;
  /**
   * Atomic: accepts a TOTP step only if it is later than the last accepted one, and records it. Of
   * two logins racing with the same code (two processes), exactly one gets true.
   */
  acceptTotpStep(staffId: string, step: number): Promise<boolean>;
  /** Atomic: uses up one recovery code (by its hash); true once, false ever after. */
  useRecoveryCode(staffId: string, codeHash: string): Promise<boolean>;
}

/** The access record: append-only, indexed by reader and by date (and by location, for scope). */
export interface AccessLogStore {
  appendAccess(entry: AccessEntry): Promise<void>;
  /** Entries answering the query, newest first, at most `limit`. */
  listAccess(query: AccessQuery): Promise<AccessEntry[]>;
  /** Retention (ACCESS_LOG_DAYS): removes every entry older than `before`; resolves how many. */
  purgeAccessBefore(before: Millis): Promise<number>;
}

/**
 * The access slice's methods as plain functions over one implementation (a class instance), so a
 * store composed of spread slices can take them in.
 */
export function accessMethods(access: SecondFactorStore & AccessLogStore): SecondFactorStore & AccessLogStore {
  return {
    putSecondFactor: (record) => access.putSecondFactor(record),
    getSecondFactor: (staffId) => access.getSecondFactor(staffId),
    deleteSecondFactor: (staffId) => access.deleteSecondFactor(staffId),
    acceptTotpStep: (staffId, step) => access.acceptTotpStep(staffId, step),
    useRecoveryCode: (staffId, codeHash) => access.useRecoveryCode(staffId, codeHash),
    appendAccess: (entry) => access.appendAccess(entry),
    listAccess: (query) => access.listAccess(query),
    purgeAccessBefore: (before) => access.purgeAccessBefore(before),
  };
}
