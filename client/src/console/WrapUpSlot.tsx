import { useEffect, useState } from "react";
import type { Ack, RequestOf, Responses, WrapUpTodoView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { WrapUpForm } from "./WrapUpForm";

/** What is being written up: a chat that ended, or a walk-in talk. */
export type Wrapping = WrapUpTodoView | "walk-in";

/**
 * The open wrap-up. A chat that just ended opens its own, unless another is being filled in or a
 * chat is still live (the wrap-up never covers a youth who is still there).
 */
export function useWrapping(todos: WrapUpTodoView[], liveChats: number) {
  const [wrapping, setWrapping] = useState<Wrapping>();
  const due = todos.at(-1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: Only a new to-do should open the form, not every render.
  useEffect(() => {
    if (due && !wrapping && liveChats === 0) setWrapping(due);
  }, [due?.conversation.id]);
  return [wrapping, setWrapping] as const;
}

/** The wrap-up form for what is being written up, filed through the workplace's own request. */
export function WrapUpSlot({
  wrapping,
  topics,
  canDebrief,
  request,
  onFiled,
  onClose,
}: {
  wrapping: Wrapping;
  topics: string[];
  canDebrief: boolean;
  request(event: "wrapup:submit", payload: RequestOf<"wrapup:submit">): Promise<Ack<Responses["wrapup:submit"]>>;
  onFiled(conversationId: string): void;
  onClose(): void;
}) {
  return (
    <WrapUpForm
      key={wrapping === "walk-in" ? "walk-in" : wrapping.conversation.id}
      {...(wrapping !== "walk-in" && { todo: wrapping })}
      canDebrief={canDebrief}
      topics={topics}
      onLater={onClose}
      onSubmit={async (submitted) => {
        const ack = await request("wrapup:submit", submitted);
        if (ack.ok) {
          if (submitted.conversationId) onFiled(submitted.conversationId);
          onClose();
        }
        return ack;
      }}
    />
  );
}

/** The wrap-ups still owed, each a link that opens it. */
export function WrapUpTodoList({ todos, onOpen }: { todos: WrapUpTodoView[]; onOpen(todo: WrapUpTodoView): void }) {
  const { t } = useI18n();
  return (
    <ul className="todo">
      {todos.map((todo) => (
        <li key={todo.conversation.id}>
          <button type="button" className="link-button" onClick={() => onOpen(todo)}>
            {t("console.wrapup.open")}: {todo.conversation.nickname ?? t("console.chat.anonymous")}
          </button>
        </li>
      ))}
    </ul>
  );
}
