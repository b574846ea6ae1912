import type { Language } from '../content/languages.js';
import type { Translate } from '../i18n/i18n.js';
import type { Report } from '../insights/report.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The hand-offs card: how many reached an agent, and how customers rated them afterwards (a
 * chart of the scores and the latest comments, as masked when typed). Every figure carries a
 * data-metric attribute, like the rest of the page.
 */
export function handoffSection(report: Report, language: Language, t: Translate): string {
  const s = (key: string, values?: Record<string, unknown>) => escape(t(language, `admin.${key}`, values));
  const { totals } = report;
  const figure = (metric: string, label: string, value: number) => `<tr><td>${label}</td><td data-metric="${metric}">${value}</td></tr>`;
  const rows = [
    figure('handoffs-requested', s('handoffsRequested'), totals.handoffs),
    figure('handoffs-taken', s('handoffsTaken'), totals.handoffsTaken),
    figure('handoffs-closed', s('handoffsClosed'), totals.handoffsClosed),
    figure('ratings', s('ratings'), totals.ratings),
    ...report.ratingCounts.map((n, i) => figure(`rating-${i + 1}`, s('ratedAs', { score: i + 1 }), n)),
  ];
  const comments = report.comments.map(
    (c) => `<li data-comment><span class="pill" data-metric="comment-score">${c.score}/5</span> <span class="question">${escape(c.text)}</span> <small>${c.language} · ${c.day}</small></li>`,
  );
  return `<section class="card" data-section="handoffs"><h2>${s('handoffsTitle')}</h2><p class="hint">${s('handoffsHint')}</p>
  <div class="grid">
    <div><div class="chart short"><canvas data-chart="ratings"></canvas></div><table data-table="handoffs"><tbody>${rows.join('')}</tbody></table></div>
    <div><h3>${s('comments')}</h3>${comments.length ? `<ul class="comments">${comments.join('')}</ul>` : `<p class="empty">${s('empty')}</p>`}</div>
  </div>
</section>`;
}
