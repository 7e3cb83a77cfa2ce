// One line telling a patron whether they can get hold of a record, from its holdings.
import { AVAILABLE_STATUSES, type Holding } from '@atrium/sdk';
import type { Formatters } from '../../localize/formatters.js';
import type { Translation } from '../../translations/translations.js';

export interface AvailabilitySummary {
  available: boolean;
  text: string;
}

export function isAvailable(holding: Holding): boolean {
  return AVAILABLE_STATUSES.includes(holding.status);
}

export function summarizeAvailability(holdings: readonly Holding[], t: Translation, f: Formatters): AvailabilitySummary {
  if (holdings.length === 0) return { available: false, text: t.noHoldings };
  const available = holdings.filter(isAvailable);
  if (holdings.length === 1) {
    return { available: available.length === 1, text: describeHolding(holdings[0]!, t, f) };
  }
  if (available.length > 0) {
    return { available: true, text: t.availableCopies(available.length, holdings.length, f) };
  }
  const soonest = holdings.filter((holding) => holding.dueDate).sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : 1))[0];
  return { available: false, text: describeHolding(soonest ?? holdings[0]!, t, f) };
}

export function describeHolding(holding: Holding, t: Translation, f: Formatters): string {
  const status = t.holdingStatuses[holding.status];
  return holding.dueDate ? t.dueBack(status, f.date(holding.dueDate)) : status;
}
