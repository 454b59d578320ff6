// Every migration in order. Landed migrations are never edited: add a new file and list it here.
import type { Migration } from 'kysely';
import * as papers from './2026-11-26T00-papers.ts';
import * as ingestRuns from './2026-11-27T00-ingest-runs.ts';
import * as harvestCheckpoints from './2026-11-27T01-harvest-checkpoints.ts';
import * as jobRuns from './2026-11-27T02-job-runs.ts';
import * as externalSignals from './2026-11-27T03-external-signals.ts';
import * as accounts from './2026-11-27T04-accounts.ts';
import * as apiTokens from './2026-11-27T05-api-tokens.ts';
import * as community from './2026-11-27T06-community.ts';
import * as commentsTrending from './2026-11-27T07-comments-trending.ts';
import * as digest from './2026-11-27T08-digest.ts';
import * as semantic from './2026-11-27T09-semantic.ts';
import * as forYou from './2026-11-27T10-for-you.ts';
import * as semanticCorpusSize from './2026-11-27T11-semantic-corpus-size.ts';
import * as searchFacets from './2026-11-28T00-search-facets.ts';
import * as mailRequests from './2026-11-28T01-mail-requests.ts';
import * as missedJobRuns from './2026-11-28T02-missed-job-runs.ts';
import * as code from './2026-11-28T03-code.ts';
import * as trendingInterest from './2026-11-28T04-trending-interest.ts';
import * as keywordIndexOwnsItsRows from './2026-11-28T06-keyword-index-owns-its-rows.ts';
import * as hardening from './2026-12-05T00-hardening.ts';
import * as hfSummaries from './2026-12-05T01-hf-summaries.ts';
import * as thumbnails from './2026-12-06T00-thumbnails.ts';
import * as moderation from './2026-12-08T00-moderation.ts';
import * as digestSkipQuiet from './2026-12-08T01-digest-skip-quiet.ts';
import * as hubFacts from './2026-12-08T02-hub-facts.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-26T00-papers': papers,
  '2026-11-27T00-ingest-runs': ingestRuns,
  '2026-11-27T01-harvest-checkpoints': harvestCheckpoints,
  '2026-11-27T02-job-runs': jobRuns,
  '2026-11-27T03-external-signals': externalSignals,
  '2026-11-27T04-accounts': accounts,
  '2026-11-27T05-api-tokens': apiTokens,
  '2026-11-27T06-community': community,
  '2026-11-27T07-comments-trending': commentsTrending,
  '2026-11-27T08-digest': digest,
  '2026-11-27T09-semantic': semantic,
  '2026-11-27T10-for-you': forYou,
  '2026-11-27T11-semantic-corpus-size': semanticCorpusSize,
  '2026-11-28T00-search-facets': searchFacets,
  '2026-11-28T01-mail-requests': mailRequests,
  '2026-11-28T02-missed-job-runs': missedJobRuns,
  '2026-11-28T03-code': code,
  '2026-11-28T04-trending-interest': trendingInterest,
  '2026-11-28T06-keyword-index-owns-its-rows': keywordIndexOwnsItsRows,
  '2026-12-05T00-hardening': hardening,
  '2026-12-05T01-hf-summaries': hfSummaries,
  '2026-12-06T00-thumbnails': thumbnails,
  '2026-12-08T00-moderation': moderation,
  '2026-12-08T01-digest-skip-quiet': digestSkipQuiet,
  '2026-12-08T02-hub-facts': hubFacts,
};
