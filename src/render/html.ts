/**
 * The HTML pack: one self-contained file rendered server-side with handlebars. CSS, the filter
 * script and the SVG charts are inlined; a Content-Security-Policy meta tag allows only that
 * stylesheet and that script (by hash), no request of any kind. Everything from the engine goes
 * through handlebars' escaping (`{{ }}`); the only unescaped values are our own CSS, script and SVG
 * (whose labels are escaped when the SVG is built).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { OUTCOMES, SEVERITIES, type Section } from '../findings/types';
import { LOCALE, type MessageKey } from '../i18n';
import { PROJECT_ROOT, TOOL_VERSION } from '../version';
import type { ChartSpec } from './charts/spec';
import { chartSvg } from './charts/svg';
import { networkDiagramSvg } from './charts/network-diagram';
import type { PackModel } from './model';

export const TEMPLATE_DIR = path.join(PROJECT_ROOT, 'templates');

interface Compiled {
  hbs: typeof Handlebars;
  pack: HandlebarsTemplateDelegate;
  css: string;
  js: string;
}

let compiled: Compiled | null = null;

function sha256b64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** Templates are compiled once per process; `t` is bound per render through the data frame. */
function load(): Compiled {
  if (compiled) return compiled;
  const read = (f: string) => readFileSync(path.join(TEMPLATE_DIR, f), 'utf8');
  const hbs = Handlebars.create();
  for (const p of ['control', 'passes', 'residency', 'virt', 'storage', 'quarterly', 'registers', 'network']) hbs.registerPartial(p, hbs.compile(read(`partials/${p}.hbs`), { strict: false }));
  hbs.registerHelper('single', (list: unknown) => Array.isArray(list) && list.length === 1);
  hbs.registerHelper('svgChart', (spec: ChartSpec | null) => (spec ? chartSvg(spec) : ''));
  hbs.registerHelper('many', (list: unknown) => Array.isArray(list) && list.length > 1);
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const t = (options.data?.root as { m: PackModel }).m.t;
    return t(key as MessageKey, options.hash as Record<string, string | number>);
  });
  compiled = { hbs, pack: hbs.compile(read('pack.hbs')), css: read('pack.css'), js: read('pack.js') };
  return compiled;
}

/** The CSP of the pack: nothing may load; only our own inline style and script run (pinned by hash). */
export function contentSecurityPolicy(css: string, js: string): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${sha256b64(js)}'`,
    `style-src 'sha256-${sha256b64(css)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderHtml(m: PackModel): string {
  const c = load();
  const t = m.t;
  const sectionsShown: Section[] = m.parts.flatMap((p) => p.sections.map((s) => s.id));
  const data = {
    m,
    htmlLang: LOCALE[m.lang],
    csp: contentSecurityPolicy(c.css, c.js),
    css: c.css,
    js: c.js,
    toolVersion: TOOL_VERSION,
    generatedBy: t('pack.generatedBy', { tool: 'residency-audit', version: TOOL_VERSION }),
    findingsTotal: m.totals.findings,
    summaryChart: chartSvg(m.summary.chart),
    outcomes: OUTCOMES.map((o) => ({ key: o, label: t(`outcome.${o}` as MessageKey) })),
    severities: SEVERITIES.map((s) => ({ key: s, label: t(`severity.${s}` as MessageKey) })),
    sections: sectionsShown.map((s) => ({ key: s, label: t(`section.${s}` as MessageKey) })),
    // Charts of the part views are drawn here, not in the model: the PDF draws the same specs as vectors.
    parts: m.parts.map((p) => ({
      ...p,
      // Contents entries under the part: the residency summary (when written), then the sections.
      toc: [...(p.residency && !p.residency.notAssessed ? [{ anchor: 'residency-summary', title: t('residency.summary.title') }] : []), ...p.sections.map((s) => ({ anchor: s.anchor, title: s.title }))],
      residency: p.residency && { ...p.residency, chartSvg: p.residency.chart ? chartSvg(p.residency.chart) : null },
      storage: p.storage && { ...p.storage, chartSvg: p.storage.chart ? chartSvg(p.storage.chart) : null },
      network: p.network && { ...p.network, diagramSvgs: p.network.diagrams.map((d) => networkDiagramSvg(d, { left: t('network.diagram.left'), right: t('network.diagram.right') })) },
    })),
  };
  return c.pack(data);
}
