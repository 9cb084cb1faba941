/**
 * The fleet pack as one self-contained, offline HTML file. The summary (hosts × sections, transfer
 * register, collection service) is rendered here; each host's part is built in the browser when it is
 * opened, from data embedded once as JSON, so 50 hosts × 100 containers stay usable. A CSP allows only
 * the inline style and script below (by hash) and no request of any kind.
 */
import { createHash } from 'node:crypto';
import type { Outcome } from '../../findings/types';
import type { FleetHostRow, FleetSummary } from '../../findings/fleet';
import { TOOL_VERSION } from '../../version';
import { FLEET_CSS, FLEET_JS } from './assets';
import { controlTitle, hostPart, ownPack, type FleetRenderInput } from './model';
import { fillHtml, FleetText, RANKED, SHOWN } from './text';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

function b64sha(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

/** JSON that is safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** `<span class="fail">ikke bestått 3</span> …` for each of the given outcomes that has a count ('' when none has). */
function countSpans(ft: FleetText, counts: Partial<Record<Outcome, number>>, outcomes: readonly Outcome[] = SHOWN): string {
  return outcomes.filter((o) => counts[o]).map((o) => `<span class="${o}">${esc(ft.outcome(o))} ${ft.int(counts[o]!)}</span>`).join(' ');
}

function countsCell(ft: FleetText, counts: Partial<Record<Outcome, number>> | undefined): string {
  if (!counts) return '<td class="muted">–</td>';
  return `<td>${countSpans(ft, counts) || `<span class="muted">${esc(ft.t('fleet.none'))}</span>`}</td>`;
}

/** Long "why not" texts are shown once, under the table, and referenced by number. */
class Notes {
  readonly list: string[] = [];
  ref(text: string): string {
    let i = this.list.indexOf(text);
    if (i < 0) i = this.list.push(text) - 1;
    return `<sup>[${i + 1}]</sup>`;
  }
  html(): string {
    return this.list.length ? `<ol class="muted">${this.list.map((t) => `<li>${esc(t)}</li>`).join('')}</ol>` : '';
  }
}

function hostRow(ft: FleetText, h: FleetHostRow, notes: Notes): string {
  const t = ft.t;
  if (h.status !== 'collected') return `<tr class="nc"><td><b>${esc(h.name)}</b></td><td colspan="7"><span class="fail">${esc(t('fleet.notCollected'))}</span>: ${esc(h.reason ?? t('fleet.noReason'))}</td></tr>`;
  const kernel = h.virt.kernel ? `; ${fillHtml(ft, 'fleet.kernel', { kernel: `<b>${esc(ft.kernel(h.virt.kernel))}</b>` }, esc)}` : '';
  const virt = h.virt.notAssessed ? `<span class="muted">${esc(t('fleet.notAssessed'))}</span>${notes.ref(ft.virt(h.virt))}` : esc(ft.virt(h.virt));
  const storage = h.storage.notAssessed ? `<span class="muted">${esc(t('fleet.notMeasured'))}</span>${notes.ref(ft.storage(h.storage))}` : esc(ft.storage(h.storage));
  const scope = h.scope === 'engine-api-only' ? ` <span class="tag">${esc(t('fleet.engineApiOnly'))}</span>` : '';
  const node = h.node ? `${esc(h.node.role)}, ${esc(h.node.address ?? '')}, Docker ${esc(h.node.engineVersion ?? '?')}` : '';
  return `<tr><td><b>${esc(h.name)}</b>${scope}</td><td>${node}</td>${countsCell(ft, h.counts ?? undefined)}<td class="n">${ft.score(h.scores.cis)}</td><td class="n">${ft.score(h.scores.residency)}</td><td class="n">${ft.score(h.scores.network)}</td><td>${virt}${kernel}</td><td>${storage}</td></tr>`;
}

function sectionRow(ft: FleetText, h: FleetHostRow, sections: readonly string[]): string {
  if (h.status !== 'collected') return `<tr class="nc"><td><b>${esc(h.name)}</b></td><td colspan="${sections.length}" class="muted">${esc(ft.t('fleet.notCollected'))}</td></tr>`;
  const cells = sections.map((sec) => {
    const c = h.sections[sec as keyof FleetHostRow['sections']];
    if (!c) return '<td class="muted">–</td>';
    const parts = SHOWN.filter((o) => c.counts[o]).map((o) => `<span class="${o}" title="${esc(ft.outcome(o))}">${ft.int(c.counts[o])}</span>`);
    return `<td>${parts.join('/') || '–'} <span class="muted">· ${ft.score(c.score)}</span></td>`;
  });
  return `<tr><td><b>${esc(h.name)}</b></td>${cells.join('')}</tr>`;
}

const th = (labels: string[]) => `<thead><tr>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead>`;

export function renderFleetHtml(input: FleetRenderInput): string {
  const s: FleetSummary = input.summary;
  const ft = new FleetText(input.lang);
  const t = ft.t;
  const notes = new Notes();
  const usedSections = s.sections.filter((sec) => s.hosts.some((h) => h.sections[sec]));
  const data: { labels: Record<string, unknown>; hosts: Record<string, { controls: unknown[] }> } = { labels: ft.scriptLabels(), hosts: {} };
  for (const h of input.hosts) {
    if (!h.findings) continue;
    const part = hostPart(h.folder, h.findings, input.lang);
    data.hosts[h.folder] = { controls: part.controls.map((c) => [c.control, c.title, c.section, ft.severity(c.severity), c.counts, c.targets]) };
  }
  const docs = input.hosts.map((h) => h.findings);
  const csp = ["default-src 'none'", `script-src 'sha256-${b64sha(FLEET_JS)}'`, `style-src 'sha256-${b64sha(FLEET_CSS)}'`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  const totals = countSpans(ft, s.totals.counts, RANKED);
  const transfer = s.transfers.length
    ? `<table>${th([t('fleet.col.destination'), t('fleet.col.country'), t('fleet.col.jurisdiction'), t('fleet.col.basis'), t('fleet.col.outcome'), t('fleet.col.sendingHosts')])}<tbody>${s.transfers
        .map((x) => `<tr><td>${esc(x.destination)}</td><td>${esc(x.country ?? '?')}</td><td>${esc(ft.jurisdiction(x.jurisdiction))}</td><td>${esc(x.transferBasis ?? '–')}</td><td class="${x.outcome}">${esc(ft.outcome(x.outcome))}</td><td>${x.hosts.map((h) => `<div><b>${esc(h.host)}</b> <span class="${h.outcome}">${esc(ft.outcome(h.outcome))}</span>: ${esc(h.foundIn.join('; '))}</div>`).join('')}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p class="muted">${esc(t('fleet.transfers.none'))}</p>`;
  const svc = s.collector.service;
  const service = svc
    ? `<p>${fillHtml(ft, 'fleet.service', { name: `<b>${esc(svc.name)}</b>`, mode: esc(svc.mode), image: esc(svc.image), api: esc(svc.apiVersion ?? '?'), removed: svc.removed ? esc(t('fleet.service.removed')) : `<span class="fail">${esc(t('fleet.service.notRemoved', { error: svc.removeError ?? '' }))}</span>`, args: `<code>${esc(svc.args.join(' '))}</code>` }, esc)}</p>
<table>${th([t('fleet.col.setting'), t('fleet.col.stored'), t('fleet.col.inForce')])}<tbody>${svc.settings.map((x) => `<tr><td>${esc(ft.setting(x.key))}</td><td><code>${esc(JSON.stringify(x.value))}</code></td><td class="${x.applied ? 'pass' : 'fail'}">${esc(x.applied ? t('fleet.yes') : x.note ? t('fleet.noBecause', { note: x.note }) : t('fleet.no'))}</td></tr>`).join('')}</tbody></table>
<h3>${esc(t('fleet.service.checks'))}</h3>${s.collector.checks.length ? `<table>${th([t('fleet.col.control'), t('fleet.col.check'), t('fleet.col.outcomePerHost')])}<tbody>${s.collector.checks.map((c) => `<tr><td>${esc(c.control)}</td><td>${esc(controlTitle(docs, c.control, input.lang, c.title))}</td><td>${c.outcomes.map((o) => `<span class="${o.outcome}">${esc(o.host)}: ${esc(ft.outcome(o.outcome))}</span>`).join('<br>')}</td></tr>`).join('')}</tbody></table>` : `<p class="muted">${esc(t('fleet.service.noTask'))}</p>`}`
    : `<p class="muted">${esc(t('fleet.inventory'))}</p>`;
  const parts = s.hosts
    .map((h) => {
      const head = `${esc(h.name)} — ${h.status === 'collected' ? esc(ft.counts(h.counts)) : esc(t('fleet.notCollectedBecause', { reason: h.reason ?? '' }))}`;
      const own = ownPack(input, h);
      const files = own ? [`<code>hosts/${esc(own.html ?? own.findings)}</code>`, ...(own.pdf ? [`<code>hosts/${esc(own.pdf)}</code>`] : [])].join(', ') : '';
      const gaps = h.gaps.length ? ` ${esc(t('fleet.gaps', { list: h.gaps.map((g) => ft.gap(g)).join('; ') }))}` : '';
      const links = own ? `<p>${fillHtml(ft, 'fleet.ownPack', { files }, esc)}${gaps}</p>` : '';
      return `<details class="host" id="host-${esc(h.folder)}"><summary>${head}</summary>${links}<div class="part" data-host="${esc(h.folder)}"></div></details>`;
    })
    .join('\n');
  const title = esc(t('fleet.title', { hosts: ft.int(s.totals.hosts) }));
  const intro = fillHtml(ft, 'fleet.intro', {
    collected: esc(t('fleet.collectedCount', { n: ft.int(s.totals.collected) })),
    notCollected: `<span class="${s.totals.notCollected ? 'fail' : 'muted'}">${esc(t('fleet.notCollectedCount', { n: ft.int(s.totals.notCollected) }))}</span>`,
    collectedAt: esc(ft.when(s.collectedAt)),
    mode: esc(t(s.mode !== 'swarm' ? 'fleet.mode.inventory' : s.collector.service?.mode === 'global' ? 'fleet.mode.swarmGlobal' : 'fleet.mode.swarm')),
    evaluatedAt: esc(ft.when(s.evaluatedAt)),
    version: esc(TOOL_VERSION),
    totals,
  }, esc);
  const legend = SHOWN.map((o) => `<span class="${o}">${esc(ft.outcome(o))}</span>`).join('/');
  return `<!DOCTYPE html>
<html lang="${ft.locale}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${esc(csp)}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${FLEET_CSS}</style></head>
<body><header><h1>${title}</h1><p>${intro}</p></header>
<main><h2>${esc(t('fleet.hosts'))}</h2><p class="muted">${esc(t('fleet.scoresNote'))}</p>
<table>${th([t('fleet.col.host'), t('fleet.col.node'), t('fleet.col.findings'), 'CIS', t('fleet.col.residency'), t('fleet.col.network'), t('fleet.col.virt'), t('fleet.col.storage')])}<tbody>${s.hosts.map((h) => hostRow(ft, h, notes)).join('')}</tbody></table>${notes.html()}
<h2>${esc(t('fleet.sections'))}</h2><p class="muted">${fillHtml(ft, 'fleet.sections.note', { outcomes: legend }, esc)}</p>
<table><thead><tr><th>${esc(t('fleet.col.host'))}</th>${usedSections.map((x) => `<th title="${esc(ft.sectionName(x))}">${esc(ft.section(x))}</th>`).join('')}</tr></thead><tbody>${s.hosts.map((h) => sectionRow(ft, h, usedSections)).join('')}</tbody></table>
<h2>${esc(t('fleet.transfers'))}</h2>${transfer}
<h2>${esc(t('fleet.collection'))}</h2>${service}
<h2>${esc(t('fleet.hosts'))}</h2><noscript><p>${esc(t('fleet.noscript'))}</p></noscript>
${parts}
</main><script type="application/json" id="fleet-data">${scriptJson(data)}</script><script>${FLEET_JS}</script></body></html>
`;
}
