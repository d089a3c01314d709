/**
 * The catalogues stay complete and lean: Dutch and English have the same keys, and every key is
 * used by some page (a literal "key" in the source, or a template such as `topic.${topic}` whose
 * fixed start it has). A key nobody shows is a text translators keep up for nothing.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { nl } from "./nl";

const SRC = join(import.meta.dirname, "..");
const CATALOGUES = join(SRC, "i18n");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.startsWith(join(CATALOGUES, "areas")) ? [] : sourceFiles(path);
    const catalogue = path === join(CATALOGUES, "nl.ts") || path === join(CATALOGUES, "en.ts");
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !catalogue ? [path] : [];
  });
}

const source = sourceFiles(SRC)
  .map((f) => readFileSync(f, "utf8"))
  .join("\n");
const literals = new Set([...source.matchAll(/["'`]([a-zA-Z0-9_.-]+)["'`]/g)].map((m) => m[1]!));
const templatePrefixes = [...source.matchAll(/`([a-zA-Z0-9_.-]+\.)\$\{/g)].map((m) => m[1]!);
/** `pluralKey(lang, "waiting.ahead", n)` shows "waiting.ahead.one" and "waiting.ahead.other". */
const used = (key: string) =>
  literals.has(key) ||
  templatePrefixes.some((p) => key.startsWith(p)) ||
  (/\.(one|other)$/.test(key) && literals.has(key.replace(/\.(one|other)$/, "")));

describe("message catalogues", () => {
  it("Dutch and English have exactly the same keys", () => {
    const nlKeys = Object.keys(nl).sort();
    const enKeys = Object.keys(en).sort();
    expect(
      enKeys.filter((k) => !(k in nl)),
      "only in English",
    ).toEqual([]);
    expect(
      nlKeys.filter((k) => !(k in en)),
      "only in Dutch",
    ).toEqual([]);
  });

  it("no text is empty in either language", () => {
    for (const [lang, catalogue] of Object.entries({ nl, en })) {
      expect(
        Object.entries(catalogue)
          .filter(([, text]) => !text.trim())
          .map(([k]) => k),
        lang,
      ).toEqual([]);
    }
  });

  it("every key is used by a page", () => {
    const unused = Object.keys(nl).filter((key) => !used(key));
    expect(unused).toEqual([]);
  });

  it("finds the keys it should (the scan itself works)", () => {
    expect(literals.has("exit.button")).toBe(true);
    expect(templatePrefixes).toContain("topic.");
  });
});
