// The composition root: every capability's service, built once from one database handle.
import { pingDatabase, type Db } from './db/database.ts';
import { createFeedService } from './feed/feed.service.ts';
import { createDemoService } from './ingest/demo.service.ts';
import { createImportService } from './ingest/import.service.ts';
import { createPapersService } from './papers/papers.service.ts';
import { createSearchService } from './search/search.service.ts';

export function createServices(db: Db) {
  const papers = createPapersService(db);
  const importer = createImportService(papers);
  return {
    papers,
    importer,
    demo: createDemoService(papers, importer),
    feed: createFeedService(papers),
    search: createSearchService(db, papers),
    /** Cheap liveness of the storage: one round trip. */
    ping(): boolean {
      return pingDatabase(db);
    },
  };
}

export type Services = ReturnType<typeof createServices>;
