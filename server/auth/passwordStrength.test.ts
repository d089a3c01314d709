import { describe, expect, it } from "vitest";
import { isWeakPassword } from "./passwordStrength";

describe("weak staff passwords", () => {
  it("refuses common, repeated and personal ones, even at twelve characters", () => {
    for (const weak of ["            ", "aaaaaaaaaaaa", "password1234", "welkom123456", "qwertyuiop12", "123456789012"])
      expect(isWeakPassword(weak), weak).toBe(true);
    expect(isWeakPassword("devriesdevries", ["eva.devries@inloop.demo", "Eva de Vries"])).toBe(true);
  });

  it("accepts a long passphrase", () => {
    expect(isWeakPassword("fiets naar de duinen om zeven uur")).toBe(false);
    expect(isWeakPassword("a long enough password")).toBe(false);
  });
});
