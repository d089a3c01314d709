import { registerStoreContractTests } from "../contract";
import { registerAccessContractTests } from "../contract/access";
import { createMemoryStore } from "./MemoryStore";

registerStoreContractTests("memory", async () => createMemoryStore());
registerAccessContractTests("memory", async () => createMemoryStore());
