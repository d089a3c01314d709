import { registerAccessContractTests } from "../accessContract";
import { registerStoreContractTests } from "../contract";
import { createMemoryStore } from "./MemoryStore";

registerStoreContractTests("memory", async () => createMemoryStore());
registerAccessContractTests("memory", async () => createMemoryStore());
