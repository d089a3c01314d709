import type { Location } from "../../domain/location";
import type { Staff } from "../../domain/staff";
import type { DirectoryStore } from "../Store";
import { parse, type RedisContext } from "./context";
import { PUT_STAFF } from "./scripts";

/** Locations and staff accounts: the configuration the rest reads. */
export function redisDirectory(ctx: RedisContext): DirectoryStore {
  const self: DirectoryStore = {
    async putLocation(location: Location): Promise<void> {
      await ctx.redis.hset(ctx.k.locations, location.id, JSON.stringify(location));
    },
    async listLocations(): Promise<Location[]> {
      return (await ctx.redis.hvals(ctx.k.locations)).map((json) => JSON.parse(json) as Location);
    },
    async putStaff(staff: Staff): Promise<void> {
      const previous = await self.getStaff(staff.id);
      const emails = [staff.email.toLowerCase(), previous?.email.toLowerCase() ?? ""];
      await ctx.run(PUT_STAFF, {}, [staff.id, JSON.stringify(staff), ...emails]);
    },
    async getStaff(id: string): Promise<Staff | undefined> {
      return parse<Staff>(await ctx.redis.hget(ctx.k.staff, id));
    },
    async getStaffByEmail(email: string): Promise<Staff | undefined> {
      const wanted = email.toLowerCase();
      const id = await ctx.redis.hget(ctx.k.staffByEmail, wanted);
      const staff = id ? await self.getStaff(id) : undefined;
      // A racing e-mail change can leave a stale index entry; it must never resolve to someone else.
      return staff?.email.toLowerCase() === wanted ? staff : undefined;
    },
    async listStaff(): Promise<Staff[]> {
      return (await ctx.redis.hvals(ctx.k.staff)).map((json) => JSON.parse(json) as Staff);
    },
  };
  return self;
}
