export function startThrowawayPostgres(options?: { flags?: string[]; onError?: (message: string) => void }): Promise<{ url: string; port: number; stop(): Promise<void> }>;
