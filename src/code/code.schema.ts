// What the code routes accept.
import { rowId } from '../request-limits.ts';
import { z } from 'zod';

export const codeLinkForm = z.object({ url: z.string().trim().min(1, 'give the repository address').max(500, 'at most 500 characters').default('') });
export const codeLinkBody = z.object({ url: z.string({ error: 'url is required: the repository address' }).trim().min(1).max(500) });
export const repositoryParam = z.object({ repository: rowId('a repository id') });
