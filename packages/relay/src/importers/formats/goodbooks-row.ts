// One row of goodbooks-10k's books.csv: the columns Atrium reads (all CSV cells are text).
import { z } from 'zod/mini';

/** Without these a row cannot become a record; a file lacking them is not goodbooks. */
export const GOODBOOKS_REQUIRED_COLUMNS = ['book_id', 'title', 'authors'] as const;

const Cell = z.optional(z.string());

export const GoodbooksRow = z.object({
  book_id: z.string().check(z.trim(), z.regex(/^\d{1,20}$/, 'must be a whole number')),
  goodreads_book_id: Cell,
  isbn: Cell,
  isbn13: Cell,
  authors: z.string(),
  original_publication_year: z.optional(
    z.string().check(z.trim(), z.regex(/^(?:-?\d{1,4}(?:\.0+)?)?$/, 'must be a year such as 2008.0 or -720.0')),
  ),
  original_title: Cell,
  title: z.string().check(z.trim(), z.minLength(1)),
  language_code: Cell,
  image_url: Cell,
});
export type GoodbooksRow = z.infer<typeof GoodbooksRow>;
