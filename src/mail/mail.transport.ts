// Sends mail: over SMTP when SMTP_URL is set, otherwise as .eml files under the data folder (a fresh install
// works offline and its mail can be opened). Never silent: every message is logged with where it went.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The .eml file, when there is no SMTP server. */
  file: string | null;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  /** Where .eml files go without SMTP. */
  mailDir: string;
  log: (message: string) => void;
}

export function createMailer(options: MailerOptions) {
  const smtp = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const files = smtp ? null : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  return {
    async send(message: MailMessage): Promise<SentMail> {
      const envelope = { from: options.from, ...message };
      if (smtp) {
        const info = await smtp.sendMail(envelope);
        options.log(`mail "${message.subject}" sent to ${message.to} (${info.messageId})`);
        return { messageId: info.messageId, file: null };
      }
      const info = (await files!.sendMail(envelope)) as { messageId: string; message: Buffer };
      fs.mkdirSync(options.mailDir, { recursive: true });
      const file = path.join(options.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}.eml`);
      fs.writeFileSync(file, info.message, { mode: 0o600 });
      options.log(`no SMTP_URL: mail "${message.subject}" to ${message.to} written to ${file}`);
      return { messageId: info.messageId, file };
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
