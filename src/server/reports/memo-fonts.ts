/**
 * Sarabun, the typeface of Thai official documents, for the memo's PDF: the woff2 files of
 * @fontsource/sarabun (Thai and Latin subsets, regular and bold) as @font-face rules with data
 * URLs, so the page loads no file and no network. Read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The subsets and their ranges, as @fontsource/sarabun's own CSS declares them. */
const SUBSETS = {
  thai: 'U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC',
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
} as const;

let css: string | undefined;

/** The @font-face rules of Sarabun (family "Sarabun", weights 400 and 700). */
export function sarabunFontFaces(): string {
  css ??= Object.entries(SUBSETS)
    .flatMap(([subset, range]) =>
      [400, 700].map((weight) => {
        const file = require.resolve(`@fontsource/sarabun/files/sarabun-${subset}-${weight}-normal.woff2`);
        const data = readFileSync(file).toString('base64');
        return `@font-face{font-family:'Sarabun';font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`;
      }),
    )
    .join('\n');
  return css;
}
