// A member's lending policy as data: which kinds of record it lends, to whose patrons, how
// many holds a patron may have at once, where its items may be picked up, and for how long.
import { MemberId, RecordType } from '@atrium/sdk';
import { z } from 'zod/mini';

export const PickupPoint = z.object({
  member: MemberId,
  /** Leave out for every branch of that member. */
  branches: z.optional(z.array(z.string())),
});

export const LendingPolicy = z.object({
  lends: z.array(RecordType),
  /** `everyone`, or the members whose patrons may place holds. */
  lendsTo: z.union([z.literal('everyone'), z.array(MemberId)]),
  maxActiveHolds: z.int().check(z.minimum(0)),
  /** `any-member`: any branch of any member; otherwise the listed pickup points. */
  pickup: z.union([z.literal('any-member'), z.array(PickupPoint)]),
  /** Days a hold waits on the pickup shelf before it expires; default DEFAULT_PICKUP_WINDOW_DAYS. */
  pickupWindowDays: z.optional(z.int().check(z.minimum(1), z.maximum(365))),
});
export type LendingPolicy = z.infer<typeof LendingPolicy>;

/** Holding statuses of copies that cannot leave their shelf or cannot be found. */
export const UNLENDABLE_HOLDING_STATUSES: readonly string[] = ['reference-only', 'missing'];

/** How long a ready hold waits for its patron when the policy does not say. */
export const DEFAULT_PICKUP_WINDOW_DAYS = 7;
