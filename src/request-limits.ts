// Bounds on what a request may name, shared by the schemas that validate input (pure: zod only, no I/O).
import { z } from 'zod';

/** The longest path parameter a route takes, encoded (an author's name in another script is several times its length). */
export const MAX_PATH_PARAMETER = 1_000;

/** A row id in a path or body: a positive integer PostgreSQL's INTEGER can hold (larger ones made 500s there). */
export const rowId = (what: string) =>
  z.coerce.number({ error: `${what} is a number` }).int(`${what} is a whole number`).positive(`${what} is positive`).max(2_147_483_647, `no ${what} is that large`);
