export function ErasePanel(_p: { onErased(): void }) { return null; }
