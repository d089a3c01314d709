import { conversationsContract } from "./contract/conversations";
import { directoryContract } from "./contract/directory";
import { escalationsContract } from "./contract/escalations";
import type { DestroyStore, MakeStore } from "./contract/fixtures";
import { messagesContract } from "./contract/messages";
import { reachContract } from "./contract/reach";
import { recordsContract } from "./contract/records";
import { returnCodesContract } from "./contract/returnCodes";

/**
 * One behaviour, every implementation: the memory and Redis stores (and the Cluster) run every
 * slice's contract (server/store/contract/). `make` returns a fresh, empty store; `destroy` removes
 * whatever it wrote.
 */
export function registerStoreContractTests(name: string, make: MakeStore, destroy: DestroyStore = (s) => s.close()): void {
  for (const contract of [
    directoryContract,
    conversationsContract,
    messagesContract,
    escalationsContract,
    returnCodesContract,
    recordsContract,
    reachContract,
  ]) {
    contract(name, make, destroy);
  }
}
