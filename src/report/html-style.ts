// The report page's stylesheet: inline (no external fonts or files), readable on screen and paper.

/** CSS for report.html; system fonts only, so the page needs nothing from the network. */
export const REPORT_CSS = `
:root { --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --skip: #6e7781; --skip-bg: #f0f2f4;
  --accent: #0969da; --border: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff; }
h1, h2, h3 { line-height: 1.25; }
h2 { margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--border); font-size: 20px; }
h3 { font-size: 16px; margin: 16px 0 8px; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.muted { color: var(--muted); }
.conditions { margin: .3em 0; padding: .35em .8em; border-left: 3px solid #d9a400; background: #fffbe6; }
.verdict { border-radius: 10px; padding: 20px 24px; border: 2px solid; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
.verdict.pass { border-color: var(--pass); background: var(--pass-bg); }
.verdict.fail { border-color: var(--fail); background: var(--fail-bg); }
.verdict.incomplete { border-color: #9a6700; background: #fff8c5; }
.verdict.incomplete .verdict-word { color: #9a6700; }
.verdict-word { font-size: 56px; font-weight: 800; letter-spacing: 2px; line-height: 1; }
.verdict.pass .verdict-word { color: var(--pass); }
.verdict.fail .verdict-word { color: var(--fail); }
.verdict-detail { font-size: 18px; font-weight: 600; }
.verdict-meta { flex-basis: 100%; margin: 0; color: var(--muted); font-size: 14px; }
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 1px 8px; border-radius: 12px; font-size: 12px; font-weight: 700; text-transform: uppercase; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.skipped, .badge.no-data { color: var(--skip); background: var(--skip-bg); }
ul.reasons { list-style: none; padding: 0; margin: 12px 0 0; }
ul.reasons li { margin: 4px 0; }
.recommendation { border: 2px solid var(--accent); border-radius: 10px; padding: 16px 20px; background: #f3f8ff; margin-top: 20px; }
.recommendation h2 { border: 0; margin-top: 0; }
.rec-headline { font-size: 28px; font-weight: 700; }
.rec-headline .figure { color: var(--accent); }
.confidence { display: inline-block; width: 160px; height: 10px; border-radius: 5px; background: #d8e3f0; vertical-align: middle; overflow: hidden; }
.confidence span { display: block; height: 100%; background: var(--accent); }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.grid td { text-align: center; min-width: 120px; font-weight: 600; }
table.grid td.pass { background: var(--pass-bg); color: var(--pass); }
table.grid td.fail { background: var(--fail-bg); color: var(--fail); }
table.grid td.not-planned { color: var(--skip); font-style: italic; }
table.grid td.no-data { background: var(--skip-bg); color: var(--skip); }
table.grid td a { color: inherit; }
.divergence { border-left: 4px solid var(--fail); padding: 4px 0 4px 16px; margin: 16px 0; }
.divergence:target { background: #fff8c5; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--border); border-radius: 8px; padding: 12px; overflow-x: auto; break-inside: avoid; }
figure.wide { grid-column: 1 / -1; }
figcaption { font-weight: 600; margin-bottom: 8px; }
figure svg { max-width: 100%; height: auto; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--border); padding-top: 8px; }
@media print {
  body { max-width: none; padding: 0; font-size: 12px; }
  .charts { display: block; }
  figure, .divergence, .recommendation, table { break-inside: avoid; margin-bottom: 12px; }
  a { color: inherit; text-decoration: none; }
}
`;
