/**
 * The host part's layer stack (hardware → hypervisor → kernel → container runtime) with the
 * evidence for each layer, read from the virt evidence's renderable `layers`.
 */
import type { MessageKey, Translate } from '../../i18n';
import { visible } from '../format';
import type { RenderInput } from '../types';

export interface VirtView {
  notAssessed: string | null;
  kernel: string | null;
  /** One sentence from the evidence on why the kernel verdict is what it is. */
  kernelReason: string | null;
  layers: { layer: string; name: string; evidence: string; note: string | null }[];
  notes: string[];
}

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

const LAYER_KEYS = new Set(['hardware', 'hypervisor', 'kernel', 'container-runtime', 'container']);
const KERNEL_KEYS = new Set(['dedicated', 'shared', 'sandboxed', 'unknown']);

export function virtView(t: Translate, input: RenderInput): VirtView {
  const file = input.evidence.virt;
  const data = file && file.status !== 'failed' && file.status !== 'skipped' ? rec(file.data) : null;
  if (!data) {
    const reason = file ? visible(file.error ?? t(`status.${file.status}` as MessageKey)) : t('scope.collectorMissing', { collector: t('collector.virt.name'), what: t('collector.virt.subject') });
    return { notAssessed: reason, kernel: null, kernelReason: null, layers: [], notes: [] };
  }
  const kernelKey = str(data.kernel);
  const kernel = kernelKey && KERNEL_KEYS.has(kernelKey) ? t('virt.kernel', { kernel: t(`virt.kernel.${kernelKey}` as MessageKey) }) : null;
  const layers = (Array.isArray(data.layers) ? data.layers : [])
    .map(rec)
    .filter((l): l is Record<string, unknown> => !!l)
    .map((l) => {
      const key = str(l.layer) ?? '?';
      return {
        layer: LAYER_KEYS.has(key) ? t(`virt.layer.${key}` as MessageKey) : visible(key),
        name: visible(str(l.name) ?? '—'),
        evidence: (Array.isArray(l.evidence) ? l.evidence : []).filter((x): x is string => typeof x === 'string').map(visible).join('; ') || '—',
        note: str(l.note) ? visible(str(l.note)!) : null,
      };
    });
  const notes: string[] = [];
  const facts = Array.isArray(data.facts) ? data.facts.filter((x): x is string => typeof x === 'string') : [];
  notes.push(t('virt.facts', { facts: facts.length ? facts.map(visible).join(', ') : t('control.none') }));
  if (str(data.provider)) notes.push(t('virt.provider', { provider: visible(str(data.provider)!) }));
  for (const u of Array.isArray(data.unconfirmed) ? data.unconfirmed : []) {
    const r = rec(u);
    if (r && str(r.reason)) notes.push(visible(str(r.reason)!));
  }
  for (const m of Array.isArray(data.missing) ? data.missing : []) if (typeof m === 'string') notes.push(visible(m));
  return { notAssessed: null, kernel, kernelReason: str(data.kernelReason) ? visible(str(data.kernelReason)!) : null, layers, notes };
}
