// What the papers routes accept.
import { z } from 'zod';

export const paperParams = z.object({ id: z.string().min(1).max(200) });
export const oldStyleParams = z.object({ archive: z.string().min(1).max(40), number: z.string().min(1).max(40) });
