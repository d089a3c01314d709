import type { LocationView } from "../../../shared/protocol";

/** Snippets whose key starts with what follows "/" (in the console's language first). */
export function matchSnippets(location: LocationView | undefined, typed: string, lang: "nl" | "en") {
  if (!location || !typed.startsWith("/")) return [];
  const query = typed.slice(1).toLowerCase();
  if (/\s/.test(query)) return [];
  return location.snippets
    .filter((s) => s.key.toLowerCase().startsWith(query))
    .sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang) || a.key.localeCompare(b.key));
}
