import { expect } from '@esm-bundle/chai';
import type { Holding } from '@atrium/sdk';
import { formattersFor } from '../../localize/formatters.js';
import en from '../../translations/en.js';
import zhHant from '../../translations/zh-Hant.js';
import { summarizeAvailability } from './availability-summary.js';

const t = en;
const f = formattersFor('en');
const holding = (status: Holding['status'], extra: Partial<Holding> = {}): Holding => ({
  member: 'riverside-library',
  branch: 'central',
  status,
  ...extra,
});

describe('availability summary', () => {
  it('says when nothing is held', () => {
    expect(summarizeAvailability([], t, f)).to.deep.equal({ available: false, text: 'No copies listed' });
  });

  it('names the status of a single copy, with its due date', () => {
    expect(summarizeAvailability([holding('on-display')], t, f)).to.deep.equal({ available: true, text: 'On display' });
    expect(summarizeAvailability([holding('on-loan', { dueDate: '2025-03-04' })], t, f)).to.deep.equal({
      available: false,
      text: 'On loan, due Mar 4, 2025',
    });
  });

  it('counts available copies, or gives the soonest return', () => {
    const some = [holding('available'), holding('on-loan', { dueDate: '2025-05-01' }), holding('reference-only')];
    expect(summarizeAvailability(some, t, f)).to.deep.equal({ available: true, text: 'Available: 2 of 3' });
    const none = [holding('on-loan', { dueDate: '2025-05-01' }), holding('on-loan', { dueDate: '2025-04-10' })];
    expect(summarizeAvailability(none, t, f).text).to.equal('On loan, due Apr 10, 2025');
  });

  it('speaks Traditional Chinese on a zh-Hant page', () => {
    const zh = summarizeAvailability([holding('on-loan', { dueDate: '2025-03-04' })], zhHant, formattersFor('zh-Hant'));
    expect(zh.text).to.equal('已借出，2025年3月4日 到期');
  });
});
