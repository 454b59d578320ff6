// Strangers cannot lock everyone out of signing in (the second hardening pass, point 8): 490 links to random
// addresses in 2 s spent the shared hourly mail budget and every sign-in got 503 for the hour. Now a client network
// (IPv4 address, IPv6 /64) asks for at most 20 mails an hour, and part of the budget is kept for addresses that have
// signed in before; /admin says how the budget is being spent. On both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientNetwork } from '../../src/mail/mail-budget.ts';
import { ENGINES } from '../helpers/postgres.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

describe('client networks', () => {
  it('reads an IPv4 address as itself and an IPv6 address as its /64', () => {
    assert.equal(clientNetwork('203.0.113.7'), '203.0.113.7');
    assert.equal(clientNetwork('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientNetwork('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(clientNetwork('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
    assert.equal(clientNetwork('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientNetwork('::1'), '0:0:0:0::/64');
  });
});

for (const engine of ENGINES) {
  describe(`the sign-in mail budget against a flood (${engine})`, () => {
    let database: TempDatabase;
    before(async () => {
      database = await tempDatabase({ MAIL_HOURLY_LIMIT: '100' }, engine);
      await database.services.accounts.addUser('member@example.org', 'user');
    });
    after(() => database.cleanup());
    const signIn = (email: string, ip: string) => database.services.accounts.requestSignIn(email, new Date(), { ip });

    it('limits one network, IPv6 addresses of one /64 included', async () => {
      for (let i = 0; i < 20; i += 1) await signIn(`random${i}@example.net`, `2001:db8:5:6::${(i + 1).toString(16)}`);
      await assert.rejects(signIn('random-more@example.net', '2001:db8:5:6:ffff::9'), /from your network/);
      await assert.rejects(signIn('random-v4@example.net', '::ffff:198.51.100.1').then(() => signIn('x@example.net', '198.51.100.1')).then(() => { throw new Error('ok'); }), /ok/);
    });

    it('keeps part of the budget for members while strangers flood from many networks', async () => {
      let refused = 0;
      for (let i = 0; i < 490; i += 1) {
        await signIn(`flood${i}@example.net`, `192.0.2.${i % 250}`).catch((error: Error) => {
          assert.match(error.message, /new addresses|as much mail/);
          refused += 1;
        });
      }
      const usage = await database.services.mailBudget.usage();
      assert.ok(usage.strangers <= usage.strangersLimit, `${usage.strangers} mails to strangers, at most ${usage.strangersLimit}`);
      assert.ok(refused > 400);
      await signIn('member@example.org', '192.0.2.77'); // a member signs in all the same
      assert.ok(usage.busiestNetworks.length > 0);
    });
  });
}
