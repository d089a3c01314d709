/** The lines that are always open, and where their chats are: one place, so every screen links the same. */
export const HELPLINES = {
  emergency: { tel: "112", label: "112" },
  suicide113: { tel: "113", label: "113" },
  suicide113Free: { tel: "08000113", label: "0800-0113" },
  chat113: "https://www.113.nl/",
  kindertelefoon: { tel: "08000432", label: "0800-0432" },
  chatKindertelefoon: "https://www.kindertelefoon.nl/",
  mind: { tel: "09001450", label: "0900-1450" },
  chatMind: "https://www.mindkorrelatie.nl/",
} as const;
