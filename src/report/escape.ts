// Escaping for every output format in one place: everything from outside (table names, run ids,
// stderr tails, sample values) passes through here before it reaches markup, XML, CSV or Markdown.

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!);
}

// XML 1.0 forbids most control characters even as references: drop them rather than emit bad XML.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text made safe for XML content and attributes (JUnit readers choke on raw control characters). */
export function escapeXml(value: unknown): string {
  return escapeHtml(String(value).replace(XML_INVALID, ''));
}

// Spreadsheets evaluate cells starting with these as formulas (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell by RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled.
 * Text starting with = + - @ gets a leading apostrophe so a spreadsheet shows it instead of running
 * it; numbers are left alone (a negative number is data, not a formula).
 */
export function escapeCsvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text for a GitHub-flavoured Markdown table cell or inline text (never at a line start): emphasis,
 * code, link brackets and cell separators are escaped and `<`/`&` become entities, so a table
 * name cannot inject HTML or links into a job summary; line breaks are flattened.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value)
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

/** Text inside a Markdown code span: backticks cannot close it early. */
export function escapeMarkdownCode(value: unknown): string {
  const text = String(value).replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
