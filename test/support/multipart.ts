/** multipart/form-data bodies for tests, made as a browser's FormData makes them. */

export interface FilePart {
  /** The part's name: `files` unless a test sends something else. */
  name?: string;
  fileName?: string;
  bytes: Buffer;
  type?: string;
}

/** The body and its Content-Type (with the boundary): `payload` as JSON, or `payloadText` as it is. */
export async function formData(payload: unknown, files: readonly FilePart[] = [], payloadText?: string): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  if (payload !== undefined || payloadText !== undefined) form.append('payload', payloadText ?? JSON.stringify(payload));
  for (const file of files) {
    form.append(file.name ?? 'files', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.fileName ?? 'file');
  }
  const request = new Request('http://rongthuk.test/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}
