import { createHash } from 'node:crypto';
import type { ProgrammeDraft } from './catalog.types.ts';

/**
 * A stable hash of a draft's normalized content, so that re-importing the same notice is seen as
 * "unchanged" and only a real change makes a new programme version.
 *
 * Left out: `raw` (it carries volatile counters such as bizinfo inqireCo 조회수 and totCnt, and key
 * order of the source JSON), `sourceUpdatedAt` (a source may touch it without changing anything a
 * person or the engine uses; the importer can still store the newest one) and `notes` (parser
 * remarks, not notice content). Object keys are sorted, so key order never matters; list order does
 * (attachments, documents) because it is part of the notice.
 */
export const FINGERPRINT_VERSION = 'v1';

const VOLATILE: ReadonlySet<string> = new Set(['raw', 'sourceUpdatedAt', 'notes']);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function draftFingerprint(draft: ProgrammeDraft): string {
  const content = Object.fromEntries(Object.entries(draft).filter(([k]) => !VOLATILE.has(k)));
  const hash = createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
  return `${FINGERPRINT_VERSION}:${hash}`;
}
