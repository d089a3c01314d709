import type { PresenceStore } from "../store/Store";
import type { ServiceDeps } from "./context";

/**
 * Tells a staff member's consoles their presence after their load changed (a chat taken, assigned,
 * ended, transferred, taken over or handed back), so "take next" follows the server's count of
 * their chats and never a stale copy in the page.
 */
export async function pushPresence(
  deps: Pick<ServiceDeps<PresenceStore>, "store" | "notifier">,
  ...staffIds: (string | undefined)[]
): Promise<void> {
  for (const staffId of new Set(staffIds)) {
    if (!staffId) continue;
    const presence = await deps.store.getPresence(staffId);
    if (presence) deps.notifier.emit({ staff: staffId }, "presence:changed", presence);
  }
}
