import { cis } from '../docker/cis';
import { engineTarget, swarmActive } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  unknown: { en: 'Not evaluated: the engine did not report LiveRestoreEnabled.', nb: 'Ikke vurdert: motoren oppga ikke LiveRestoreEnabled.' },
  on: { en: 'Live restore is enabled.', nb: 'Live restore er slått på.' },
  offSwarm: {
    en: 'Live restore is off. Swarm mode is active: live restore only keeps standalone containers running, swarm reschedules service tasks itself, so on a node that runs only swarm services this can be acceptable; record that as a waiver.',
    nb: 'Live restore er slått av. Swarm-modus er aktiv: live restore holder bare frittstående containere i gang, og swarm planlegger tjenesteoppgavene på nytt selv, så på en node som bare kjører swarm-tjenester, kan dette være akseptabelt; registrer det i så fall som et unntak.',
  },
  off: {
    en: 'Live restore is off: restarting or upgrading the daemon stops every container.',
    nb: 'Live restore er slått av: omstart eller oppgradering av daemonen stopper alle containere.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.live-restore',
  title: { en: 'Live restore keeps containers running while the daemon restarts', nb: 'Live restore holder containere i gang mens daemonen starter på nytt' },
  section: 'daemon',
  severity: 'low',
  ...cis('2.15'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Info.LiveRestoreEnabled as the engine reports it. With swarm active the setting is still reported as it is (docker-bench passes it as "incompatible with swarm"), with the reason it may be acceptable.',
    nb: 'Info.LiveRestoreEnabled slik motoren oppgir den. Når swarm er aktiv, rapporteres innstillingen fortsatt som den er (docker-bench godkjenner den som "incompatible with swarm"), sammen med grunnen til at det kan være akseptabelt.',
  },
  rationale: {
    en: 'Live restore lets the daemon be upgraded or restarted without stopping containers, so security patches to the engine do not have to wait for a maintenance window.',
    nb: 'Med live restore kan daemonen oppgraderes eller startes på nytt uten at containerne stopper, så sikkerhetsoppdateringer av motoren ikke må vente på et vedlikeholdsvindu.',
  },
  remediation: {
    en: 'daemon.json: { "live-restore": true }, then `systemctl reload docker` (SIGHUP; no restart needed).',
    nb: 'daemon.json: { "live-restore": true }, deretter `systemctl reload docker` (SIGHUP; ingen omstart nødvendig).',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const on = docker.info.LiveRestoreEnabled;
    if (on === undefined) return [{ outcome: 'error', target, message: m('unknown') }];
    const swarm = swarmActive(docker);
    const observed = { LiveRestoreEnabled: on, swarm: docker.info.Swarm?.LocalNodeState ?? null };
    const expected = { LiveRestoreEnabled: true };
    if (on) return [{ outcome: 'pass', target, observed, expected, message: m('on') }];
    return [{ outcome: 'fail', target, observed, expected, message: m(swarm ? 'offSwarm' : 'off') }];
  },
});
