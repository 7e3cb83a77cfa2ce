// A member's lending policy as data: which kinds of record it lends, to whose patrons, how
// many holds a patron may have at once, where its items may be picked up, and for how long.
// The schema is the SDK's: the consortium file and the admin API take the same policy.
export { LendingPolicy, PickupPoint } from '@atrium/sdk';

/** Holding statuses of copies that cannot leave their shelf or cannot be found. */
export const UNLENDABLE_HOLDING_STATUSES: readonly string[] = ['reference-only', 'missing'];

/** How long a ready hold waits for its patron when the policy does not say. */
export const DEFAULT_PICKUP_WINDOW_DAYS = 7;
