// Goodbooks' two ISBN columns are damaged in known ways: `isbn` was stored as a number and
// lost its leading zeros; `isbn13` went through a spreadsheet into scientific notation
// (9.78043902348e+12), which drops the last digit. Repair what can be proven, never guess.
import { toIsbn13 } from '../isbn.js';

export interface GoodbooksIsbns {
  /** ISBN-13 digits, the `isbn13` column's first when it is usable. */
  isbns: string[];
  /** Set when a non-empty ISBN cell had to be dropped. */
  problem?: { reason: string; detail: string };
}

export function goodbooksIsbns(isbnCell: string | undefined, isbn13Cell: string | undefined): GoodbooksIsbns {
  const isbns: string[] = [];
  let problem: GoodbooksIsbns['problem'];
  const cell13 = isbn13Cell?.trim() ?? '';
  const cell10 = isbnCell?.trim().toUpperCase() ?? '';

  const from13 = /^\d{13}$/.test(cell13) ? toIsbn13(cell13) : undefined;
  if (from13 !== undefined) isbns.push(from13);

  if (cell10 !== '') {
    const from10 = /^\d{0,9}[\dX]$/.test(cell10) ? toIsbn13(cell10.padStart(10, '0')) : undefined;
    if (from10 === undefined) {
      problem = {
        reason: 'isbn dropped: not a valid ISBN-10',
        detail: `isbn "${cell10}" is not an ISBN-10 even with its leading zeros restored (wrong check digit or not digits)`,
      };
    } else if (!isbns.includes(from10)) {
      isbns.push(from10);
    }
  }

  if (isbns.length === 0 && cell13 !== '' && problem === undefined) {
    problem = {
      reason: 'isbn13 dropped: not a plain 13-digit ISBN',
      detail: `isbn13 "${cell13}" cannot be trusted (scientific notation or wrong check digit) and there is no ISBN-10 to derive it from`,
    };
  }
  return problem === undefined ? { isbns } : { isbns, problem };
}
