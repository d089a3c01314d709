import { useI18n } from "../../i18n/i18n";
import { type DraftPartProps, patchAt, removeAt, type Snippet } from "./locationDraft";

function SnippetItem({ s, onChange, onRemove }: { s: Snippet; onChange(patch: Partial<Snippet>): void; onRemove(): void }) {
  const { t } = useI18n();
  return (
    <li>
      <label>
        {t("coord.loc.snippetKey")}
        <input value={s.key} required pattern="[a-z0-9\-]{1,30}" onChange={(e) => onChange({ key: e.target.value })} />
      </label>
      <label>
        {t("coord.loc.snippetLang")}
        <select value={s.lang} onChange={(e) => onChange({ lang: e.target.value as "nl" | "en" })}>
          <option value="nl">NL</option>
          <option value="en">EN</option>
        </select>
      </label>
      <label className="grow">
        {t("coord.loc.snippetText")}
        <input value={s.text} required maxLength={1000} onChange={(e) => onChange({ text: e.target.value })} />
      </label>
      <button type="button" className="button button-quiet" onClick={onRemove}>
        {t("coord.remove")}
      </button>
    </li>
  );
}

/** The location's ready-made answers volunteers pick from while they chat, per language. */
export function LocationSnippets({ draft, set }: DraftPartProps) {
  const { t } = useI18n();
  const list = draft.snippets;
  return (
    <fieldset className="panel">
      <legend>{t("coord.loc.snippets")}</legend>
      <ul className="snippet-rows">
        {list.map((s, i) => (
          <SnippetItem
            key={i}
            s={s}
            onChange={(patch) => set("snippets", patchAt(list, i, patch))}
            onRemove={() => set("snippets", removeAt(list, i))}
          />
        ))}
      </ul>
      <button type="button" className="button" onClick={() => set("snippets", [...list, { key: "", lang: "nl", text: "" }])}>
        {t("coord.loc.addSnippet")}
      </button>
    </fieldset>
  );
}
