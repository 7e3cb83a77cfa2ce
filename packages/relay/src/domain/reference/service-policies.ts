// Each member's service policy: whom it serves, its lending rules and hours in brief, what
// cooperating librarians should tell its patrons, and how long its questions wait for it.
import type { ServicePolicy } from '@atrium/sdk';
import type { ReferenceStore } from '../../storage/reference-store.js';
import { QuestionRefusal } from './question-refusal.js';

/** The stored part of a policy: the rest comes from the member's own columns. */
export type PolicyText = Omit<ServicePolicy, 'member' | 'questionWaitMinutes'>;

export class ServicePolicies {
  constructor(private readonly store: ReferenceStore) {}

  /** The member's policy; null when it has published none. Throws 404 for an unknown member. */
  async get(member: string): Promise<ServicePolicy | null> {
    const waitSeconds = await this.store.questionWaitSeconds(member);
    if (waitSeconds === undefined) throw unknownMember(member);
    const row = await this.store.getPolicy(member);
    if (!row) return null;
    return { member, ...(JSON.parse(row.policy) as PolicyText), questionWaitMinutes: Math.round(waitSeconds / 60) };
  }

  /**
   * Publishes (or replaces) a policy and returns it as now published; `questionWaitMinutes`
   * also sets how long questions wait for the member (left out, the wait stays). Throws 404 for
   * an unknown member.
   */
  async set(member: string, policy: PolicyText & { questionWaitMinutes?: number | undefined }): Promise<ServicePolicy> {
    if ((await this.store.questionWaitSeconds(member)) === undefined) throw unknownMember(member);
    const { questionWaitMinutes, ...text } = policy;
    await this.store.transaction(async (queries) => {
      await queries.upsertPolicy({ member_id: member, policy: JSON.stringify(text), updated_at: new Date().toISOString() });
      if (questionWaitMinutes !== undefined) await queries.setQuestionWaitSeconds(member, Math.round(questionWaitMinutes * 60));
    });
    return (await this.get(member))!;
  }
}

function unknownMember(member: string): QuestionRefusal {
  return new QuestionRefusal(404, 'member_not_found', `No member "${member}" in this consortium.`);
}
