import { describe, expect, it } from "vitest";
import { loadDefaultRiskScorer, normalizeForRisk, type RiskLevel } from "./riskScorer";

const score = loadDefaultRiskScorer();
const level = (text: string): RiskLevel => score(text).level;

describe("negation", () => {
  it.each([
    "ik wil niet dood",
    "ik wil echt niet dood hoor",
    "I don't want to die",
    "i do not want to die",
    "ik heb nooit aan zelfmoord gedacht",
    "ik denk niet aan zelfmoord",
    "i would never kill myself",
    "I've never thought about killing myself",
    "im not suicidal",
    "i dont want to hurt myself",
  ])("a negated phrase is not a signal: %s", (text) => {
    expect(level(text)).toBe("none");
  });

  it.each([
    "ik wil niet meer leven",
    "ik wil gewoon niet meer leven",
    "I don't want to live anymore",
    "i dont want to be alive anymore",
    "ik wil slapen en nooit meer wakker worden",
    "i want to go to sleep and never wake up",
    "ik wil er niet meer zijn",
    "ik heb geen zin meer in het leven",
  ])("a negation that is part of the phrase still counts: %s", (text) => {
    expect(level(text)).toBe("high");
  });

  it("does not reach past a subject pronoun or a breaker word", () => {
    expect(level("im not ok i want to die")).toBe("high");
    expect(level("ik ben niet oke ik wil dood")).toBe("high");
    expect(level("ik weet niet waarom maar ik wil dood")).toBe("high");
    expect(level("i dont know why but i want to kill myself")).toBe("high");
  });

  it("does not reach into the next sentence", () => {
    expect(level("Nee. Ik wil dood")).toBe("high");
    expect(level("ik wil niet naar huis, ik wil dood")).toBe("high");
  });

  it("a negation inside a gap cancels the phrase", () => {
    expect(level("ik wil niet dat mijn hond dood gaat")).toBe("none");
  });
});

describe("spelling variants", () => {
  it.each([
    ["repeated letters", "ik wil dooooood"],
    ["no spaces", "ikwildood"],
    ["shouting and punctuation", "IK WIL DOOD!!!"],
    ["abbreviation", "zelfmrd gedachten"],
    ["accent", "ik ben suïcidaal"],
    ["no accent", "ik ben suicidaal"],
    ["leetspeak", "i want to d1e"],
    ["wanna + split word", "i wanna kill my self"],
    ["Dutch abbreviations", "k wil nt meer leven"],
    ["youth spelling", "ik wil nie meer"],
    ["typo", "ik wil neit meer leven"],
    ["suic", "feeling suic rn"],
    ["unalive", "i want to unalive myself"],
    ["van kant maken", "ik ga me van kant maken"],
    ["dood gaan", "wil dood gaan"],
    ["kms with for real", "kms fr"],
    ["typo in English", "been thinkin bout sucide"],
    ["self-harm", "ik kras mezelf"],
    ["sh", "relapsed on sh last night"],
    ["method", "ik wil voor de trein springen"],
    ["grooming", "hij wil dat ik foto's stuur van mezelf zonder kleren"],
    ["loverboy", "ik denk dat hij een loverboy is"],
  ])("%s: %s", (_label, text) => {
    expect(level(text)).toBe("high");
  });

  it("normalises the way the README describes", () => {
    expect(normalizeForRisk("Ik wil DOOOOOD!!! Écht, m'n leven…")).toBe("ik wil dood | echt | mijn leven |");
    expect(normalizeForRisk("i don't wanna d13")).toBe("i dont want to die");
    expect(normalizeForRisk("bel 113 of 0800-0113")).toBe("bel 113 of 0800 0113");
  });
});

