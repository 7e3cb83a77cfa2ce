// Conversation storage on SQLite and PostgreSQL: seqs under concurrency, idempotent resends,
// one winner when librarians accept at once, read marks and presence.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeskLibrarian } from '../src/domain/staff/librarian.js';
import { ChatError } from '../src/domain/chat/chat-error.js';
import { ChatService } from '../src/domain/chat/chat-service.js';
import { ChatStore } from '../src/storage/chat-store.js';
import type { Storage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';

function librarian(id: string, member = 'riverside-library'): DeskLibrarian {
  return { id, member, email: `${id}@${member}.example.org`, name: `Librarian ${id}` };
}

for (const database of await testDatabases()) {
  describe(`chat storage on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let chat: ChatService;
    const ann = librarian('ann');
    const bo = librarian('bo', 'harbour-museum');
    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
      for (const l of [ann, bo]) {
        await storage.staff.addLibrarian({
          id: l.id,
          member: l.member,
          email: l.email,
          name: l.name,
          passwordHash: 'x',
          createdAt: new Date().toISOString(),
        });
      }
      chat = new ChatService(new ChatStore(storage.db));
    });
    after(() => storage?.close());

    it('gives 100 concurrent sends distinct seqs from 1 to 100 with no gap', async () => {
      const { conversation } = await chat.start('session-a', 'riverside-library', undefined);
      const sends = Array.from({ length: 100 }, (_, i) =>
        chat.send(conversation.id, { role: 'patron', session: 'session-a' }, `c${i}`, `message ${i}`),
      );
      const results = await Promise.all(sends);
      const seqs = results.map((r) => r.message.seq).sort((a, b) => a - b);
      assert.deepEqual(
        seqs,
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      const stored = await chat.resume(conversation.id, { role: 'patron', session: 'session-a' }, 0);
      assert.equal(stored.messages.length, 100);
      assert.equal(stored.conversation.lastSeq, 100);
      for (const result of results) {
        assert.equal(stored.messages[result.message.seq - 1]?.clientId, result.message.clientId);
      }
    });

    it('stores a clientId sent twice (even at once) only once and answers both with the stored message', async () => {
      const patron = { role: 'patron', session: 'session-b' } as const;
      const { conversation } = await chat.start('session-b', 'riverside-library', undefined);
      const [first, second] = await Promise.all([
        chat.send(conversation.id, patron, 'same', 'hello'),
        chat.send(conversation.id, patron, 'same', 'hello'),
      ]);
      assert.equal(first?.message.seq, second?.message.seq);
      assert.deepEqual([first?.created, second?.created].sort(), [false, true]);
      const later = await chat.send(conversation.id, patron, 'same', 'hello again');
      assert.equal(later.created, false);
      assert.equal(later.message.text, 'hello');
      const next = await chat.send(conversation.id, patron, 'other', 'second');
      assert.equal(next.message.seq, 2, 'the refused duplicate left no gap');
      assert.equal((await chat.resume(conversation.id, patron, 0)).messages.length, 2);
    });

    it('lets exactly one of two librarians accepting at once claim a conversation', async () => {
      for (let round = 0; round < 5; round++) {
        const { conversation } = await chat.start(`session-race-${round}`, 'riverside-library', { pageUrl: 'https://example.org/' });
        const outcomes = await Promise.allSettled([chat.accept(conversation.id, ann), chat.accept(conversation.id, bo)]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected');
        assert.equal(won.length, 1);
        assert.equal(lost.length, 1);
        assert.ok(lost[0]?.status === 'rejected' && lost[0].reason instanceof ChatError && lost[0].reason.code === 'already_taken');
        const winner = won[0]?.status === 'fulfilled' ? won[0].value.conversation.librarian : undefined;
        const row = (await storage.db
          .selectFrom('conversations' as never)
          .selectAll()
          .where('id' as never, '=', conversation.id as never)
          .executeTakeFirst()) as { librarian_name: string; status: string };
        assert.equal(row.status, 'active');
        assert.equal(row.librarian_name, winner?.name);
        // Ended, so the rounds never fill a librarian's capacity.
        await chat.end(conversation.id, { role: 'patron', session: `session-race-${round}` });
      }
    });

    it("keeps the queue in order with the librarian's own member first", async () => {
      await chat.start('session-q1', 'harbour-museum', undefined);
      const { conversation: q2 } = await chat.start('session-q2', 'riverside-library', { recordId: 'riverside-library:1' });
      const forMuseum = await chat.queueFor('harbour-museum');
      const forRiverside = await chat.queueFor('riverside-library');
      assert.equal(forMuseum[0]?.member, 'harbour-museum');
      assert.equal(forRiverside[0]?.member, 'riverside-library');
      assert.equal(forMuseum.length, forRiverside.length);
      // Oldest first within each member.
      const waitingSince = forRiverside.filter((i) => i.member === 'riverside-library').map((i) => i.waitingSince);
      assert.deepEqual(waitingSince, [...waitingSince].sort());
      assert.deepEqual(forRiverside.find((i) => i.conversationId === q2.id)?.context, { recordId: 'riverside-library:1' });
    });

    it('refuses messages after the end and keeps read marks from moving back', async () => {
      const patron = { role: 'patron', session: 'session-end' } as const;
      const { conversation } = await chat.start('session-end', 'riverside-library', undefined);
      await chat.accept(conversation.id, ann);
      await chat.send(conversation.id, patron, 'p1', 'one');
      await chat.send(conversation.id, { role: 'librarian', librarian: ann }, 'l1', 'two');
      assert.equal(await chat.read(conversation.id, patron, 2), 2);
      assert.equal(await chat.read(conversation.id, patron, 1), 2);
      await chat.end(conversation.id, { role: 'librarian', librarian: ann });
      await assert.rejects(
        chat.send(conversation.id, patron, 'p2', 'three'),
        (e: unknown) => e instanceof ChatError && e.code === 'conversation_ended',
      );
      const state = await chat.resume(conversation.id, patron, 0);
      assert.equal(state.conversation.status, 'ended');
      assert.equal(state.conversation.endedBy, 'librarian');
      assert.equal(state.conversation.read.patron, 2);
    });

    it('stores presence and keeps one row per librarian', async () => {
      await chat.setPresence(ann, 'available');
      await chat.setPresence(ann, 'busy');
      assert.equal(await chat.presenceOf(ann.id), 'busy');
    });
  });
}
