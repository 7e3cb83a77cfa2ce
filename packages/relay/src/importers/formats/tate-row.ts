// One line of the Tate collection file (tate-artworks.jsonl): the fields Atrium reads.
import { z } from 'zod/mini';

const Text = z.nullish(z.string());
const Required = z.string().check(z.trim(), z.minLength(1));

export const TateContributor = z.object({
  fc: Required,
  role: Text,
  date: Text,
});

export const TateRow = z.object({
  acno: z.string().check(z.trim(), z.regex(/^\S{1,100}$/, 'must be an accession number without spaces')),
  title: Required,
  contributors: z.nullish(z.array(TateContributor)),
  dateText: Text,
  dateRange: z.nullish(
    z.object({
      startYear: z.nullish(z.union([z.number(), z.string()])),
      endYear: z.nullish(z.union([z.number(), z.string()])),
    }),
  ),
  medium: Text,
  dimensions: Text,
  creditLine: Text,
  groupTitle: Text,
  subjects: z.nullish(z.array(z.string())),
  movements: z.nullish(z.array(z.string())),
  url: Text,
  thumbnailUrl: Text,
});
export type TateRow = z.infer<typeof TateRow>;
