import { isSecretName, REDACTED } from '../../evidence/redact';
import { cis } from '../docker/cis';
import { historySteps } from '../docker/images';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';
import { templates } from '../text';

/** Names that look secret but hold public or indirect values (official images set GPG_KEY; *_FILE points at a secret file). */
const NOT_SECRET = /(^|_)(GPG|PGP)_KEYS?$|PUBLIC_KEY|_FILE$|_PATH$|_DIR$/i;

/**
 * Whether the collector redacted a credential in a build step. Evidence keeps no ENV/ARG value of a
 * history line (`ENV GOSU_VERSION=[redacted]`), so a marker after a non-secret variable name is policy,
 * not a finding; any other marker (a secret-named variable, a flag value, a URL query credential, a token) is.
 */
export function stepHasCredential(step: string): boolean {
  for (let i = step.indexOf(REDACTED); i >= 0; i = step.indexOf(REDACTED, i + 1)) {
    const variable = /(?:^|[\s|])([A-Za-z_][A-Za-z0-9_]*)=["']?$/.exec(step.slice(0, i));
    if (!variable || (isSecretName(variable[1]) && !NOT_SECRET.test(variable[1]))) return true;
  }
  return false;
}

const m = templates({
  envAndSteps: {
    en: '{image} carries secrets in its metadata: ENV {names} and {steps} build step(s) with a credential.',
    nb: '{image} har hemmeligheter i metadataene: ENV {names} og {steps} byggetrinn med påloggingsopplysninger.',
  },
  env: { en: '{image} carries secrets in its metadata: ENV {names}.', nb: '{image} har hemmeligheter i metadataene: ENV {names}.' },
  steps: {
    en: '{image} carries secrets in its metadata: {steps} build step(s) with a credential.',
    nb: '{image} har hemmeligheter i metadataene: {steps} byggetrinn med påloggingsopplysninger.',
  },
  clean: {
    en: "No secret-looking ENV or build argument in {image}'s metadata; its layer contents still need a secret scan.",
    nb: 'Ingen ENV eller byggeargumenter som ligner hemmeligheter i metadataene til {image}; innholdet i lagene må likevel skannes etter hemmeligheter.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.no-secrets-in-images',
  title: { en: 'Images carry no secrets in their configuration or build steps', nb: 'Images har ingen hemmeligheter i konfigurasjonen eller byggetrinnene' },
  section: 'images',
  severity: 'high',
  ...cis('4.10'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Looks at image metadata only: ENV names that name a secret (PASSWORD, TOKEN, API_KEY, ...) with a value, and build steps in which the collector redacted a credential (secret-named variable, password flag, query credential, token; other values are never kept, and URL user-info is dropped unseen). A clean result still needs a person or a layer scanner (trivy, Dockle) for files inside layers.',
    nb: 'Ser bare på metadataene til images: ENV-navn som betegner en hemmelighet (PASSWORD, TOKEN, API_KEY, ...) og har en verdi, og byggetrinn der innsamleren fjernet påloggingsopplysninger (variabel med hemmelighetsnavn, passordflagg, påloggingsdata i en URL-spørring, token; andre verdier lagres aldri, og brukerdelen av en URL fjernes uten spor). Et rent resultat krever likevel en person eller en lagskanner (trivy, Dockle) for filene inne i lagene.',
  },
  rationale: {
    en: 'Anything in an image is readable by everyone who can pull it, and stays in its layers even when a later step deletes it.',
    nb: 'Alt i et image kan leses av alle som kan hente det, og blir liggende i lagene selv når et senere trinn sletter det.',
  },
  remediation: {
    en: 'Pass secrets at run time (--secret with BuildKit for builds, docker secrets or a vault at run time); remove the ENV/ARG and rebuild; rotate the exposed secret.',
    nb: 'Gi hemmeligheter ved kjøring (--secret med BuildKit ved bygging, docker secrets eller et hvelv ved kjøring); fjern ENV/ARG og bygg på nytt; bytt ut hemmeligheten som er eksponert.',
  },
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      const image = target.name;
      const envNames = (img.Config?.Env ?? [])
        .map((e) => e.split('=', 2))
        .filter(([name, value]) => isSecretName(name) && !NOT_SECRET.test(name) && value !== undefined && value !== '')
        .map(([name]) => name);
      const steps = historySteps(img).filter(stepHasCredential);
      const observed = { secretEnvNames: envNames, stepsWithCredentials: steps.map((s) => s.slice(0, 160)) };
      if (envNames.length || steps.length) {
        const message = envNames.length && steps.length
          ? m('envAndSteps', { image, names: envNames, steps: steps.length })
          : envNames.length ? m('env', { image, names: envNames }) : m('steps', { image, steps: steps.length });
        return { outcome: 'fail' as const, target, observed, expected: { secrets: 'none' }, message };
      }
      return { outcome: 'manual' as const, target, observed, expected: { secrets: 'none' }, message: m('clean', { image }) };
    }),
});
