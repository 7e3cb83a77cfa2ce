// Each member's service policy: whom it serves, its lending rules and hours in brief, what
// cooperating librarians should tell its patrons, and how long its questions wait for it.
import type { ServicePolicy } from '@atrium/sdk';
import type { ReferenceQueries } from '../../storage/reference-store.js';
import { QuestionRefusal } from './question-refusal.js';

/** The stored part of a policy: the rest comes from the member's own columns. */
export type PolicyText = Omit<ServicePolicy, 'member' | 'questionWaitMinutes'>;

export class ServicePolicies {
  constructor(private readonly store: ReferenceQueries) {}

  /** The member's policy; null when it has published none. Throws 404 for an unknown member. */
  async get(member: string): Promise<ServicePolicy | null> {
    const waitSeconds = await this.store.questionWaitSeconds(member);
    if (waitSeconds === undefined) throw new QuestionRefusal(404, 'member_not_found', `No member "${member}" in this consortium.`);
    const row = await this.store.getPolicy(member);
    if (!row) return null;
    return { member, ...(JSON.parse(row.policy) as PolicyText), questionWaitMinutes: Math.round(waitSeconds / 60) };
  }

  /** Publishes (or replaces) a policy; `questionWaitMinutes` also sets how long questions wait for the member. */
  async set(member: string, policy: PolicyText & { questionWaitMinutes?: number }): Promise<void> {
    const { questionWaitMinutes, ...text } = policy;
    await this.store.upsertPolicy({ member_id: member, policy: JSON.stringify(text), updated_at: new Date().toISOString() });
    if (questionWaitMinutes !== undefined) await this.store.setQuestionWaitSeconds(member, Math.round(questionWaitMinutes * 60));
  }
}
