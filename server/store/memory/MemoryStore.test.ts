import { registerStoreContractTests } from "../contract";
import { MemoryStore } from "./MemoryStore";

registerStoreContractTests("memory", async () => new MemoryStore());
