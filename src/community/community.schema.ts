// What the community routes accept.
import { z } from 'zod';

export const submitBody = z.object({ id: z.string({ error: 'id is required: an arXiv id or URL' }).max(300) });
export const submitForm = z.object({ reference: z.string().max(300).default('') });
