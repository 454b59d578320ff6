// What the feed routes accept.
import { z } from 'zod';

export const searchFeedQuery = z.object({ q: z.string().max(5000, 'at most 5000 characters').default('') });
