import { useEffect } from "react";

/**
 * Tells keyboard users from touch and mouse users, for focus rings on elements the page focuses
 * itself (a step's heading). The browser's own :focus-visible shows a ring on such a heading when
 * focus came from a text field, which every touch user has just typed in; so the page marks the
 * root with how the youth last moved around: Tab or arrows ("keyboard"), or a tap or click ("pointer").
 */
export function useInputModality(): void {
  useEffect(() => {
    const root = document.documentElement;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Tab" || e.key.startsWith("Arrow")) root.dataset.modality = "keyboard";
    };
    const onPointer = () => (root.dataset.modality = "pointer");
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("pointerdown", onPointer, true);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("pointerdown", onPointer, true);
    };
  }, []);
}
