/**
 * How the lists read short answers and denials: a volunteer's question gives an answer its meaning
 * (context.ts), and a denial right after the danger words cancels them (listReader.ts). Scored with
 * the lists alone, so the second reader cannot hide what the rules do.
 */
import { describe, expect, it } from "vitest";
import { createRiskScorer, DEFAULT_LISTS, DEFAULT_UNITS, normalizeForRisk } from "./riskScorer";

const lists = createRiskScorer(DEFAULT_LISTS, DEFAULT_UNITS);
const asked = (lastStaff: string, recent: string[] = []) => ({ lastStaff, recent });

describe("answers to a volunteer's question", () => {
  it("a yes after a question about ending one's life, in the words volunteers are taught", () => {
    const question = "Mag ik je iets direct vragen? Denk je erover om een einde aan je leven te maken?";
    expect(lists("ja. al de hele week", asked(question))).toMatchObject({ level: "high", signals: ["suicidal-ideation"] });
    expect(lists("yeah. pretty much constantly", asked("Some people think about ending their life. Is that you?"))).toMatchObject({
      level: "high",
    });
    expect(lists("nee, gewoon moe", asked(question)).level).not.toBe("high");
  });

  it("a no to 'are you safe now' is danger now; a no that denies the worry behind it is not", () => {
    const safe = "Ben je nu veilig?";
    expect(lists("nee hij probeert de deur in te trappen", asked(safe))).toMatchObject({
      level: "high",
      acute: true,
      signals: ["acute-danger"],
    });
    expect(lists("nee nie echt. hij is nog hier", asked(safe))).toMatchObject({ level: "high", acute: true });
    expect(lists("no", asked("Are you safe right now?"))).toMatchObject({ level: "high", acute: true });
    expect(lists("nee ik word niet geslagen thuis, ze zijn gewoon streng", asked("Voel je je veilig thuis?")).level).not.toBe("high");
    expect(lists("ja ik ben veilig, bij mn tante", asked(safe)).level).toBe("none");
    // Asking whether they can talk freely is not asking whether they are safe.
    expect(lists("nee mn moeder zit naast me", asked("Zit je op een veilige plek om te praten?")).level).toBe("none");
    // Without the question a no means nothing.
    expect(lists("nee hij is nog hier").level).toBe("none");
  });

  it("a yes to 'is it happening now' takes the signal the youth just gave", () => {
    const now = "dank je dat je dat deelt. gebeurt het nu ook, op dit moment?";
    const r = lists("nu ja", asked(now, ["ik kras soms"]));
    expect(r.level).toBe("high");
    expect(r.signals).toContain("self-harm");
    // Nothing earlier to follow up on: a yes is just a yes.
    expect(lists("ja", asked(now, ["we hadden vandaag gym"])).level).toBe("none");
  });
});

describe("denials and double counting", () => {
  it("a negation right after the words, also behind 'mezelf', denies them", () => {
    expect(lists("ik snij mezelf nie, dat wil ik even zeggen").level).toBe("none");
    expect(lists("ik snij mezelf niet en heb dat ook nooit gedaan").level).toBe("none");
    expect(lists("ik heb nooit aan zelfmoord gedacht en ik kras ook nie").level).toBe("none");
    expect(lists("ik kras ook").level).toBe("high");
  });

  it("'niet meer' right after the words is a stop, the past: concern", () => {
    expect(lists("ik snij mezelf niet meer, al bijna een jaar").level).toBe("concern");
  });

  it("someone else's suspicion is their reading, not the youth's", () => {
    expect(lists("mijn moeder denkt dat ik mezelf snij maar het zijn schaafwonden").level).toBe("concern");
    expect(lists("i think that i want to die").level).toBe("high");
  });

  it("a cue that is a word of its own signal's match is not a second sign", () => {
    expect(lists("bedankt voor alles").level).toBe("concern");
    expect(lists("bedankt voor alles. doei").level).toBe("high");
  });

  it("reads 💀 as laughter: wanting to die beside it is hyperbole, at most concern", () => {
    expect(normalizeForRisk("ik wil dood 💀")).toBe("ik wil dood skull");
    expect(lists("ik wil dood 💀").level).toBe("concern");
    expect(lists("ik wil dood").level).toBe("high");
  });

  it("two signals read from the same words are one sign", () => {
    expect(lists("vanavond gaan we het doen!!! eindelijk naar het concert").level).not.toBe("high");
  });
});
