import { registerAccessContractTests } from "../accessContract";
import { registerStoreContractTests } from "../contract";
import { MemoryStore } from "./MemoryStore";

registerStoreContractTests("memory", async () => new MemoryStore());
registerAccessContractTests("memory", async () => new MemoryStore());
