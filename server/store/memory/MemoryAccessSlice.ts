import { type AccessEntry, type AccessQuery, matchesAccessQuery } from "../../domain/access/accessRecord";
import type { SecondFactor } from "../../domain/access/secondFactor";
import type { Millis } from "../../domain/clock";
import type { AccessLogStore, SecondFactorStore } from "../slices/access";

/** Second factors and the access record in memory; every method runs without awaiting (atomic). */
export class MemoryAccessSlice implements SecondFactorStore, AccessLogStore {
  private readonly factors = new Map<string, SecondFactor>();
  private entries: AccessEntry[] = [];

  async putSecondFactor(record: SecondFactor): Promise<void> {
    this.factors.set(record.staffId, structuredClone(record));
  }
  async getSecondFactor(staffId: string): Promise<SecondFactor | undefined> {
    const found = this.factors.get(staffId);
    return found && structuredClone(found);
  }
  async deleteSecondFactor(staffId: string): Promise<boolean> {
    return this.factors.delete(staffId);
  }
  async acceptTotpStep(staffId: string, step: number): Promise<boolean> {
    const found = this.factors.get(staffId);
    if (!found || step <= found.lastStep) return false;
    found.lastStep = step;
    return true;
  }
  async useRecoveryCode(staffId: string, codeHash: string): Promise<boolean> {
    const found = this.factors.get(staffId);
    const index = found?.recoveryCodeHashes.indexOf(codeHash) ?? -1;
    if (!found || index < 0) return false;
    found.recoveryCodeHashes.splice(index, 1);
    return true;
  }

  async appendAccess(entry: AccessEntry): Promise<void> {
    this.entries.push({ ...entry });
  }
  async listAccess(query: AccessQuery): Promise<AccessEntry[]> {
    return this.entries
      .filter((e) => matchesAccessQuery(e, query))
      .sort((a, b) => b.at - a.at)
      .slice(0, query.limit)
      .map((e) => ({ ...e }));
  }
  async purgeAccessBefore(before: Millis): Promise<number> {
    const kept = this.entries.filter((e) => e.at >= before);
    const removed = this.entries.length - kept.length;
    this.entries = kept;
    return removed;
  }
}
