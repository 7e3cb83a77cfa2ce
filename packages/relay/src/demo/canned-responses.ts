// The demo members' canned responses, in English and Chinese (written in Traditional script, as
// the demo members write their names). Seeding again adds only what is missing.
import type { Kysely } from 'kysely';
import { CannedResponseStore, type NewCannedResponse } from '../storage/canned-response-store.js';
import type { Database } from '../storage/schema.js';
import type { CatalogStore } from '../storage/catalog-store.js';

type Reply = { key: string; en: [title: string, text: string]; zh: [title: string, text: string] };

const SHARED: Reply[] = [
  {
    key: 'greeting',
    en: ['Greeting', 'Hello, thank you for getting in touch. How can I help you today?'],
    zh: ['問候', '您好，感謝您的查詢。請問今天有什麼可以幫您？'],
  },
  {
    key: 'one-moment',
    en: ['One moment', 'Let me look into that for you; it will take a minute or two.'],
    zh: ['請稍候', '我幫您查一下，請稍候一兩分鐘。'],
  },
  {
    key: 'anything-else',
    en: ['Anything else?', 'Is there anything else I can help you with?'],
    zh: ['還有其他問題嗎', '請問還有其他需要幫忙的地方嗎？'],
  },
  {
    key: 'goodbye',
    en: ['Goodbye', 'Thank you for chatting with us. Have a good day!'],
    zh: ['道別', '感謝您的查詢，祝您有美好的一天！'],
  },
];

const BY_MEMBER: Record<string, Reply[]> = {
  'riverside-library': [
    {
      key: 'renewals',
      en: ['Renewals', 'You can renew loans up to three times online under "My account", unless another reader has a hold on the item.'],
      zh: ['續借', '您可以在「我的帳戶」線上續借最多三次，除非其他讀者已預約該館藏。'],
    },
    {
      key: 'opening-hours',
      en: ['Opening hours', 'Central Library is open Monday to Saturday, 9:00 to 20:00, and Sunday, 12:00 to 17:00.'],
      zh: ['開放時間', '中央圖書館星期一至六 9:00 至 20:00 開放，星期日 12:00 至 17:00 開放。'],
    },
  ],
  'eastern-university': [
    {
      key: 'off-campus',
      en: [
        'Off-campus access',
        'Electronic resources work off campus after you sign in with your university account through the library website.',
      ],
      zh: ['校外存取', '透過圖書館網站以大學帳戶登入後，即可在校外使用電子資源。'],
    },
    {
      key: 'interlibrary-loan',
      en: ['Interlibrary loan', 'If we do not hold the item, request it through interlibrary loan; most requests arrive within a week.'],
      zh: ['館際互借', '如本館沒有該館藏，可申請館際互借，大多數申請一週內送達。'],
    },
  ],
  'harbour-museum': [
    {
      key: 'study-room',
      en: [
        'Study room visits',
        'Works on paper can be seen in the Prints and Drawings Study Room by appointment; book a visit through the Book tab.',
      ],
      zh: ['研習室參觀', '紙本作品可預約於版畫及素描研習室觀賞，請透過「預約」分頁預約參觀。'],
    },
    {
      key: 'image-rights',
      en: [
        'Image rights',
        'For permission to reproduce an image of a work, please write to the museum picture library with the work title and accession number.',
      ],
      zh: ['圖像授權', '如需複製作品圖像，請將作品名稱及登錄號寄至本館圖像資料室申請授權。'],
    },
  ],
};

/** The demo rows for one member: the shared replies and the member's own, in both languages. */
export function demoCannedResponses(member: string): NewCannedResponse[] {
  const replies = [...SHARED.slice(0, 2), ...(BY_MEMBER[member] ?? []), ...SHARED.slice(2)];
  return replies.flatMap((reply, index) =>
    (['en', 'zh'] as const).map((language) => ({
      id: `demo:${member}:${reply.key}:${language}`,
      member,
      language,
      title: reply[language][0],
      text: reply[language][1],
      position: index,
    })),
  );
}

/** Adds the demo canned responses missing for the demo members that exist; returns how many were added. */
export async function seedDemoCannedResponses(storage: { catalog: CatalogStore; db: Kysely<Database> }): Promise<number> {
  const store = new CannedResponseStore(storage.db);
  const present = (await storage.catalog.listMembers()).map((member) => member.id).filter((id) => id in BY_MEMBER);
  return store.add(present.flatMap(demoCannedResponses));
}
