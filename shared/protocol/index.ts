export * from "./version";
export * from "./errors";
export * from "./model";
export * from "./events";
export * from "./admin";
export * from "./figures";
export * from "./risk";
export * from "./reach";
