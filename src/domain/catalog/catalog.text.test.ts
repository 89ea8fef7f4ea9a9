import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToOneLine, htmlToPlainText, normalizeWhitespace } from './catalog.text.ts';

describe('htmlToPlainText', () => {
  it('drops scripts and styles, keeps the text', () => {
    const out = htmlToPlainText('<p>안내</p><script>alert("x")</script><style>p{color:red}</style><noscript>nojs</noscript><p>끝</p>');
    expect(out).toBe('안내\n\n끝');
    expect(out).not.toMatch(/alert|color|nojs/);
  });

  it('decodes named and numeric entities', () => {
    expect(htmlToPlainText('<p>A&amp;B &lt;b&gt; &quot;q&quot; &#45800;&#xC704; &middot; &nbsp;끝</p>')).toBe('A&B <b> "q" 단위 · 끝');
    expect(htmlToPlainText('A&amp;B &#x1F600;')).toBe('A&B 😀');
  });

  it('turns <br>, <p>, <li>, <div> and headings into line breaks', () => {
    expect(htmlToPlainText('첫째<br>둘째<br/>셋째')).toBe('첫째\n둘째\n셋째');
    expect(htmlToPlainText('<p>하나</p><p>둘</p>')).toBe('하나\n\n둘');
    expect(htmlToPlainText('<ul><li>가</li><li>나</li></ul>')).toBe('- 가\n- 나');
    expect(htmlToPlainText('<ol><li>가</li><li>나</li></ol>')).toBe('1. 가\n2. 나');
    expect(htmlToPlainText('<div>a</div><div>b</div>')).toBe('a\nb');
    expect(htmlToPlainText('<h3>Title case</h3><p>body</p>')).toBe('Title case\n\nbody');
  });

  it('removes event-handler markup, images, comments and link targets', () => {
    const out = htmlToPlainText(
      '<img src=x onerror="alert(1)"><!-- 주석 --><a href="javascript:alert(1)">누리집</a><iframe src="//evil"></iframe>',
    );
    expect(out).toBe('누리집');
  });

  it('keeps table rows on their own lines', () => {
    const out = htmlToPlainText('<table><tr><th>구분</th><th>금액</th></tr><tr><td>일반</td><td>200만원</td></tr></table>');
    expect(out.split('\n')).toHaveLength(2);
    expect(out).toMatch(/^구분\s+금액\n일반\s+200만원$/);
  });

  it('normalises whitespace and keeps plain text line breaks', () => {
    expect(htmlToPlainText('  가   나\t다  \r\n\r\n\r\n\r\n라  ')).toBe('가 나 다\n\n라');
    expect(htmlToPlainText('<p>  가 \n  나  </p>')).toBe('가 나');
    expect(normalizeWhitespace('a\u00a0\u3000b\u200b\u0007c\ufffd')).toBe('a bc');
  });

  it('survives broken markup', () => {
    expect(htmlToPlainText('<p>열린 태그 <b>굵게 <i>기울임</p> 끝')).toBe('열린 태그 굵게 기울임\n\n끝');
    expect(htmlToPlainText('<scr<script>ipt>alert(1)</script>')).not.toMatch(/<script/i);
  });

  it('one-line form for titles', () => {
    expect(htmlToOneLine('<p>2026년<br>지원사업</p>')).toBe('2026년 지원사업');
  });

  it('never throws; output has no CR, no tabs, no 3 line breaks in a row (property)', () => {
    const html = fc.array(
      fc.oneof(
        fc.constantFrom(
          '<p>',
          '</p>',
          '<br>',
          '<li>',
          '<script>',
          '</script>',
          '&amp;',
          '&#0;',
          '&#xD800;',
          '<!--',
          '-->',
          '\r\n',
          '\t',
          '&nbsp;',
        ),
        fc.string(),
      ),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(html, (parts) => {
        const out = htmlToPlainText(parts.join(''));
        expect(out).not.toMatch(/\r|\t|\n\n\n/);
        expect(out).toBe(out.trim());
      }),
      { numRuns: 500 },
    );
  });
});
