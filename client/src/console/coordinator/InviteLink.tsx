import { useRef, useState } from "react";
import type { InviteView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";

/** The link an invitee sets their password with, until when it works, and a button to copy it. */
export function InviteLink({ invite, onClose }: { invite: InviteView; onClose(): void }) {
  const { t, lang } = useI18n();
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const until = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(
    invite.expiresAt,
  );
  return (
    <div className="panel invite-link" role="status">
      <p>{t("coord.staff.link", { name: invite.staff.displayName, until })}</p>
      <div className="form-actions">
        <input ref={field} readOnly value={invite.link} aria-label={t("coord.staff.linkLabel")} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="button"
          onClick={async () => {
            field.current?.select();
            const done = await navigator.clipboard?.writeText(invite.link).then(
              () => true,
              () => false,
            );
            // Without a clipboard (plain http) the link stays selected for Ctrl+C.
            setCopied(done === true);
          }}
        >
          {copied ? t("coord.staff.copied") : t("coord.staff.copy")}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose} aria-label={t("coord.close")}>
          ×
        </button>
      </div>
    </div>
  );
}
