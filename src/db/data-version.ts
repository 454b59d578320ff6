// The data version several instances share on PostgreSQL. Every table announces a committed change on one channel
// (the baseline migration's statement triggers; NOTIFY is sent at commit, once per transaction); each instance listens
// on a connection of its own and counts what it hears, and counts its own writes at once (read-your-writes before
// the notification comes back). A vote on one instance therefore changes the version every instance's page cache
// keys on, within the time a notification takes (about a millisecond on one network).
import pg from 'pg';

export const DATA_CHANNEL = 'paperboard_data';

export interface SharedDataVersion {
  current(): string;
  /** This instance changed something. */
  bump(): void;
  close(): Promise<void>;
}

/** How long to wait before listening again after the connection was lost. */
const RECONNECT_MS = 1_000;

export async function sharedDataVersion(url: string): Promise<SharedDataVersion> {
  let own = 0;
  let heard = 0;
  // While not listening, nothing another instance commits would be heard: every read is then a new version, so no
  // cached page outlives a change it cannot see.
  let listening = false;
  let unknown = 0;
  let closed = false;
  let client: pg.Client | null = null;

  async function listen(): Promise<void> {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', () => {
      heard += 1;
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    await next.connect();
    await next.query(`LISTEN ${DATA_CHANNEL}`);
    client = next;
    listening = true;
    heard += 1; // whatever was committed while nobody listened
  }

  function lost(which: pg.Client): void {
    if (client !== which || closed) return;
    client = null;
    listening = false;
    retry();
  }

  /** Listens again after a pause, and again after each failed attempt, until it listens or is closed. */
  function retry(): void {
    setTimeout(() => {
      if (!closed) listen().catch(retry);
    }, RECONNECT_MS).unref();
  }

  await listen();
  return {
    current: () => (listening ? `${own}:${heard}` : `unknown:${(unknown += 1)}`),
    bump() {
      own += 1;
    },
    async close() {
      closed = true;
      const open = client;
      client = null;
      listening = false;
      await open?.end().catch(() => undefined);
    },
  };
}
