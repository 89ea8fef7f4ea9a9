import { normalizeWhitespace } from '../catalog/catalog.text.ts';
import { EXTRACT_LIMITS, ExtractError } from './notice.types.ts';

interface Container {
  lines: string[];
}
interface Table {
  rows: string[][];
}

/**
 * Builds the plain text of a word-processor document from paragraph and table events (HWPX and
 * HWP 5.0 both describe text this way). One paragraph is one line; a table row becomes one line
 * "cell | cell | cell" (a cell's paragraphs joined by spaces; nested tables flattened into their
 * cell), so "지원대상 | 도내 소상공인" keeps the heading and its content together for the section
 * finder. Notices put their headings in tables more often than not.
 */
export class TextBuilder {
  private readonly containers: Container[] = [{ lines: [] }];
  private readonly paragraphs: string[] = [];
  private readonly tables: Table[] = [];
  private size = 0;

  private get container(): Container {
    return this.containers[this.containers.length - 1]!;
  }

  private push(line: string): void {
    this.size += line.length + 1;
    if (this.size > EXTRACT_LIMITS.maxTextChars)
      throw new ExtractError('failed', `본문이 너무 깁니다 (${EXTRACT_LIMITS.maxTextChars.toLocaleString('ko-KR')}자 초과)`);
    this.container.lines.push(line);
  }

  openParagraph(): void {
    this.paragraphs.push('');
  }

  append(text: string): void {
    if (this.paragraphs.length === 0) this.paragraphs.push('');
    this.paragraphs[this.paragraphs.length - 1] += text;
    if (this.paragraphs[this.paragraphs.length - 1]!.length > EXTRACT_LIMITS.maxTextChars)
      throw new ExtractError('failed', '문단이 너무 깁니다');
  }

  lineBreak(): void {
    this.append('\n');
  }

  closeParagraph(): void {
    const text = this.paragraphs.pop();
    if (text !== undefined) for (const l of text.split('\n')) this.push(l);
  }

  /** A table starts inside a paragraph: what the paragraph said before it comes first. */
  openTable(): void {
    if (this.paragraphs.length) {
      const before = this.paragraphs[this.paragraphs.length - 1]!;
      if (before.trim()) for (const l of before.split('\n')) this.push(l);
      this.paragraphs[this.paragraphs.length - 1] = '';
    }
    this.tables.push({ rows: [] });
  }

  openRow(): void {
    this.tables[this.tables.length - 1]?.rows.push([]);
  }

  openCell(): void {
    const table = this.tables[this.tables.length - 1];
    if (table && table.rows.length === 0) table.rows.push([]);
    this.containers.push({ lines: [] });
  }

  closeCell(): void {
    // An unclosed paragraph inside the cell (HWP records have no explicit end) ends with it.
    if (this.containers.length < 2) return;
    const cell = this.containers.pop()!;
    const text = cell.lines
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join(' ');
    const table = this.tables[this.tables.length - 1];
    table?.rows[table.rows.length - 1]?.push(text);
  }

  closeRow(): void {
    /* rows are opened explicitly; nothing to do */
  }

  closeTable(): void {
    const table = this.tables.pop();
    if (!table) return;
    for (const row of table.rows) {
      if (row.every((c) => c === '')) continue;
      this.push(row.join(' | '));
    }
  }

  /** Whole text: tabs and odd spaces normalised, lines trimmed, at most one blank line in a row. */
  toString(): string {
    while (this.paragraphs.length) this.closeParagraph();
    while (this.tables.length) this.closeTable();
    return normalizeWhitespace(this.containers[0]!.lines.join('\n'));
  }
}
