import type { Snippet } from "../domain/location";

/** A sensible starting set of canned responses in Dutch and English; each location can change them. */
export const DEFAULT_SNIPPETS: Snippet[] = [
  { key: "welkom", lang: "nl", text: "Hoi, fijn dat je er bent! Ik ben vrijwilliger bij Inloop. Waar wil je het over hebben?" },
  { key: "momentje", lang: "nl", text: "Ik lees even rustig wat je schreef, momentje." },
  { key: "begrip", lang: "nl", text: "Dat klinkt echt zwaar. Goed dat je het vertelt." },
  {
    key: "113",
    lang: "nl",
    text: "Als je aan zelfmoord denkt, kun je altijd 113 bellen (of gratis 0800-0113), dag en nacht. Chatten kan ook via 113.nl.",
  },
  {
    key: "huisarts",
    lang: "nl",
    text: "Misschien is het goed om hierover met je huisarts te praten. Zullen we samen bedenken hoe je dat aanpakt?",
  },
  { key: "afsluiten", lang: "nl", text: "Ik vond het fijn om met je te praten. Je bent altijd welkom om terug te komen." },
  { key: "welcome", lang: "en", text: "Hi, glad you're here! I'm a volunteer at Inloop. What would you like to talk about?" },
  { key: "moment", lang: "en", text: "I'm reading what you wrote, give me a moment." },
  { key: "understand", lang: "en", text: "That sounds really hard. Good that you're telling me." },
  {
    key: "113",
    lang: "en",
    text: "If you are thinking about suicide, you can always call 113 (or free 0800-0113), day and night. You can also chat at 113.nl.",
  },
  { key: "gp", lang: "en", text: "It might help to talk about this with your GP. Shall we think together about how to go about it?" },
  { key: "goodbye", lang: "en", text: "I'm glad we talked. You're always welcome to come back." },
];
