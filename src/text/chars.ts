/** Character classes over normalized text, as one lookup table for the hot loops. */

export const CharClass = {
  Space: 0,
  Arabic: 1,
  Latin: 2,
  Digit: 3,
  Punct: 4,
  Symbol: 5,
  Other: 6,
  Newline: 7,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

const table = new Uint8Array(0x10000).fill(CharClass.Other);

function set(cls: CharClass, from: number, to = from): void {
  for (let c = from; c <= to; c++) table[c] = cls;
}

set(CharClass.Space, 0x09);
set(CharClass.Space, 0x0b, 0x0c);
set(CharClass.Space, 0x20);
set(CharClass.Newline, 0x0a);
set(CharClass.Newline, 0x0d);
set(CharClass.Newline, 0x2028, 0x2029);
set(CharClass.Newline, 0x85);
// Arabic letters (marks are removed by normalization; kept here as letters if present).
set(CharClass.Arabic, 0x0621, 0x064a);
set(CharClass.Arabic, 0x064b, 0x065f);
set(CharClass.Arabic, 0x066e, 0x066f);
set(CharClass.Arabic, 0x0670, 0x06d3);
set(CharClass.Arabic, 0x06d5, 0x06ef);
set(CharClass.Arabic, 0x06fa, 0x06ff);
set(CharClass.Arabic, 0x0750, 0x077f);
set(CharClass.Arabic, 0x08a0, 0x08ff);
set(CharClass.Arabic, 0xfb50, 0xfdff);
set(CharClass.Arabic, 0xfe70, 0xfefc);
// Latin letters, with Latin-1 and Latin Extended letters (French and Turkish names).
set(CharClass.Latin, 0x41, 0x5a);
set(CharClass.Latin, 0x61, 0x7a);
set(CharClass.Latin, 0xc0, 0xd6);
set(CharClass.Latin, 0xd8, 0xf6);
set(CharClass.Latin, 0xf8, 0x24f);
set(CharClass.Latin, 0x1e00, 0x1eff);
set(CharClass.Digit, 0x30, 0x39);
set(CharClass.Digit, 0x0660, 0x0669);
set(CharClass.Digit, 0x06f0, 0x06f9);
for (const ch of ".,،;؛:?؟!\"'«»“”„‘’‹›()[]{}/\\-–—…|*") set(CharClass.Punct, ch.charCodeAt(0));
set(CharClass.Punct, 0x06d4); // ۔ Arabic full stop
for (const ch of "%٪$€£¥+=<>#&@^~_`°") set(CharClass.Symbol, ch.charCodeAt(0));

export function charClass(code: number): CharClass {
  return table[code] as CharClass;
}

export const CLASS_TABLE: Uint8Array = table;
