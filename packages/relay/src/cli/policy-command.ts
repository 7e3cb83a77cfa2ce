// `atrium-relay policy set|show`: a member's service policy from the command line, for
// operators who keep policies in files (the console's librarians publish theirs over HTTP).
import { readFile } from 'node:fs/promises';
import { ServicePolicyRequest, toFieldErrors } from '@atrium/sdk';
import { QuestionRefusal } from '../domain/reference/question-refusal.js';
import { ServicePolicies } from '../domain/reference/service-policies.js';
import type { Storage } from '../storage/index.js';
import { ReferenceStore } from '../storage/reference-store.js';

export const POLICY_USAGE = `Usage: atrium-relay policy set --member ID --file FILE [--database URL]
       atrium-relay policy show --member ID [--database URL]

  set              Publish a member's service policy from a JSON file, replacing the one before
  show             Print a member's published policy as JSON, in the shape "set" reads back
  --member ID      The member (e.g. riverside-library)
  --file FILE      JSON with "serves", "lending", "hours" and "tellPatrons" (short texts), and
                   optionally "contact": {"email", "phone", "url"} and "questionWaitMinutes"
                   (how long new questions are offered only to the member's own librarians;
                   left out, the current wait stays)
  --database URL   sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)

Librarians reading the member's questions, at any member, see the policy beside them.`;

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Exit code 0 when published; 2 for a file to correct; 1 for an unknown member. */
export async function policySet(storage: Storage, options: { member: string; file: string }, output: Output = process): Promise<number> {
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    output.stderr.write(`--file: cannot read ${options.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    output.stderr.write(`${options.file}: not JSON (${(error as Error).message})\n`);
    return 2;
  }
  const parsed = ServicePolicyRequest.safeParse(json);
  if (!parsed.success) {
    for (const issue of toFieldErrors(parsed.error.issues))
      output.stderr.write(`${options.file}: ${issue.path || 'the file'}: ${issue.message}\n`);
    return 2;
  }
  try {
    const policy = await policiesOf(storage).set(options.member, parsed.data);
    output.stdout.write(
      `Published ${policy.member}'s service policy; its new questions wait ${policy.questionWaitMinutes} minutes for its own librarians.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof QuestionRefusal) return unknownMember(storage, options.member, output);
    throw error;
  }
}

/** Exit code 0 when printed; 1 for an unknown member or one without a policy. */
export async function policyShow(storage: Storage, member: string, output: Output = process): Promise<number> {
  try {
    const policy = await policiesOf(storage).get(member);
    if (!policy) {
      output.stderr.write(`${member} has not published a service policy; "atrium-relay policy set" publishes one.\n`);
      return 1;
    }
    output.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof QuestionRefusal) return unknownMember(storage, member, output);
    throw error;
  }
}

function policiesOf(storage: Storage): ServicePolicies {
  return new ServicePolicies(new ReferenceStore(storage.db, storage.dialect));
}

async function unknownMember(storage: Storage, member: string, output: Output): Promise<number> {
  const members = (await storage.catalog.listMembers()).map((candidate) => candidate.id);
  output.stderr.write(`There is no member "${member}" in this consortium${members.length ? `; members: ${members.join(', ')}` : ''}.\n`);
  return 1;
}
