/** Small helpers the console and the administration share. */

/** The Thai or English name of anything with both (Thai when there is no English one). */
export function localName(item: { nameTh: string; nameEn?: string | undefined }, language: string): string {
  return language === 'th' || !item.nameEn ? item.nameTh : item.nameEn;
}

/** True when the request was aborted because the page moved on. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException ? error.name === 'AbortError' : (error as Error | undefined)?.name === 'AbortError';
}
