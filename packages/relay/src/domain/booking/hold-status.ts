// The steps of a hold and which moves between them are allowed (the table is the contract's,
// so the console offers exactly the moves the relay accepts).
import { HOLD_TRANSITIONS, type HoldStatus } from '@atrium/sdk';

/** Holds that still count against a patron's limit and can still be cancelled. */
export const ACTIVE_HOLD_STATUSES: readonly HoldStatus[] = ['submitted', 'placed', 'in_transit', 'ready_for_pickup'];

export function canMove(from: HoldStatus, to: HoldStatus): boolean {
  return HOLD_TRANSITIONS[from].includes(to);
}

export function nextStatuses(from: HoldStatus): readonly HoldStatus[] {
  return HOLD_TRANSITIONS[from];
}
