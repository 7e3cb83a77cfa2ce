// Issuing widget keys: a member's public key for its partner pages, bound to the origins
// (scheme://host[:port]) allowed to open chats with it. Nothing is stored unless every check passes.
import { randomBytes } from 'node:crypto';
import { Origin } from '@atrium/sdk';
import { z } from 'zod/mini';
import type { WidgetKey, WidgetKeyStore } from '../../storage/widget-key-store.js';

/** A new public widget key: `wk_` and 24 random letters, digits, - or _. */
export function newWidgetKey(): string {
  return `wk_${randomBytes(18).toString('base64url')}`;
}

export const NewWidgetKey = z.object({
  member: z.string().check(z.minLength(1, 'is required')),
  origins: z.array(Origin).check(z.minLength(1, 'needs at least one origin, e.g. --origin https://www.riverside.example.org')),
  label: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  /** Chosen by the caller (the demo's fixed keys); otherwise a random one is made. */
  key: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,200}$/, 'must be 8 to 200 letters, digits, - or _'))),
});
export type NewWidgetKey = z.input<typeof NewWidgetKey>;

/** Input to correct; `field` names what was wrong (member, origins, label, key). */
export class WidgetKeyError extends Error {
  override name = 'WidgetKeyError';
  constructor(
    readonly field: string,
    message: string,
    /** True when the input was fine but clashes with what is stored (unknown member, key taken). */
    readonly conflict = false,
  ) {
    super(message);
  }
}

export class WidgetKeys {
  constructor(
    private readonly store: WidgetKeyStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(input: NewWidgetKey): Promise<WidgetKey> {
    const parsed = NewWidgetKey.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new WidgetKeyError(String(issue.path[0] ?? 'input'), issue.message);
    }
    const { member, label, key } = parsed.data;
    if (!(await this.store.memberExists(member))) {
      throw new WidgetKeyError('member', `There is no member "${member}" in this consortium.`, true);
    }
    const widgetKey: WidgetKey = {
      key: key ?? newWidgetKey(),
      member,
      origins: [...new Set(parsed.data.origins)],
      ...(label ? { label } : {}),
      createdAt: this.now().toISOString(),
    };
    if (!(await this.store.add(widgetKey))) throw new WidgetKeyError('key', `The widget key "${widgetKey.key}" exists already.`, true);
    return widgetKey;
  }

  list(member?: string): Promise<WidgetKey[]> {
    return this.store.list(member);
  }
}
