// What the subscription routes accept, and the subscription as the API shows it.
import { z } from 'zod';
import type { Same } from '../schema-check.ts';
import { frequencies, type Subscription } from './subscription.ts';

/** The form: topics arrive as text, one a line; an unchecked box sends nothing. */
export const preferencesForm = z.object({
  email: z.string().max(300).default(''),
  frequency: z.string().max(20).default('daily'),
  weeklyDay: z.string().max(2).default('1'),
  paperCount: z.string().max(3).default('10'),
  topics: z.string().max(2000).default(''),
  paused: z.literal('on').optional(),
  skipQuiet: z.literal('on').optional(),
});

export const keyQuery = z.object({ s: z.string({ error: 'this link is missing its key' }).max(200) });
export const confirmQuery = z.object({ token: z.string().max(200).default('') });
export const confirmForm = z.object({ token: z.string().max(200).default('') });
export const subscribeQuery = z.object({ email: z.string().max(300).optional() });

export const subscribeBody = z.object({
  email: z.string({ error: 'email is required' }).max(300),
  frequency: z.enum(frequencies).default('daily'),
  weeklyDay: z.number().int().min(1).max(7).default(1),
  paperCount: z.number().int().min(3).max(30).default(10),
  topics: z.array(z.string().max(100)).max(10).default([]),
  skipQuiet: z.boolean().default(false).describe('no digest when nothing passes the trending cut-off, whatever the topics bring'),
});

export const preferencesPatch = z.object({
  frequency: z.enum(frequencies).optional(),
  weeklyDay: z.number().int().min(1).max(7).optional(),
  paperCount: z.number().int().min(3).max(30).optional(),
  topics: z.array(z.string().max(100)).max(10).optional(),
  skipQuiet: z.boolean().optional(),
  paused: z.boolean().optional(),
});

export const subscriptionJsonSchema = z.object({
  email: z.string(),
  status: z.enum(['pending', 'active', 'paused', 'unsubscribed', 'suspended']),
  frequency: z.enum(frequencies),
  weeklyDay: z.number().int().describe('ISO weekday of a weekly digest, 1 = Monday'),
  paperCount: z.number().int(),
  topics: z.array(z.string()),
  skipQuiet: z.boolean().describe('no digest when nothing is trending'),
  suspendedReason: z.string().nullable(),
});

export type SubscriptionJson = z.infer<typeof subscriptionJsonSchema>;

export function subscriptionToJson(s: Subscription): SubscriptionJson {
  return { email: s.email, status: s.status, frequency: s.frequency, weeklyDay: s.weeklyDay, paperCount: s.paperCount, topics: s.topics, skipQuiet: s.skipQuiet, suspendedReason: s.suspendedReason };
}

export const subscriptionJsonMatches: Same<SubscriptionJson, ReturnType<typeof subscriptionToJson>> = true;
