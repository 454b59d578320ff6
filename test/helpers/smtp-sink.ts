// A real SMTP server on 127.0.0.1 (smtp-server) that keeps every message it receives, parsed.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** The first message to `to` received after `since` messages, waiting up to `timeoutMs`. */
  waitFor(to: string, options?: { since?: number; timeoutMs?: number }): Promise<ParsedMail>;
  close(): Promise<void>;
}

const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));

export interface SmtpSinkOptions {
  /** Refuses a recipient: return e.g. `{ code: 451, message: 'try later' }`, or null to accept. */
  onRecipient?: (address: string) => { code: number; message: string } | null;
  /** Called as a message starts to arrive (n counts from 1), before it is accepted; false refuses it (not kept). */
  onMessageStart?: (n: number) => boolean | void;
  /** Waits this long before accepting each message (a slow server). */
  acceptDelayMs?: number;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let started = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.onRecipient?.(address.address);
      if (!refusal) return callback();
      return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, _session, callback) {
      started += 1;
      const accept = options.onMessageStart?.(started) !== false;
      simpleParser(stream)
        .then(async (mail) => {
          if (!accept) return callback(Object.assign(new Error('not accepted'), { responseCode: 451 }));
          if (options.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, options.acceptDelayMs));
          // Kept only once accepted: a message the server never acknowledged was not delivered.
          callback();
          messages.push(mail);
        })
        .catch(callback);
    },
  });
  server.on('error', () => undefined); // a client that dies mid-message resets its connection: not the sink's failure
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, { since = 0, timeoutMs = 5000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.slice(since).find((m) => recipients(m).includes(to.toLowerCase()));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
