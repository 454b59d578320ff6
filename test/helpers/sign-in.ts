// Signs a test user in without a mail server: the link is read from the .eml file the app wrote.
import fs from 'node:fs';
import path from 'node:path';
import type { RunningApp } from './app.ts';
import { HttpSession } from './browser-session.ts';

export async function signInThroughMailFile(app: RunningApp, email: string): Promise<HttpSession> {
  const mailDir = path.join(app.dir, 'mail');
  const before = new Set(fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []);
  await app.services.accounts.requestSignIn(email);
  const file = fs.readdirSync(mailDir).find((f) => !before.has(f));
  if (!file) throw new Error('no mail was written');
  const eml = fs.readFileSync(path.join(mailDir, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const token = /\/login\/verify\?token=([\w-]+)/.exec(eml)?.[1];
  if (!token) throw new Error('no sign-in link in the mail');
  const signedIn = await app.services.accounts.completeSignIn(token, { userAgent: 'test' });
  if (!signedIn) throw new Error('the link did not sign in');
  const session = new HttpSession(app.url);
  session.cookies.set('pb_session', signedIn.sessionId);
  return session;
}
