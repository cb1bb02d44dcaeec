import { describe, expect, it } from 'vitest';
import { escapeCsvCell, escapeHtml, escapeMarkdownCode, escapeXml } from '../../src/report/escape.js';

describe('escaping', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('drops control characters XML 1.0 cannot hold but keeps tabs and newlines', () => {
    expect(escapeXml('a\u0000b\u001Bc\td\ne')).toBe('abc\td\ne');
  });

  it('quotes CSV cells only when needed and neutralises formula starts', () => {
    expect(escapeCsvCell('plain')).toBe('plain');
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('=1+1')).toBe("'=1+1");
    expect(escapeCsvCell('-cmd,x')).toBe(`"'-cmd,x"`);
    expect(escapeCsvCell(-3), 'a negative number is data').toBe('-3');
    expect(escapeCsvCell(null)).toBe('');
  });

  it('fences Markdown code spans longer than any backtick run inside', () => {
    expect(escapeMarkdownCode('a`b')).toBe('``a`b``');
    expect(escapeMarkdownCode('`x`')).toBe('`` `x` ``');
  });
});
