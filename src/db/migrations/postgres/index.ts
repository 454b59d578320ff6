// PostgreSQL's migrations in order: a baseline equal to the SQLite schema of 2026-11-28T04, then whatever comes after
// (a later schema change lands as a migration in each list). Landed migrations are never edited.
import type { Migration } from 'kysely';
import * as baseline from './2026-11-28T05-baseline.ts';
import * as keywordIndexOwnsItsRows from './2026-11-28T06-keyword-index-owns-its-rows.ts';
import * as hardening from './2026-12-05T00-hardening.ts';
import * as hfSummaries from './2026-12-05T01-hf-summaries.ts';
import * as thumbnails from './2026-12-06T00-thumbnails.ts';
import * as moderation from './2026-12-08T00-moderation.ts';
import * as digestSkipQuiet from './2026-12-08T01-digest-skip-quiet.ts';
import * as hubFacts from './2026-12-08T02-hub-facts.ts';

export const postgresMigrations: Record<string, Migration> = {
  '2026-11-28T05-baseline': baseline,
  '2026-11-28T06-keyword-index-owns-its-rows': keywordIndexOwnsItsRows,
  '2026-12-05T00-hardening': hardening,
  '2026-12-05T01-hf-summaries': hfSummaries,
  '2026-12-06T00-thumbnails': thumbnails,
  '2026-12-08T00-moderation': moderation,
  '2026-12-08T01-digest-skip-quiet': digestSkipQuiet,
  '2026-12-08T02-hub-facts': hubFacts,
};
