import { createContext, type ReactNode, useContext, useMemo, useState } from "react";
import { tabStore } from "../youth/storage";
import { en } from "./en";
import { type MessageKey, nl } from "./nl";

export type Lang = "nl" | "en";
const catalogues: Record<Lang, Record<MessageKey, string>> = { nl, en };

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  return format(catalogues[lang][key], vars);
}

/** Picks `<base>.one` or `<base>.other` by the language's plural rules. */
export function pluralKey(lang: Lang, base: "waiting.ahead", n: number): MessageKey {
  return `${base}.${new Intl.PluralRules(lang).select(n) === "one" ? "one" : "other"}` as MessageKey;
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** "today at 13:00" style, in the viewer's time zone. */
  when(at: number): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Dutch unless the youth switched in this tab. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial: Lang = tabStore.lang() === "en" ? "en" : "nl";
    document.documentElement.lang = initial;
    return initial;
  });
  const value = useMemo<I18n>(() => {
    const locale = lang === "nl" ? "nl-NL" : "en-GB";
    return {
      lang,
      setLang(next) {
        tabStore.setLang(next);
        document.documentElement.lang = next;
        setLangState(next);
      },
      t: (key, vars) => translate(lang, key, vars),
      when: (at) =>
        new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }).format(at),
    };
  }, [lang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
