import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

/** `''`, `root`, `0`, `0:0`, `root:root`, `0:1000` all run the process as uid 0. */
export function runsAsRoot(user: string | undefined): boolean {
  const u = (user ?? '').trim().split(':')[0];
  return u === '' || u === 'root' || u === '0';
}

const m = templates({
  rootAsSet: { en: '{target} runs as root (User: {user}).', nb: '{target} kjører som root (User: {user}).' },
  rootUnset: { en: '{target} runs as root (no user set).', nb: '{target} kjører som root (ingen bruker er satt).' },
  user: { en: '{target} runs as {user}.', nb: '{target} kjører som {user}.' },
});

export default containerCheck({
  id: 'cis.container-user',
  title: { en: 'Containers run as a non-root user', nb: 'Containere kjører som en annen bruker enn root' },
  section: 'images',
  severity: 'medium',
  ...cis('4.1'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: "Config.User of every container (the image's USER unless --user overrode it): empty, root or uid 0 fails.",
    nb: 'Config.User i hver container (USER fra imaget, med mindre --user overstyrte det): tom, root eller uid 0 består ikke.',
  },
  rationale: {
    en: 'A process that is root inside the container is root on the host kernel unless user namespaces remap it; any escape then starts from root.',
    nb: 'En prosess som er root i containeren, er root overfor vertens kjerne med mindre brukernavnerom kobler den om; et utbrudd starter da fra root.',
  },
  remediation: {
    en: 'Add `RUN useradd -r -u 10001 app` and `USER 10001` to the Dockerfile, or run with --user 10001:10001 (compose: user: "10001:10001").',
    nb: 'Legg `RUN useradd -r -u 10001 app` og `USER 10001` inn i Dockerfile, eller kjør med --user 10001:10001 (compose: user: "10001:10001").',
  },
  judge: (c) => {
    const user = c.Config.User ?? '';
    const root = runsAsRoot(user);
    return {
      outcome: root ? 'fail' : 'pass',
      observed: { User: user },
      expected: { User: 'a non-root uid or user name' },
      message: root ? (user ? m('rootAsSet', { user }) : m('rootUnset')) : m('user', { user }),
      fix: { drop: ['--user'], add: [{ flag: '--user', value: '10001:10001' }] },
    };
  },
});
