// A member's lending policy as data: which kinds of record it lends, to whose patrons, how
// many holds a patron may have at once, where its items may be picked up, and for how long.
import { z } from 'zod/mini';
import { MemberId } from './common.js';
import { RecordType } from './records.js';

export const PickupPoint = z.strictObject({
  member: MemberId,
  /** Leave out for every branch of that member. */
  branches: z.optional(z.array(z.string())),
});
export type PickupPoint = z.infer<typeof PickupPoint>;

export const LendingPolicy = z.strictObject({
  lends: z.array(RecordType),
  /** `everyone`, or the members whose patrons may place holds. */
  lendsTo: z.union([z.literal('everyone'), z.array(MemberId)]),
  maxActiveHolds: z.int().check(z.minimum(0)),
  /** `any-member`: any branch of any member; otherwise the listed pickup points. */
  pickup: z.union([z.literal('any-member'), z.array(PickupPoint)]),
  /** Days a hold waits on the pickup shelf before it expires; default 7. */
  pickupWindowDays: z.optional(z.int().check(z.minimum(1), z.maximum(365))),
});
export type LendingPolicy = z.infer<typeof LendingPolicy>;
