// `atrium-relay holds expire`: the hold-expiry chore the relay runs hourly, on demand (from
// cron on a deployment whose relays restart rarely, or after changing a pickup window).
import { HoldService } from '../domain/booking/hold-service.js';
import { SqlBookingStore } from '../storage/booking-store.js';
import type { Storage } from '../storage/index.js';

export const HOLDS_USAGE = `Usage: atrium-relay holds expire [--database URL]

  expire           Expire holds that have waited for pickup longer than their member's pickup
                   window (pickupWindowDays in the lending policy; default 7 days)
  --database URL   sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)`;

interface Output {
  stdout: { write(text: string): unknown };
}

export async function holdsExpire(storage: Storage, output: Output = process, now?: () => Date): Promise<number> {
  const holds = new HoldService(new SqlBookingStore(storage.db, storage.dialect), storage.catalog, now ? { now } : {});
  const expired = await holds.expireUncollected();
  output.stdout.write(`Expired ${expired} ${expired === 1 ? 'hold' : 'holds'} not collected within the pickup window.\n`);
  return 0;
}
