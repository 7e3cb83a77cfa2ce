// The MARC-8 Extended Latin set (ANSEL, ANSI/NISO Z39.47) as MARC 21 uses it in G1, from the
// Library of Congress MARC-8 code tables: each byte's Unicode character. Bytes from 0xE0 up
// are combining diacritics, which MARC-8 writes before the letter they sit on.

/** Second halves of ligatures and double tildes: the first half's double mark already spans both letters. */
export const ANSEL_SECOND_HALVES: ReadonlySet<number> = new Set([0xec, 0xfb]);

/** Spacing characters: letters, signs and symbols. */
export const ANSEL_SPACING: ReadonlyMap<number, number> = new Map([
  [0xa1, 0x0141], // Ł  capital L with stroke
  [0xa2, 0x00d8], // Ø  capital O with stroke
  [0xa3, 0x0110], // Đ  capital D with stroke
  [0xa4, 0x00de], // Þ  capital thorn
  [0xa5, 0x00c6], // Æ  capital AE
  [0xa6, 0x0152], // Œ  capital ligature OE
  [0xa7, 0x02b9], // ʹ  soft sign (modifier letter prime)
  [0xa8, 0x00b7], // ·  middle dot
  [0xa9, 0x266d], // ♭  music flat sign
  [0xaa, 0x00ae], // ®  registered sign
  [0xab, 0x00b1], // ±  plus-minus sign
  [0xac, 0x01a0], // Ơ  capital O with horn
  [0xad, 0x01af], // Ư  capital U with horn
  [0xae, 0x02bc], // ʼ  alif (modifier letter apostrophe)
  [0xb0, 0x02bb], // ʻ  ayn (modifier letter turned comma)
  [0xb1, 0x0142], // ł  small l with stroke
  [0xb2, 0x00f8], // ø  small o with stroke
  [0xb3, 0x0111], // đ  small d with stroke
  [0xb4, 0x00fe], // þ  small thorn
  [0xb5, 0x00e6], // æ  small ae
  [0xb6, 0x0153], // œ  small ligature oe
  [0xb7, 0x02ba], // ʺ  hard sign (modifier letter double prime)
  [0xb8, 0x0131], // ı  small dotless i
  [0xb9, 0x00a3], // £  pound sign
  [0xba, 0x00f0], // ð  small eth
  [0xbc, 0x01a1], // ơ  small o with horn
  [0xbd, 0x01b0], // ư  small u with horn
  [0xc0, 0x00b0], // °  degree sign
  [0xc1, 0x2113], // ℓ  script small l
  [0xc2, 0x2117], // ℗  sound recording copyright
  [0xc3, 0x00a9], // ©  copyright sign
  [0xc4, 0x266f], // ♯  music sharp sign
  [0xc5, 0x00bf], // ¿  inverted question mark
  [0xc6, 0x00a1], // ¡  inverted exclamation mark
  [0xc7, 0x00df], // ß  small sharp s
  [0xc8, 0x20ac], // €  euro sign
]);

/** Combining diacritics: written before their base letter in MARC-8, after it in Unicode. */
export const ANSEL_COMBINING: ReadonlyMap<number, number> = new Map([
  [0xe0, 0x0309], // hook above (pseudo question mark)
  [0xe1, 0x0300], // grave
  [0xe2, 0x0301], // acute
  [0xe3, 0x0302], // circumflex
  [0xe4, 0x0303], // tilde
  [0xe5, 0x0304], // macron
  [0xe6, 0x0306], // breve
  [0xe7, 0x0307], // dot above (superior dot)
  [0xe8, 0x0308], // diaeresis (umlaut)
  [0xe9, 0x030c], // caron (hacek)
  [0xea, 0x030a], // ring above (circle above, angstrom)
  // A ligature or double tilde spans two letters: MARC-8 marks both halves, Unicode writes one
  // double mark after the first letter (U+FE20–FE23 half marks render in few fonts).
  [0xeb, 0x0361], // ligature, first half: double inverted breve
  [0xed, 0x0315], // comma above right (high comma, off centre)
  [0xee, 0x030b], // double acute
  [0xef, 0x0310], // candrabindu
  [0xf0, 0x0327], // cedilla
  [0xf1, 0x0328], // ogonek (right hook)
  [0xf2, 0x0323], // dot below
  [0xf3, 0x0324], // diaeresis below (double dot below)
  [0xf4, 0x0325], // ring below (circle below)
  [0xf5, 0x0333], // double low line (double underscore)
  [0xf6, 0x0332], // low line (underscore)
  [0xf7, 0x0326], // comma below (left hook)
  [0xf8, 0x031c], // left half ring below (right cedilla)
  [0xf9, 0x032e], // breve below (upadhmaniya)
  [0xfa, 0x0360], // double tilde, first half
  [0xfe, 0x0313], // comma above (high comma, centred)
]);
