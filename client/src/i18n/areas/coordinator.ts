/** Coordinator pages: locations, staff, roster. Dutch first; English must have every key. */
export const coordinatorNl = {
  "coord.nav": "Beheer",
} as const;

export const coordinatorEn: Record<keyof typeof coordinatorNl, string> = {
  "coord.nav": "Management",
};
