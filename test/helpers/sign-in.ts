// Signs a test user in without a mail server: the link is read from the .eml file the app wrote.
import fs from 'node:fs';
import path from 'node:path';
import type { RunningApp } from './app.ts';
import type { Services } from '../../src/app/services.ts';
import { HttpSession } from './browser-session.ts';

/** A session id for `email`, from the sign-in link the app wrote to `mailDir` (no SMTP configured). */
export async function sessionThroughMailFile(services: Services, mailDir: string, email: string, userAgent = 'test'): Promise<string> {
  const before = new Set(fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []);
  await services.accounts.requestSignIn(email);
  const file = fs.readdirSync(mailDir).find((f) => !before.has(f));
  if (!file) throw new Error('no mail was written');
  const eml = fs.readFileSync(path.join(mailDir, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const token = /\/login\/verify\?token=([\w-]+)/.exec(eml)?.[1];
  if (!token) throw new Error('no sign-in link in the mail');
  const signedIn = await services.accounts.completeSignIn(token, { userAgent });
  if (!signedIn) throw new Error('the link did not sign in');
  return signedIn.sessionId;
}

export async function signInThroughMailFile(app: RunningApp, email: string): Promise<HttpSession> {
  const session = new HttpSession(app.url);
  session.cookies.set('pb_session', await sessionThroughMailFile(app.services, path.join(app.dir, 'mail'), email));
  return session;
}
