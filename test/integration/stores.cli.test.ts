import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/itda.ts';
import { storeCsv, storeRow } from '../fixtures/stores/store-csv.ts';

/** `itda import stores <file.csv>` against a real PGlite folder (the code `npx itda` runs). */
const dir = mkdtempSync(path.join(tmpdir(), 'itda-stores-cli-'));
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('itda import stores', () => {
  it('imports a CP949 file, prints the counts, the speed and each rejected row; a second run changes nothing', async () => {
    process.env = { ...saved, ITDA_DATA_DIR: path.join(dir, 'db'), ITDA_DEMO: 'off', ITDA_LOG_LEVEL: 'silent', LANG: 'ko_KR.UTF-8' };
    delete process.env.DATABASE_URL;
    const file = path.join(dir, '소상공인시장진흥공단_상가(상권)정보_경기_예시.csv');
    writeFileSync(file, iconv.encode(storeCsv([storeRow(1), storeRow(2), storeRow(3, { 표준산업분류코드: 'X1' })]), 'cp949'));
    const first = await run('import', 'stores', file);
    expect(first.out).toContain('전체 3행: 새로 2, 변경 0, 그대로 0, 폐업 추정 0, 거부 1');
    expect(first.out).toMatch(/초당 [\d,]+행 \(인코딩 cp949\)/);
    expect(first.out).toContain('거부 #4 (MA0101202210A0000003): 표준산업분류코드가 올바르지 않음 (X1)');
    expect(first.code).toBe(1);
    const second = await run('import', 'stores', file);
    expect(second.out).toContain('새로 0, 변경 0, 그대로 2');
  });

  it('explains its usage and refuses an unreadable file', async () => {
    expect((await run('import', 'stores')).code).toBe(2);
    const missing = await run('import', 'stores', path.join(dir, 'none.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('파일을 읽을 수 없습니다');
  });
});
