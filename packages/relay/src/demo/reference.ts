// Demo joint reference: a service policy for each demo member and a few published answers, so
// the knowledge base has something to find. Running it again changes nothing already there.
import type { DeskLibrarian } from '../domain/staff/librarian.js';
import type { QuestionService } from '../domain/reference/question-service.js';
import type { PolicyText } from '../domain/reference/service-policies.js';
import { EASTERN_UNIVERSITY, HARBOUR_MUSEUM, RIVERSIDE_LIBRARY } from './consortium.js';
import { demoLibrarianEmail } from './librarians.js';

export const DEMO_SERVICE_POLICIES: Record<string, PolicyText & { questionWaitMinutes: number }> = {
  [RIVERSIDE_LIBRARY]: {
    serves: 'Residents, workers and students of the city; anyone may read and use the computers on site.',
    lending: 'Card holders borrow up to 20 items for 3 weeks, renewable twice unless reserved; holds may be picked up at any branch.',
    hours: 'Central Library Mon–Sat 09:00–20:00, Sun 10:00–17:00; branches Mon–Fri 10:00–19:00, Sat 10:00–17:00 (Hong Kong time).',
    tellPatrons:
      'Cards are free with proof of address, at any branch or online. Lost cards are replaced at the desk. For account questions, send patrons to the Central Library desk rather than asking for their card number.',
    contact: { email: 'ask@riverside-library.example.org', phone: '+852 2000 0000', url: 'https://riverside-library.example.org/ask' },
    questionWaitMinutes: 240,
  },
  [EASTERN_UNIVERSITY]: {
    serves: 'Students and staff of the university; visiting readers with a reference letter or a consortium reader pass.',
    lending: 'Members of the university borrow for 4 weeks (staff 12); rare books and special collections are for reading room use only.',
    hours: 'Main Library Mon–Sat 08:00–22:00, Sun 10:00–22:00; Rare Books Mon–Fri 09:30–16:30 by appointment (Taipei time).',
    tellPatrons:
      'Visitors from other consortium members can read on site with a consortium reader pass; rare books need an appointment booked two working days ahead.',
    contact: { email: 'reference@eastern-university.example.org', url: 'https://eastern-university.example.org/library' },
    questionWaitMinutes: 480,
  },
  [HARBOUR_MUSEUM]: {
    serves: 'The public; researchers by appointment in the Prints and Drawings Study Room.',
    lending: 'The collection does not lend to individuals; objects in store can be seen in the study room by appointment.',
    hours: 'Galleries Tue–Sun 10:00–18:00, Fri until 21:00; study room Tue–Fri 10:00–13:00 and 14:00–17:00 (Hong Kong time).',
    tellPatrons: 'Book a study-room viewing in the booking tab at least a week ahead; photography without flash is allowed for research.',
    contact: { email: 'collections@harbour-museum.example.org' },
    questionWaitMinutes: 1440,
  },
};

interface DemoAnswer {
  member: string;
  category: 'lending' | 'visit' | 'research';
  question: string;
  answer: string;
}

const DEMO_ANSWERS: DemoAnswer[] = [
  {
    member: RIVERSIDE_LIBRARY,
    category: 'lending',
    question: 'Can I return a book borrowed at the Central Library to the Hillside Branch?',
    answer: 'Yes: items can be returned to any Riverside branch, and to the drop boxes outside each branch when it is closed.',
  },
  {
    member: EASTERN_UNIVERSITY,
    category: 'visit',
    question: '我不是大學的學生，可以進圖書館看書嗎？',
    answer: '可以。聯盟成員館的讀者可憑聯盟閱覽證在館內閱覽；善本特藏需提前兩個工作日預約。',
  },
  {
    member: HARBOUR_MUSEUM,
    category: 'research',
    question: 'How can I see a print that is not on display?',
    answer: 'Book a viewing in the Prints and Drawings Study Room from the booking tab, at least a week ahead, naming the object.',
  },
];

/** What one run wrote: members given their policy, and answers published. */
export interface SeedDemoReferenceSummary {
  policies: string[];
  answers: number;
}

/** A policy published since (by staff or `atrium-relay policy set`) is left as it is. */
export async function seedDemoReference(questions: QuestionService): Promise<SeedDemoReferenceSummary> {
  // Only members that exist: a store may hold other members under the demo flag.
  const present = new Set<string>();
  const policies: string[] = [];
  for (const [member, policy] of Object.entries(DEMO_SERVICE_POLICIES)) {
    const current = await questions.policies.get(member).catch(() => undefined);
    if (current === undefined) continue;
    present.add(member);
    if (current !== null) continue;
    await questions.policies.set(member, policy);
    policies.push(member);
  }
  if ((await questions.kb.search('', undefined, 1)).length > 0) return { policies, answers: 0 };
  const answers = DEMO_ANSWERS.filter((answer) => present.has(answer.member));
  for (const demo of answers) {
    const desk: DeskLibrarian = {
      id: `demo-${demo.member}`,
      member: demo.member,
      email: demoLibrarianEmail(demo.member),
      name: 'Reference desk',
    };
    const asked = await questions.ask({ member: demo.member, text: demo.question, patron: {}, category: demo.category });
    if (!asked.ok) throw new Error(`Could not seed a demo question: ${asked.detail}`);
    const { id } = asked.value;
    await questions.claim(desk, id);
    await questions.answer(desk, id, demo.answer, true);
    await questions.close(desk, id);
  }
  return { policies, answers: answers.length };
}
