// A member cannot lift a paper up Trending by code by linking it to a fast-growing repository (the second hardening
// pass, point 9): a member's link is suggested, and counts only once a moderator confirms it or another source (the
// paper's own text, Hugging Face, Papers with Code) names the same repository. On both engines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../helpers/postgres.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

for (const engine of ENGINES) {
  describe(`members' code links and trending (${engine})`, () => {
    let database: TempDatabase;
    const signals = async (id: string) =>
      database.db.kysely.selectFrom('papers').select(['code_stars', 'code_stars_per_day', 'has_code']).where('id', '=', id).executeTakeFirstOrThrow();
    before(async () => {
      database = await tempDatabase({}, engine);
      const file = path.join(database.dir, 'papers.jsonl');
      fs.writeFileSync(file, ['2612.00001', '2612.00002'].map((id) => JSON.stringify({ id, title: `Paper ${id}`, abstract: 'No code named here.', categories: ['cs.LG'], publishedAt: '2026-12-01T00:00:00Z' })).join('\n'));
      await database.services.importer.importFile(file);
      // A famous, fast-growing repository, known from Hugging Face on another paper.
      await database.services.code.linkFromHuggingFace([{ id: '2612.00002', githubRepo: 'https://github.com/famous/rocket', githubStars: 90_000, projectPage: null }], new Date('2026-11-28T00:00:00Z'));
      await database.services.code.linkFromHuggingFace([{ id: '2612.00002', githubRepo: 'https://github.com/famous/rocket', githubStars: 99_000, projectPage: null }], new Date('2026-12-05T00:00:00Z'));
    });
    after(() => database.cleanup());

    it('keeps a member’s link out of the paper’s signals until a moderator confirms it', async () => {
      const member = (await database.services.accounts.addUser('eve@example.org', 'user')).user;
      const moderator = (await database.services.accounts.addUser('mod@example.org', 'moderator')).user;
      const link = await database.services.code.addByMember(member, '2612.00001', 'https://github.com/famous/rocket');
      assert.equal(link.confirmed, false);
      assert.deepEqual(await signals('2612.00001'), { code_stars: 0, code_stars_per_day: 0, has_code: 0 }, 'a suggestion lifts nothing');
      await assert.rejects(database.services.code.confirmByModerator(member, '2612.00001', link.repository.id), /Only moderators/);
      await database.services.code.confirmByModerator(moderator, '2612.00001', link.repository.id);
      const confirmed = await signals('2612.00001');
      assert.equal(Number(confirmed.code_stars), 99_000);
      assert.ok(Number(confirmed.code_stars_per_day) > 0);
    });

    it('counts a member’s link once another source names the same repository', async () => {
      const member = (await database.services.accounts.addUser('ann@example.org', 'user')).user;
      const link = await database.services.code.addByMember(member, '2612.00002', 'https://github.com/famous/other');
      assert.equal(link.confirmed, false);
      await database.services.code.linkFromHuggingFace([{ id: '2612.00002', githubRepo: 'https://github.com/famous/other', githubStars: 10, projectPage: null }]);
      const links = (await database.services.code.forPapers([{ id: '2612.00002', pk: (await database.services.papers.keyOf('2612.00002')) as number }])).get('2612.00002') ?? [];
      assert.equal(links.find((l) => l.repository.name === 'other')?.confirmed, true);
    });
  });
}
