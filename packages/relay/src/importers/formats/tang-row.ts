// One line of the chinese-poetry Tang poems file (tang-poems.jsonl).
import { z } from 'zod/mini';

export const TangRow = z.object({
  id: z.string().check(z.trim(), z.regex(/^\S{1,100}$/, 'must be an id without spaces')),
  title: z.string().check(z.trim(), z.minLength(1)),
  author: z.nullish(z.string()),
  paragraphs: z.array(z.string()),
});
export type TangRow = z.infer<typeof TangRow>;
