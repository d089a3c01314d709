import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { tabStore } from "./storage";

/**
 * Sound is off until the youth turns it on: in a shared or unsafe home a chime can give them away.
 * The tab title and a vibration still tell them about a new message.
 */
export function SoundToggle() {
  const { t } = useI18n();
  const [on, setOn] = useState(() => tabStore.sound());
  return (
    <label className="sound-toggle">
      <input
        type="checkbox"
        role="switch"
        checked={on}
        aria-checked={on}
        onChange={(e) => {
          setOn(e.target.checked);
          tabStore.setSound(e.target.checked);
        }}
      />
      <span>{t("sound.label")}</span>
    </label>
  );
}
