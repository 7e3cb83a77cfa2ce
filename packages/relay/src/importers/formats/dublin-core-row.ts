// A row of a member's Dublin Core file: CSV cells are text; a JSON line is an object whose
// values Atrium reads are text, numbers or lists of them (a list is a multi-valued element).
import { z } from 'zod/mini';

export const DcCsvRow = z.record(z.string(), z.string());

export const DcJsonRow = z.record(z.string(), z.unknown());

export const DcJsonValue = z.union(
  [z.null(), z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.null()]))],
  'must be text, a number or a list of them',
);
