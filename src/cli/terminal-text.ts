/**
 * The bot's Markdown as a terminal shows it: **bold** in bold (when the terminal has styles),
 * lists and quotes indented, links as "text (address)", and every paragraph wrapped at word
 * boundaries to the terminal's width, continuation lines under the text of their item.
 */
export interface TerminalStyle {
  /** Columns to wrap at. */
  width: number;
  /** ANSI bold for **bold**; off when the output is not a terminal. */
  ansi: boolean;
}

const BOLD_ON = '\u001b[1m';
const BOLD_OFF = '\u001b[22m';

/** Inline Markdown: bold, italics, links and escapes. */
function inline(text: string, ansi: boolean): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/\*\*(.+?)\*\*/g, (_m, bold: string) => (ansi ? `${BOLD_ON}${bold}${BOLD_OFF}` : bold))
    .replace(/(^|[\s(])\*(?!\s)(.+?)\*(?=$|[\s.,;:!?)])/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');
}

/** What a line looks like on screen: ANSI codes take no columns. */
const visibleLength = (text: string) => text.replace(/\u001b\[\d+m/g, '').length;

/** Wraps words to `width`, the first line after `first`, the others after `rest` (same length). */
export function wrap(text: string, width: number, first = '', rest = ' '.repeat(first.length)): string[] {
  const room = Math.max(10, width - first.length);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && visibleLength(line) + 1 + visibleLength(word) > room) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.map((l, i) => (i === 0 ? first : rest) + l);
}

/** Markdown text as terminal lines. */
export function renderForTerminal(markdown: string, style: TerminalStyle): string {
  const out: string[] = [];
  for (const block of markdown.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length > 0) out.push(...wrap(inline(paragraph.join(' '), style.ansi), style.width));
      paragraph = [];
    };
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      const numbered = /^(\d+)[.)]\s+(.*)$/.exec(line);
      const bullet = /^[-*+]\s+(.*)$/.exec(line);
      const quote = /^>\s?(.*)$/.exec(line);
      if (numbered) {
        flush();
        out.push(...wrap(inline(numbered[2]!, style.ansi), style.width, `  ${numbered[1]}. `));
      } else if (bullet) {
        flush();
        out.push(...wrap(inline(bullet[1]!, style.ansi), style.width, '  • '));
      } else if (quote) {
        flush();
        out.push(...wrap(inline(quote[1]!, style.ansi), style.width, '  │ '));
      } else if (line) {
        paragraph.push(line);
      }
    }
    flush();
    out.push('');
  }
  while (out.at(-1) === '') out.pop();
  return out.join('\n');
}
