// What the knowledge base keeps out: email addresses, phone numbers in international, North
// American and Chinese forms, card and other long numbers, and the patron's name; and what it
// keeps in (ISBNs, dates, short numbers), since those make an answer useful.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scrubPersonalData } from '../src/domain/reference/personal-data.js';

describe('scrubPersonalData', () => {
  it('removes email addresses and phone numbers in many forms', () => {
    const cases: Array<[string, string]> = [
      ['write to jane.reader+books@mail.example.co.uk today', 'write to [email] today'],
      ['或寫信到 讀者@例子.中国', '或寫信到 [email]'],
      ['call 138 0013 8000 or 13800138000', 'call [phone] or [phone]'],
      ['手机：+86 139-1234-5678', '手机：[phone]'],
      ['電話 ＋８６ １３９１２３４５６７８', '電話 [phone]'],
      ['座机 010-12345678 或 （0755）1234 5678', '座机 [phone] 或 [phone]'],
      ['ring +852 2345 6789 or +44 20 7946 0958', 'ring [phone] or [phone]'],
      ['US desk (555) 123-4567, fax 555.123.4567', 'US desk [phone], fax [phone]'],
      ['Hong Kong line 2345 6789', 'Hong Kong line [phone]'],
    ];
    for (const [input, expected] of cases) assert.equal(scrubPersonalData(input), expected, input);
  });

  it('removes card numbers, even short ones when named, and any long digit run', () => {
    assert.equal(scrubPersonalData('my library card number is 2100 3456 7890'), 'my library card number is [card number]');
    assert.equal(scrubPersonalData('Card no. A123456 expired'), 'Card no. [card number] expired');
    assert.equal(scrubPersonalData('借書證 0012345 遺失了'), '借書證 [card number] 遺失了');
    assert.equal(scrubPersonalData('读者证号：88001234'), '读者证号：[card number]');
    assert.equal(scrubPersonalData('account 29876543210123'), 'account [number]');
  });

  it('keeps ISBNs, dates, times and short numbers', () => {
    const text = 'ISBN 978-0-14-044913-6, due 2026-03-02 at 17:00; 3 copies, room 101, since 1998.';
    assert.equal(scrubPersonalData(text), text);
  });

  it('removes the patron’s name, whole or in parts, in Latin and Chinese script', () => {
    assert.equal(
      scrubPersonalData('Dear Jane Reader, thanks Jane. Janet is not Jane.', 'Jane Reader'),
      'Dear [name], thanks [name]. Janet is not [name].',
    );
    assert.equal(scrubPersonalData('王小明你好，小明，请问王先生', '王小明'), '[name]你好，[name]，请问王先生');
    assert.equal(
      scrubPersonalData('Ms Li asked Wei', 'Li Wei'),
      'Ms Li asked [name]',
      'a two-letter name part alone is too common to remove',
    );
    assert.equal(scrubPersonalData('Li Wei asked about Li Wei’s card', 'Li Wei'), '[name] asked about [name]’s card');
  });

  it('keeps the titles of linked records whole, even holding the patron’s name or a long number', () => {
    const titles = ['The Rowling Effect', 'Report 2024 0001 2345', '王小明傳'];
    assert.equal(
      scrubPersonalData('Hi Rowling: see the rowling effect and Report 2024 0001 2345; call 555.123.4567.', 'Joanne Rowling', titles),
      'Hi [name]: see the rowling effect and Report 2024 0001 2345; call [phone].',
    );
    assert.equal(scrubPersonalData('小明你好，《王小明傳》在三樓。', '王小明', titles), '[name]你好，《王小明傳》在三樓。');
    assert.equal(scrubPersonalData('Dear Rowling', 'Joanne Rowling', []), 'Dear [name]', 'without titles, as before');
  });
});
