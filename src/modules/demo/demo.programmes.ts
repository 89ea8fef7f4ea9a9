import { readFileSync } from 'node:fs';
import { parseSampleCatalogue, type SampleProgramme } from '../programs/programs.sample.ts';

/**
 * The demo's SAMPLE programme catalogue (예시 지원사업 목록): data in `demo.programmes.json`, beside this
 * file, shipped with the source. Validated once on first import with the catalogue's schema
 * (programs.sample.ts): an edit that breaks the shape stops the demo loader and the tests, naming the entry.
 * Read with `readFileSync` rather than a JSON import so the type comes from the schema, not from the data.
 */
const FILE = new URL('./demo.programmes.json', import.meta.url);

/** The sample catalogue. Frozen: callers copy before changing. */
export const SAMPLE_PROGRAMMES: readonly SampleProgramme[] = parseSampleCatalogue(JSON.parse(readFileSync(FILE, 'utf8')));

export function findSampleProgramme(key: string): SampleProgramme | undefined {
  return SAMPLE_PROGRAMMES.find((p) => p.key === key);
}
