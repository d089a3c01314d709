import type { PendingMessage } from "./machine";

/** Every key Inloop writes starts with this, so quick exit can find and wipe them all. */
export const STORAGE_PREFIX = "inloop.";

const KEYS = {
  token: `${STORAGE_PREFIX}token`,
  outbox: `${STORAGE_PREFIX}outbox`,
  lang: `${STORAGE_PREFIX}lang`,
  draft: `${STORAGE_PREFIX}draft`,
  closed: `${STORAGE_PREFIX}closed`,
  sound: `${STORAGE_PREFIX}sound`,
} as const;

/**
 * Tab-scoped storage (sessionStorage): a reload in the same tab finds the session again, and
 * closing the tab forgets it, which suits a shared device.
 */
export const tabStore = {
  token: () => sessionStorage.getItem(KEYS.token) ?? undefined,
  setToken: (token: string) => sessionStorage.setItem(KEYS.token, token),
  clearToken: () => sessionStorage.removeItem(KEYS.token),
  outbox(): PendingMessage[] {
    try {
      const parsed: unknown = JSON.parse(sessionStorage.getItem(KEYS.outbox) ?? "[]");
      return Array.isArray(parsed) ? (parsed as PendingMessage[]) : [];
    } catch {
      return [];
    }
  },
  setOutbox: (pending: PendingMessage[]) =>
    pending.length ? sessionStorage.setItem(KEYS.outbox, JSON.stringify(pending)) : sessionStorage.removeItem(KEYS.outbox),
  /** The conversation this tab already said goodbye to. */
  closed: () => sessionStorage.getItem(KEYS.closed) ?? undefined,
  setClosed: (conversationId: string) => sessionStorage.setItem(KEYS.closed, conversationId),
  draft: () => sessionStorage.getItem(KEYS.draft) ?? "",
  setDraft: (text: string) => (text ? sessionStorage.setItem(KEYS.draft, text) : sessionStorage.removeItem(KEYS.draft)),
  /** Sound for new messages: off unless the youth turned it on in this tab. */
  sound: () => sessionStorage.getItem(KEYS.sound) === "on",
  setSound: (on: boolean) => (on ? sessionStorage.setItem(KEYS.sound, "on") : sessionStorage.removeItem(KEYS.sound)),
  lang: () => sessionStorage.getItem(KEYS.lang) ?? undefined,
  setLang: (lang: string) => sessionStorage.setItem(KEYS.lang, lang),
};

/**
 * What outlives the tab (localStorage): only a random device id, sent when a session opens so a
 * block can reach this browser and not the whole network behind it. Quick exit wipes it with the rest.
 */
export const browserStore = {
  deviceId(): string {
    const key = `${STORAGE_PREFIX}device`;
    try {
      const known = localStorage.getItem(key);
      if (known && /^[A-Za-z0-9_-]{16,64}$/.test(known)) return known;
      const fresh = crypto.randomUUID();
      localStorage.setItem(key, fresh);
      return fresh;
    } catch {
      // Storage refused (private mode in some browsers): a fresh id per session, which a block still reaches.
      return crypto.randomUUID();
    }
  },
};

/** Removes everything Inloop stored in this browser, in both storages. */
export function wipeInloopStorage(): void {
  for (const storage of [sessionStorage, localStorage]) {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(STORAGE_PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  }
}
