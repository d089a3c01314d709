import { describe, expect, it } from "vitest";
import type { LocationAdminView } from "../../../../shared/protocol";
import { initialLocations, type LocationsAction, type LocationsState, reduceLocations, selectedLocation } from "./locationsState";

const location = (id: string, name = id): LocationAdminView => ({ id, name }) as LocationAdminView;
const run = (state: LocationsState, ...actions: LocationsAction[]) => actions.reduce(reduceLocations, state);
const loaded = run(initialLocations, { type: "loaded", locations: [location("leiden"), location("amsterdam")] });

describe("reduceLocations", () => {
  it("shows nothing until the first answer, then opens the first location", () => {
    expect(selectedLocation(initialLocations)).toBeUndefined();
    expect(loaded.selected).toBe("leiden");
    expect(selectedLocation(loaded)?.id).toBe("leiden");
  });

  it("keeps the open location when the list comes again, and opens a location just made", () => {
    const open = run(loaded, { type: "select", id: "amsterdam" });
    const again = run(open, { type: "loaded", locations: [location("leiden"), location("amsterdam")] });
    expect(again.selected).toBe("amsterdam");
    const made = run(open, { type: "loaded", locations: [location("leiden"), location("amsterdam"), location("delft")], select: "delft" });
    expect(selectedLocation(made)?.id).toBe("delft");
  });

  it("opens and closes the form for a new location", () => {
    expect(run(loaded, { type: "create" }).creating).toBe(true);
    expect(run(loaded, { type: "create" }, { type: "createClosed" }).creating).toBe(false);
  });

  it("puts the server's copy of a saved location in its place", () => {
    const saved = run(loaded, { type: "saved", location: location("amsterdam", "Amsterdam-West") });
    expect(saved.locations?.map((l) => l.name)).toEqual(["leiden", "Amsterdam-West"]);
    expect(saved.selected).toBe("leiden");
  });

  it("ignores a save that lands before any list", () => {
    expect(reduceLocations(initialLocations, { type: "saved", location: location("leiden") })).toBe(initialLocations);
  });
});
