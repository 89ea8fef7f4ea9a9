import { y2018, y2019, y2020, y2021, y2022, y2023, y2024, y2025, y2026, y2027 } from '@hyunbinseo/holidays-kr/all';

/**
 * 대한민국 공휴일 (관공서의 공휴일에 관한 규정, 대체공휴일 and 임시공휴일 included) from the 월력요항
 * published each year, through @hyunbinseo/holidays-kr. The package ships one preset a year:
 * **update it every year** (the next year's 월력요항 is published in June). A day of a year the
 * package does not know yet is not taken for a holiday.
 */
const HOLIDAYS: ReadonlyMap<string, readonly string[]> = new Map(
  [y2018, y2019, y2020, y2021, y2022, y2023, y2024, y2025, y2026, y2027].flatMap((y) => Object.entries(y) as [string, readonly string[]][]),
);

/** The holiday's name(s) on a Korean date 'YYYY-MM-DD' ("추석 · 대체공휴일(추석)"), or null. */
export function holidayName(day: string): string | null {
  const names = HOLIDAYS.get(day);
  return names ? names.join(' · ') : null;
}

/** The holidays between two Korean dates, inclusive. */
export function holidaysBetween(from: string, to: string): string[] {
  return [...HOLIDAYS.keys()].filter((d) => d >= from && d <= to).sort();
}

/** The last year the holiday data covers (the README says to update the package before it runs out). */
export const HOLIDAYS_KNOWN_UNTIL = [...HOLIDAYS.keys()].sort().at(-1)!.slice(0, 4);
