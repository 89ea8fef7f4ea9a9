import { readFile } from 'node:fs/promises';
import { parseBizinfo } from '../../domain/catalog/catalog.bizinfo.ts';
import { parseGov24 } from '../../domain/catalog/catalog.gov24.ts';
import { parseKstartup } from '../../domain/catalog/catalog.kstartup.ts';
import { ImportSourceError, type ImportBatch } from '../../domain/catalog/catalog.types.ts';

/**
 * Getting a notice payload from a file or an address. The public APIs (기업마당, K-Startup,
 * 보조금24) are external services: the address is whatever the operator configures or types
 * (the real API, a mirror, or a local test double), fetched with a timeout and a size cap.
 */
export type ImportSourceName = 'bizinfo' | 'kstartup' | 'gov24';
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export class PayloadError extends Error {
  constructor(
    readonly messageKey: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'PayloadError';
  }
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new PayloadError('programmes.import.notJson', 'JSON');
  }
}

export async function fetchPayload(url: string, opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<unknown> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new PayloadError('programmes.importUrlInvalid', url);
  let res: Response;
  try {
    res = await fetch(u, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000), headers: { accept: 'application/json' }, redirect: 'follow' });
  } catch (e) {
    throw new PayloadError('programmes.import.fetchFailed', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) throw new PayloadError('programmes.import.fetchFailed', `HTTP ${res.status}`);
  const max = opts.maxBytes ?? IMPORT_MAX_BYTES;
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > max) throw new PayloadError('programmes.import.fileTooBig', String(declared));
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > max) throw new PayloadError('programmes.import.fileTooBig', String(buf.length));
  return parseJsonText(buf.toString('utf8'));
}

export async function readPayload(fileOrUrl: string): Promise<unknown> {
  if (/^https?:\/\//i.test(fileOrUrl)) return fetchPayload(fileOrUrl);
  const buf = await readFile(fileOrUrl);
  if (buf.length > IMPORT_MAX_BYTES) throw new PayloadError('programmes.import.fileTooBig', String(buf.length));
  return parseJsonText(buf.toString('utf8'));
}

/** Source name → pure parser (src/domain/catalog). Throws ImportSourceError for an unusable payload. */
export function parsePayload(source: ImportSourceName, payload: unknown): ImportBatch {
  switch (source) {
    case 'bizinfo':
      return parseBizinfo(payload);
    case 'kstartup':
      return parseKstartup(payload);
    case 'gov24':
      return parseGov24(payload);
  }
}

export { ImportSourceError };
