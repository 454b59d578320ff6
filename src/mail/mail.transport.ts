// Sends mail: over SMTP when SMTP_URL is set, otherwise as .eml files under the data folder (a fresh install
// works offline and its mail can be opened). Never silent: every message is logged with where it went.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** A stable Message-ID (digests: one per outbox row, so a resend is recognisable as the same message). */
  messageId?: string;
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
  const files = options.smtpUrl ? null : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  function sender(smtp: Transporter | null) {
    return async (message: MailMessage): Promise<SentMail> => {
      const { messageId, ...rest } = message;
      const envelope = { from: options.from, ...rest, ...(messageId ? { messageId } : {}) };
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
    };
  }

  return {
    /** Sends one message on its own connection (sign-in links, confirmations). */
    send: sender(options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null),

    /**
     * A batch of messages over one kept-open connection (a digest run): much faster than a connection each.
     * Close it when the batch is done, or its idle connection keeps the process alive.
     */
    openBatch(): { send: (message: MailMessage) => Promise<SentMail>; close: () => void } {
      const pooled = options.smtpUrl ? nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 1 } as Parameters<typeof nodemailer.createTransport>[0]) : null;
      return { send: sender(pooled), close: () => pooled?.close() };
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
