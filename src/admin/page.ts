import { LANGUAGES, type Language } from '../content/languages.js';
import type { Translate } from '../i18n/i18n.js';
import type { Report } from '../insights/report.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { TreeCatalog } from '../trees/model.js';
import { handoffSection } from './handoff-section.js';

/** The periods the dashboard offers, in days. */
export const PERIODS = [1, 7, 30, 90] as const;

export interface PageView {
  language: Language;
  days: number;
  /** The language the numbers are filtered to, if any. */
  filter?: Language;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const percent = (rate: number | undefined) => (rate === undefined ? undefined : `${Math.round(rate * 100)}%`);
/** A wait as a support lead reads it: seconds under a minute, else minutes to a tenth. */
export function waitText(ms: number, t: Translate, language: Language): string {
  return ms < 59_500 ? t(language, 'admin.seconds', { count: Math.round(ms / 1000) }) : t(language, 'admin.minutes', { count: Math.round(ms / 6000) / 10 });
}

function shell(view: PageView, t: Translate, title: string, body: string, scripts = ''): string {
  return `<!doctype html>
<html lang="${view.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} · Sportello</title>
<link rel="stylesheet" href="/admin/assets/admin.css">
</head>
<body>
${body}
${scripts}
</body>
</html>
`;
}

/** The sign-in form: a token, posted to /admin/login, which sets the session cookie. */
export function signInPage(view: PageView, t: Translate, wrong: boolean): string {
  const s = (key: string) => escape(t(view.language, `admin.${key}`));
  return shell(
    view,
    t,
    t(view.language, 'admin.signInTitle'),
    `<main class="sign-in">
  <form method="post" action="/admin/login?lang=${view.language}" class="card">
    <h1>${s('signInTitle')}</h1>
    <p>${s('signInText')}</p>
    ${wrong ? `<p class="error" role="alert">${s('wrongToken')}</p>` : ''}
    <label for="token">${s('token')}</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
    <button type="submit">${s('signIn')}</button>
  </form>
</main>`,
  );
}

/**
 * The dashboard: headline figures, charts (drawn by chart.js from the JSON in the page) and the
 * tables behind them. Every figure carries a data-metric attribute, so tests read what a person sees.
 */
export function dashboardPage(report: Report, view: PageView, t: Translate, kb: KnowledgeBase, trees: TreeCatalog): string {
  const { language } = view;
  const s = (key: string, values?: Record<string, unknown>) => escape(t(language, `admin.${key}`, values));
  const none = s('noValue');
  const entryTitle = (id: string) => kb.get(id)?.text[language].title ?? id;
  const treeTitle = (id: string) => trees.get(id)?.title[language] ?? id;
  const kpi = (metric: string, label: string, value: string | number | undefined) =>
    `<div class="kpi"><span class="label">${s(label)}</span><span class="value" data-metric="${metric}">${value === undefined ? none : escape(String(value))}</span></div>`;
  const table = (head: string[], rows: string[], testid: string) =>
    rows.length === 0
      ? `<p class="empty">${s('empty')}</p>`
      : `<table data-table="${testid}"><thead><tr>${head.map((h) => `<th>${s(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const cell = (metric: string, value: number | string) => `<td data-metric="${metric}">${escape(String(value))}</td>`;
  const { totals } = report;

  const daily = report.daily.map(
    (r) =>
      `<tr data-day="${r.day}" data-language="${r.language}"><td>${r.day}</td><td>${r.language}</td>${cell('conversations', r.conversations)}${cell('answered', r.answered)}${cell('clarified', r.clarified)}${cell('declined', r.declined)}${cell('handoffs', r.handoffs)}${cell('helpful', r.helpful)}${cell('unhelpful', r.unhelpful)}</tr>`,
  );
  const declined = report.declined.map((d) => `<tr><td class="question">${escape(d.text)}</td><td>${d.language}</td>${cell('count', d.count)}</tr>`);
  const entries = report.entries.map((e) => {
    const rate = e.helpful + e.unhelpful ? percent(e.helpful / (e.helpful + e.unhelpful)) : none;
    return `<tr data-entry="${e.entry}"><td>${escape(entryTitle(e.entry))}</td>${cell('answered', e.answered)}${cell('helpful', e.helpful)}${cell('unhelpful', e.unhelpful)}${cell('rate', rate ?? none)}</tr>`;
  });
  const treeSections = report.trees.map((tree) => {
    // Steps in the order the tree's file lists them, which is roughly the order people meet them.
    const order = [...(trees.get(tree.tree)?.nodes.keys() ?? [])];
    const nodes = [...tree.nodes].sort((a, b) => order.indexOf(a.node) - order.indexOf(b.node));
    const outcomes = Object.entries(tree.outcomes)
      .map(([outcome, n]) => `<span class="pill" data-outcome="${escape(outcome)}">${escape(t(language, `admin.${outcomeKey(outcome)}`))}: <b>${n}</b></span>`)
      .join(' ');
    const rows = nodes.map((n) => `<tr data-node="${escape(n.node)}"><td><code>${escape(n.node)}</code></td>${cell('reached', n.reached)}${cell('left', n.left)}</tr>`);
    return `<div class="tree" data-tree="${escape(tree.tree)}">
      <h3>${escape(treeTitle(tree.tree))} <small data-metric="started">${s('started', { count: tree.started })}</small></h3>
      <p class="outcomes">${outcomes}</p>
      <div class="chart short"><canvas data-chart="tree" data-tree="${escape(tree.tree)}"></canvas></div>
      ${table(['node', 'reached', 'left'], rows, `tree-${tree.tree}`)}
    </div>`;
  });

  const chartData = {
    labels: { answered: t(language, 'admin.answered'), clarified: t(language, 'admin.clarified'), declined: t(language, 'admin.declined'), conversations: t(language, 'admin.conversations'), helpful: t(language, 'admin.helpful'), unhelpful: t(language, 'admin.unhelpful'), reached: t(language, 'admin.reached'), left: t(language, 'admin.left') },
    days: perDay(report),
    entries: report.entries.map((e) => ({ label: entryTitle(e.entry), helpful: e.helpful, unhelpful: e.unhelpful })),
    ratings: report.ratingCounts,
    ratingsLabel: t(language, 'admin.ratings'),
    trees: Object.fromEntries(report.trees.map((tree) => [tree.tree, tree.nodes.map((n) => ({ label: n.node, reached: n.reached, left: n.left }))])),
  };
  const query = (extra: Record<string, string>) => new URLSearchParams({ lang: language, days: String(view.days), ...(view.filter ? { language: view.filter } : {}), ...extra }).toString();

  const body = `<header class="top">
  <div><h1>${s('title')}</h1><p class="subtitle">${s('subtitle')} · ${report.from} – ${report.to}</p></div>
  <form method="get" action="/admin" class="filters">
    <input type="hidden" name="lang" value="${language}">
    <label>${s('period')} <select name="days">${PERIODS.map((d) => `<option value="${d}"${d === view.days ? ' selected' : ''}>${s('days', { count: d })}</option>`).join('')}</select></label>
    <label>${s('language')} <select name="language"><option value="">${s('allLanguages')}</option>${LANGUAGES.map((l) => `<option value="${l}"${l === view.filter ? ' selected' : ''}>${l}</option>`).join('')}</select></label>
    <button type="submit">${s('show')}</button>
    <a class="button secondary" href="/admin/export.csv?${escape(query({}))}" download>${s('csv')}</a>
  </form>
  <form method="post" action="/admin/logout"><button class="link" type="submit">${s('signOut')}</button></form>
</header>
<main>
  <section class="kpis">
    ${kpi('conversations', 'conversations', totals.conversations)}
    ${kpi('answered', 'answered', totals.answered)}
    ${kpi('clarified', 'clarified', totals.clarified)}
    ${kpi('declined', 'declined', totals.declined)}
    ${kpi('helpful-rate', 'helpfulRate', percent(totals.helpfulRate))}
    ${kpi('handoffs', 'handoffs', totals.handoffs)}
    ${kpi('handoff-rate', 'handoffRate', percent(totals.handoffRate))}
    ${kpi('median-wait', 'medianWait', totals.medianWaitMs === undefined ? undefined : waitText(totals.medianWaitMs, t, language))}
    ${kpi('average-rating', 'rating', totals.averageRating === undefined ? undefined : `${totals.averageRating.toFixed(1)}/5`)}
  </section>
  <section class="grid">
    <div class="card wide"><h2>${s('perDay')}</h2><div class="chart"><canvas data-chart="days"></canvas></div></div>
    <div class="card"><h2>${s('perEntry')}</h2><div class="chart"><canvas data-chart="entries"></canvas></div>${table(['entry', 'answered', 'helpful', 'unhelpful', 'helpfulRate'], entries, 'entries')}</div>
    <div class="card"><h2>${s('topDeclined')}</h2><p class="hint">${s('topDeclinedHint')}</p>${table(['question', 'language', 'count'], declined, 'declined')}</div>
  </section>
  ${handoffSection(report, language, t)}
  <section class="card"><h2>${s('trees')}</h2><p class="hint">${s('treesHint')}</p><div class="trees">${treeSections.join('') || `<p class="empty">${s('empty')}</p>`}</div></section>
  <section class="card"><h2>${s('perDayLanguage')}</h2>${table(['day', 'language', 'conversations', 'answered', 'clarified', 'declined', 'handoffs', 'helpful', 'unhelpful'], daily, 'daily')}</section>
</main>
<script type="application/json" id="dashboard-data">${JSON.stringify(chartData).replace(/</g, '\\u003c')}</script>`;
  return shell(view, t, t(language, 'admin.title'), body, '<script src="/admin/assets/chart.umd.min.js"></script>\n<script src="/admin/assets/admin.js"></script>');
}

const OUTCOME_KEYS: Record<string, string> = { solved: 'solved', 'not-solved': 'notSolved', handoff: 'handoff', cancelled: 'cancelled', switched: 'switched' };
const outcomeKey = (outcome: string) => OUTCOME_KEYS[outcome] ?? 'noValue';

/** Answered / clarified / declined per day, all languages (or the filtered one) together. */
function perDay(report: Report): Array<{ day: string; answered: number; clarified: number; declined: number; conversations: number }> {
  const days = new Map<string, { day: string; answered: number; clarified: number; declined: number; conversations: number }>();
  for (const r of report.daily) {
    const d = days.get(r.day) ?? { day: r.day, answered: 0, clarified: 0, declined: 0, conversations: 0 };
    d.answered += r.answered;
    d.clarified += r.clarified;
    d.declined += r.declined;
    d.conversations += r.conversations;
    days.set(r.day, d);
  }
  return [...days.values()];
}
