/**
 * The memo printed to PDF by headless Chromium (Debian's package, or CHROMIUM_PATH): Chromium
 * shapes Thai with HarfBuzz and breaks lines with ICU's Thai dictionary, which the JavaScript
 * PDF writers do not (fontkit picks one script per run and has no Thai shaper; pdf-lib drops
 * GPOS offsets, so tone marks collide with upper vowels). Nothing is downloaded at install:
 * playwright-core brings no browser, the machine's Chromium is used. Where there is none, the
 * memo is unavailable (503) and the figures stay available as CSV and XLSX.
 */
import { chromiumPath, launchChromium } from '../platform/chromium.ts';
import { AppError } from '../platform/errors.ts';

/** Prints one self-contained HTML document (A4, its own @page margins) to PDF. */
export async function renderPdf(html: string): Promise<Buffer> {
  if (!chromiumPath()) throw new AppError(503, 'pdf_unavailable', 'PDF output needs Chromium on the server (Debian package chromium, or CHROMIUM_PATH)', 'ระบบยังไม่พร้อมจัดทำไฟล์ PDF โปรดดาวน์โหลดข้อมูลเป็น CSV หรือ XLSX แทน');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // Block every request: the document carries its fonts, nothing else may be fetched.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    // Wait for the fonts (the page's own expression: the server has no DOM types).
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
