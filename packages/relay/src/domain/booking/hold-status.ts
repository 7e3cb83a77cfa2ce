// The steps of a hold and which moves between them are allowed.
import type { HoldStatus } from '@atrium/sdk';

/** Holds that still count against a patron's limit and can still be cancelled. */
export const ACTIVE_HOLD_STATUSES: readonly HoldStatus[] = ['submitted', 'placed', 'in_transit', 'ready_for_pickup'];

const NEXT: Record<HoldStatus, readonly HoldStatus[]> = {
  submitted: ['placed', 'failed', 'cancelled'],
  // An item already at the pickup branch goes straight to the hold shelf.
  placed: ['in_transit', 'ready_for_pickup', 'failed', 'cancelled'],
  in_transit: ['ready_for_pickup', 'failed', 'cancelled'],
  ready_for_pickup: ['fulfilled', 'expired', 'cancelled'],
  fulfilled: [],
  cancelled: [],
  expired: [],
  failed: [],
};

export function canMove(from: HoldStatus, to: HoldStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextStatuses(from: HoldStatus): readonly HoldStatus[] {
  return NEXT[from];
}
