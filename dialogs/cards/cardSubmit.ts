import { z } from 'zod';

/** The data every Action.Submit of ours carries; `draftId` and `revision` make old cards recognisable. */
export const cardSubmitSchema = z.discriminatedUnion('action', [
  z
    .object({ action: z.literal('confirm'), draftId: z.string().max(64), revision: z.number().int().min(0) })
    .strict(),
  z
    .object({
      action: z.literal('change'),
      draftId: z.string().max(64),
      revision: z.number().int().min(0),
      target: z.number().int().min(1).max(500),
    })
    .strict(),
]);
export type CardSubmit = z.infer<typeof cardSubmitSchema>;

/** The submit data of an incoming activity's `value`, or undefined when it is not (well-formed) ours. */
export function parseCardSubmit(value: unknown): CardSubmit | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const envelope = (value as { shieldReporter?: unknown }).shieldReporter;
  const parsed = cardSubmitSchema.safeParse(envelope);
  return parsed.success ? parsed.data : undefined;
}

/** Wraps submit data the way cards send it back (namespaced, so other cards' data is never mistaken for it). */
export function submitData(data: CardSubmit): { shieldReporter: CardSubmit } {
  return { shieldReporter: data };
}
