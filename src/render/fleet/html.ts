/**
 * The fleet pack as one self-contained, offline HTML file. The summary (hosts × sections, transfer
 * register, collection service) is rendered here; each host's part is built in the browser when it is
 * opened, from data embedded once as JSON, so 50 hosts × 100 containers stay usable. A CSP allows only
 * the inline style and script below (by hash) and no request of any kind.
 */
import { createHash } from 'node:crypto';
import { OUTCOMES, type Outcome } from '../../findings/types';
import type { FleetHostRow, FleetSummary } from '../../findings/fleet';
import { TOOL_VERSION } from '../../version';
import { FLEET_CSS, FLEET_JS } from './assets';
import { hostPart, type FleetRenderInput } from './model';

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

const SHOWN: Outcome[] = ['fail', 'error', 'warn', 'manual', 'pass'];

function score(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : String(v);
}

function countsCell(counts: Partial<Record<Outcome, number>> | undefined): string {
  if (!counts) return '<td class="muted">–</td>';
  const parts = SHOWN.filter((o) => counts[o]).map((o) => `<span class="${o}">${o} ${counts[o]}</span>`);
  return `<td>${parts.join(' ') || '<span class="muted">none</span>'}</td>`;
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

function hostRow(h: FleetHostRow, notes: Notes): string {
  if (h.status !== 'collected') return `<tr class="nc"><td><b>${esc(h.name)}</b></td><td colspan="7"><span class="fail">not collected</span>: ${esc(h.reason ?? 'no reason recorded')}</td></tr>`;
  const virt = h.virt.notAssessed ? `<span class="muted">not assessed</span>${notes.ref(h.virt.notAssessed)}` : esc(h.virt.verdict ?? '');
  const storage = h.storage.notAssessed ? `<span class="muted">not measured</span>${notes.ref(h.storage.notAssessed)}` : esc(h.storage.label ?? h.storage.class);
  const scope = h.scope === 'engine-api-only' ? ' <span class="tag">engine API only</span>' : '';
  const node = h.node ? `${esc(h.node.role)}, ${esc(h.node.address ?? '')}, Docker ${esc(h.node.engineVersion ?? '?')}` : '';
  return `<tr><td><b>${esc(h.name)}</b>${scope}</td><td>${node}</td>${countsCell(h.counts ?? undefined)}<td class="n">${score(h.scores.cis)}</td><td class="n">${score(h.scores.residency)}</td><td class="n">${score(h.scores.network)}</td><td>${virt}${h.virt.kernel ? `; kernel <b>${esc(h.virt.kernel)}</b>` : ''}</td><td>${storage}</td></tr>`;
}

function sectionRow(h: FleetHostRow, sections: readonly string[]): string {
  if (h.status !== 'collected') return `<tr class="nc"><td><b>${esc(h.name)}</b></td><td colspan="${sections.length}" class="muted">not collected</td></tr>`;
  const cells = sections.map((sec) => {
    const c = h.sections[sec as keyof FleetHostRow['sections']];
    if (!c) return '<td class="muted">–</td>';
    const parts = SHOWN.filter((o) => c.counts[o]).map((o) => `<span class="${o}" title="${o}">${c.counts[o]}</span>`);
    return `<td>${parts.join('/') || '–'} <span class="muted">· ${score(c.score)}</span></td>`;
  });
  return `<tr><td><b>${esc(h.name)}</b></td>${cells.join('')}</tr>`;
}

export function renderFleetHtml(input: FleetRenderInput): string {
  const s: FleetSummary = input.summary;
  const notes = new Notes();
  const usedSections = s.sections.filter((sec) => s.hosts.some((h) => h.sections[sec]));
  const data: { hosts: Record<string, { controls: unknown[] }> } = { hosts: {} };
  for (const h of input.hosts) {
    if (!h.findings) continue;
    const part = hostPart(h.folder, h.findings, input.lang);
    data.hosts[h.folder] = { controls: part.controls.map((c) => [c.control, c.title, c.section, c.severity, c.counts, c.targets]) };
  }
  const csp = ["default-src 'none'", `script-src 'sha256-${b64sha(FLEET_JS)}'`, `style-src 'sha256-${b64sha(FLEET_CSS)}'`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  const totals = OUTCOMES.filter((o) => s.totals.counts[o]).map((o) => `<span class="${o}">${o} ${s.totals.counts[o]}</span>`).join(' ');
  const transfer = s.transfers.length
    ? `<table><thead><tr><th>destination</th><th>country</th><th>jurisdiction</th><th>transfer basis</th><th>outcome</th><th>hosts sending there (where found)</th></tr></thead><tbody>${s.transfers
        .map((t) => `<tr><td>${esc(t.destination)}</td><td>${esc(t.country ?? '?')}</td><td>${esc(t.jurisdiction)}</td><td>${esc(t.transferBasis ?? '–')}</td><td class="${t.outcome}">${t.outcome}</td><td>${t.hosts.map((h) => `<div><b>${esc(h.host)}</b> <span class="${h.outcome}">${h.outcome}</span>: ${esc(h.foundIn.join('; '))}</div>`).join('')}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="muted">No endpoint outside the hosts themselves was found on any collected host.</p>';
  const svc = s.collector.service;
  const service = svc
    ? `<p>Service <b>${esc(svc.name)}</b> (${esc(svc.mode)}, image ${esc(svc.image)}, engine API ${esc(svc.apiVersion ?? '?')}), ${svc.removed ? 'removed after the run' : `<span class="fail">not removed: ${esc(svc.removeError ?? '')}</span>`}. Each task ran <code>${esc(svc.args.join(' '))}</code>.</p>
<table><thead><tr><th>setting</th><th>as the engine stored it</th><th>in force</th></tr></thead><tbody>${svc.settings.map((x) => `<tr><td>${esc(x.key)}</td><td><code>${esc(JSON.stringify(x.value))}</code></td><td class="${x.applied ? 'pass' : 'fail'}">${x.applied ? 'yes' : `no${x.note ? `: ${esc(x.note)}` : ''}`}</td></tr>`).join('')}</tbody></table>
<h3>Our container checks on the collection task's own container</h3>${s.collector.checks.length ? `<table><thead><tr><th>control</th><th>check</th><th>outcome per host</th></tr></thead><tbody>${s.collector.checks.map((c) => `<tr><td>${esc(c.control)}</td><td>${esc(c.title)}</td><td>${c.outcomes.map((o) => `<span class="${o.outcome}">${esc(o.host)}: ${o.outcome}</span>`).join('<br>')}</td></tr>`).join('')}</tbody></table>` : '<p class="muted">The task container was not in any host\'s docker evidence.</p>'}`
    : '<p class="muted">Collected over the Engine API of each host (inventory): no collection service ran.</p>';
  const parts = s.hosts
    .map((h) => {
      const head = `${esc(h.name)} — ${h.status === 'collected' ? `${SHOWN.filter((o) => h.counts?.[o]).map((o) => `${o} ${h.counts![o]}`).join(', ')}` : `not collected: ${esc(h.reason ?? '')}`}`;
      const links = h.pack ? `<p>Own pack: <code>hosts/${esc(h.pack.html ?? h.pack.findings)}</code>${h.pack.pdf ? `, <code>hosts/${esc(h.pack.pdf)}</code>` : ''}. ${h.gaps.length ? `Gaps: ${h.gaps.map((g) => `${esc(g.collector)} ${esc(g.status)} (${esc(g.reason)})`).join('; ')}` : ''}</p>` : '';
      return `<details class="host" id="host-${esc(h.folder)}"><summary>${head}</summary>${links}<div class="part" data-host="${esc(h.folder)}"></div></details>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${input.lang === 'nb' ? 'nb-NO' : 'en-GB'}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${esc(csp)}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Fleet audit pack: ${s.totals.hosts} hosts</title><style>${FLEET_CSS}</style></head>
<body><header><h1>Fleet audit pack: ${s.totals.hosts} hosts</h1><p>${s.totals.collected} collected, <span class="${s.totals.notCollected ? 'fail' : 'muted'}">${s.totals.notCollected} not collected</span>; collected ${esc(s.collectedAt)} (${s.mode === 'swarm' ? 'Docker Swarm global job' : 'inventory, over each Engine API'}), evaluated ${esc(s.evaluatedAt)} by residency-audit ${esc(TOOL_VERSION)}. Findings over all hosts: ${totals}.</p></header>
<main><h2>Hosts</h2><p class="muted">Scores (0–100) are per framework and never blended: CIS (container hardening), GDPR Chapter V (residency) and network are separate columns.</p>
<table><thead><tr><th>host</th><th>node</th><th>findings</th><th>CIS</th><th>residency</th><th>network</th><th>virtualization</th><th>storage class</th></tr></thead><tbody>${s.hosts.map((h) => hostRow(h, notes)).join('')}</tbody></table>${notes.html()}
<h2>Hosts × sections</h2><p class="muted">Per section: counts of <span class="fail">fail</span>/<span class="error">error</span>/<span class="warn">warn</span>/<span class="manual">manual</span>/<span class="pass">pass</span> (only those present), then the section score.</p>
<table><thead><tr><th>host</th>${usedSections.map((x) => `<th>${esc(x)}</th>`).join('')}</tr></thead><tbody>${s.hosts.map((h) => sectionRow(h, usedSections)).join('')}</tbody></table>
<h2>Transfer register (fleet-wide)</h2>${transfer}
<h2>Collection</h2>${service}
<h2>Hosts</h2><noscript><p>The host parts need JavaScript; each host's own pack is in its folder under hosts/.</p></noscript>
${parts}
</main><script type="application/json" id="fleet-data">${scriptJson(data)}</script><script>${FLEET_JS}</script></body></html>
`;
}
