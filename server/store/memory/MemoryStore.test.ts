import { registerAccessContractTests } from "../contract/access";
import { registerStoreContractTests } from "../contract";
import { createMemoryStore } from "./MemoryStore";

registerStoreContractTests("memory", async () => createMemoryStore());
registerAccessContractTests("memory", async () => createMemoryStore());
