import { excel } from '../../heavy-libs.ts';
import { maskName, maskPhone } from '../../domain/masking.ts';

/**
 * The business list as .xlsx for offices that work in Excel. Only the fields the purpose needs,
 * owner name and phone masked by the one rule (김*용, 010-****-5678); the purpose is recorded
 * with the download in the access records (안전성 확보조치 기준 §8).
 */
export async function businessListWorkbook(
  rows: { name: string; ownerName: string | null; phone: string | null; municipalityName: string | null; clerkName: string | null; lastContactAt: Date | null; isSample: boolean }[],
  meta: { reason: string; by: string; at: Date },
): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = meta.by;
  wb.created = meta.at;
  const ws = wb.addWorksheet('사업장');
  ws.columns = [
    { header: '상호', key: 'name', width: 28 },
    { header: '대표자 (가림)', key: 'owner', width: 14 },
    { header: '전화 (가림)', key: 'phone', width: 16 },
    { header: '시·군', key: 'municipality', width: 12 },
    { header: '담당 공공사무원', key: 'clerk', width: 18 },
    { header: '마지막 연락', key: 'lastContact', width: 14, style: { numFmt: 'yyyy-mm-dd' } },
    { header: '예시 데이터', key: 'sample', width: 10 },
  ];
  for (const r of rows) {
    ws.addRow({
      name: r.name,
      owner: maskName(r.ownerName),
      phone: maskPhone(r.phone),
      municipality: r.municipalityName ?? '',
      clerk: r.clerkName ?? '미배정',
      lastContact: r.lastContactAt ?? null,
      sample: r.isSample ? '예시' : '',
    });
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const info = wb.addWorksheet('내려받기 정보');
  info.addRows([
    ['목적', meta.reason],
    ['내려받은 사람', meta.by],
    ['일시', meta.at.toISOString()],
    ['안내', '개인정보가 포함된 파일입니다. 목적 외로 쓰거나 보관 기간이 지나면 파기하세요 (개인정보 보호법 제21조).'],
  ]);
  info.getColumn(1).width = 16;
  info.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
