// What the Hugging Face Hub's API says of a model, dataset or Space (`GET /api/models/OWNER/NAME`, `/api/datasets/…`,
// `/api/spaces/…`, documented at huggingface.co/docs/hub/api): its likes, and for models and datasets its downloads of
// the last 30 days. Only those two numbers are read; anything else in the answer is ignored. Pure.
import { z } from 'zod';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const hubAnswer = z.object({ likes: count, downloads: count.optional() });

export interface HubFacts {
  likes: number;
  /** Null for a Space (the Hub counts none), or when the answer left it out. */
  downloads: number | null;
}

/** The Hub's answer read, or null when it is not one (a page of HTML, a number where a count should be). */
export function hubFacts(body: string): HubFacts | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = hubAnswer.safeParse(json);
  return parsed.success ? { likes: parsed.data.likes, downloads: parsed.data.downloads ?? null } : null;
}

/** The API path of a Hub repository: its kind's collection, then owner and name (each a Hub name, never a path). */
export function hubPath(kind: 'model' | 'dataset' | 'space', owner: string, name: string): string | null {
  const hubName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
  if (!hubName.test(owner) || !hubName.test(name) || owner.includes('..') || name.includes('..')) return null;
  return `/${kind}s/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
}
