// Whose inbox a requested mail lands in, for counting: `Ada+news@Example.org` and `ada@example.org` are one inbox,
// so asking for links with +tags does not multiply what one person can be sent.

export function inboxKey(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const local = address.slice(0, at).split('+')[0] as string;
  return `${local}@${address.slice(at + 1)}`;
}

/** Mails people may make the site send to one inbox an hour: a few typos and lost mails, not a flood. */
export const MAILS_PER_INBOX_PER_HOUR = 5;
