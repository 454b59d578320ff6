// Whose inbox a requested mail lands in, for counting: `Ada+news@Example.org` and `ada@example.org` are one inbox,
// so asking for links with +tags does not multiply what one person can be sent. And which network asked: one IPv4
// address, or one IPv6 /64 (what one household or host is given), so a script cannot rotate through its addresses.

export function inboxKey(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const local = address.slice(0, at).split('+')[0] as string;
  return `${local}@${address.slice(at + 1)}`;
}

/** A client's network: its IPv4 address (an IPv4-mapped IPv6 address read as IPv4), or its IPv6 /64. */
export function clientNetwork(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':') || !/^[0-9a-f:.]+$/.test(address)) return address; // IPv4, or not an address at all
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  // An embedded IPv4 tail takes two groups; only the first four groups matter here.
  const groups = [...left, ...Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Mails people may make the site send to one inbox an hour: a few typos and lost mails, not a flood. */
export const MAILS_PER_INBOX_PER_HOUR = 5;
/** Mails one client network may ask for in an hour: a lab behind one address signing in, not a script. */
export const MAILS_PER_NETWORK_PER_HOUR = 20;
/**
 * The share of the hour's budget kept for addresses that have signed in before: strangers flooding the form from many
 * networks spend the rest, and members can still sign in.
 */
export const MEMBERS_SHARE = 0.3;