describe("word boundaries and everyday language", () => {
  it.each([
    "going shopping with my mom later",
    "sh*t i forgot my password",
    "shhhh be quiet",
    "ik snij de groenten",
    "krassen op mijn telefoonscherm",
    "ik wil niet meer naar school",
    "ik sta op de trein te wachten",
    "ik heb geld nodig voor de trein",
    "ik ga de was ophangen",
    "she beat me at mario kart lol",
    "i took a pill for my headache",
  ])("no signal inside or beside other words: %s", (text) => {
    expect(level(text)).toBe("none");
  });

  it.each([
    "ik ga dood van het lachen",
    "ik schaam me dood",
    "ik wil dood graag een hond",
    "this homework is killing me",
    "i'd die for a pizza",
    "i want to die my hair pink",
    "i could die of embarrassment",
    "i'm dying to see that movie",
  ])("idioms are not signals: %s", (text) => {
    expect(level(text)).toBe("none");
  });

  it.each([
    "we moeten een werkstuk maken over zelfmoordpreventie",
    "we hadden voorlichting over loverboys",
    "we watched a documentary about self harm in class",
    "die serie over zelfmoord was heftig",
  ])("school topics, books and films are not signals: %s", (text) => {
    expect(level(text)).toBe("none");
  });

  it("talking about one's own thoughts is not a topic", () => {
    expect(level("can i talk about my suicidal thoughts")).toBe("high");
    expect(level("ik wil het hebben over mijn zelfmoordgedachten")).toBe("high");
  });

  it("keeps short everyday replies below high (the reader once learnt that 'ja' was danger)", () => {
    const replies = [
      "yeah",
      "yeah thanks",
      "yeah sure",
      "ja eigenlijk wel, was gezellig",
      "ja vanavond mijn verjaardag",
      "ja vandaag een toets gehad",
      "ja al gedaan",
      "ik ben al de hele week verkouden",
      "doei iedereen tot morgen",
      "who else is watching the match tonight",
      "i took my meds this morning",
      "i need to catch the bus to school",
      "ja",
      "nee hoor",
      "oke top",
      "ja soms wel leuk",
      "yes i went to the gym",
      "ja ik heb vandaag vrij",
      "ja mn moeder komt zo",
      "idk maybe",
      "ja dat was echt lachen",
      "ja tot morgen",
      "thanks bye",
      "bedankt voor het gesprek, doei",
      "ja ik ga zo slapen",
      "yeah tonight we have a party",
      "ja vanavond voetbal",
      "ik heb mijn pillen al ingenomen",
      "ja al een tijdje",
      "yeah its been a long day",
    ];
    expect(replies.filter((r) => level(r) === "high")).toEqual([]);
  });

  it("handles empty, odd and long input without throwing", () => {
    expect(score("")).toEqual({ level: "none", signals: [], acute: false, contextMatters: false });
    expect(score("   ")).toEqual({ level: "none", signals: [], acute: false, contextMatters: false });
    expect(score("💀💀💀 ???")).toEqual({ level: "none", signals: [], acute: false, contextMatters: false });
    expect(score("|||..|")).toEqual({ level: "none", signals: [], acute: false, contextMatters: false });
    expect(level("a".repeat(50_000))).toBe("none");
  });
});

describe("past and other people's words", () => {
  it.each([
    "vroeger sneed ik mezelf",
    "i used to self harm when i was 14",
    "ik heb 2 jaar geleden een poging gedaan",
    "i attempted when i was 15 but im ok now",
    "iedereen op school zegt dat ik mezelf moet doodmaken",
    "people keep telling me to kill myself",
    "kys is what they say to me",
    "mijn oom heeft zelfmoord gepleegd",
    "my brother killed himself last year",
  ])("is concern, not high: %s", (text) => {
    expect(level(text)).toBe("concern");
  });

  it("recent self-harm stays high", () => {
    expect(level("i cut myself last night")).toBe("high");
    expect(level("heb vannacht weer in mn arm gesneden")).toBe("high");
  });
});

describe("signals", () => {
  it("names the matched phrase ids, high first", () => {
    expect(score("mijn vader slaat me")).toEqual({ level: "high", signals: ["abuse-home"], acute: false, contextMatters: true });
    const r = score("ik haat mezelf en ik wil dood");
    expect(r.level).toBe("high");
    expect(r.signals).toEqual(["suicidal-ideation", "hopelessness"]);
  });

  it("uses the same ids for Dutch and English", () => {
    expect(score("ik snij mezelf").signals).toEqual(score("i cut myself").signals);
    expect(score("iedereen is beter af zonder mij").signals).toEqual(score("everyone is better off without me").signals);
  });

  it("does not carry the message text in the result", () => {
    const r = score("ik wil dood, mijn naam is Sanne");
    expect(JSON.stringify(r)).not.toMatch(/sanne|dood/i);
  });
});

describe("speed", () => {
  it("scores a 2,000-character message well within a generous bound", () => {
    const chunk =
      "Hoi, ik wil even praten over school en thuis. Mijn ouders maken veel ruzie en ik slaap slecht. " +
      "I feel stressed about exams and my friends are busy lately. ";
    const message = chunk.repeat(Math.ceil(2000 / chunk.length)).slice(0, 2000);
    expect(message).toHaveLength(2000);
    for (let i = 0; i < 50; i++) score(message); // warm up the compiled expressions
    const runs = 500;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) score(message);
    const perMessage = (performance.now() - t0) / runs;
    console.log(`risk scorer: ${perMessage.toFixed(3)} ms per 2,000-character message (mean of ${runs})`);
    expect(perMessage).toBeLessThan(10); // sanity bound only; typically well under 1 ms
  });
});
