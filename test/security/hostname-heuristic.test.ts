/**
 * A value that only might be a host name is never an endpoint (never resolved, never located) unless it
 * stands in an address position; host and port of URLs always are.
 */
import { strict as assert } from 'node:assert';
import { findAddresses } from '../../src/residency/address-text';
import { discoverEndpoints } from '../../src/residency/discover';
import { container, dockerEvidence } from '../residency/support/fixtures';

const DOTTED_SECRET = 'quartz.violet.marmot.tundra';

describe('security: a dotted word is not taken for a host name outside address positions', () => {
  it('finds bare names only after an address key in free text', () => {
    const hosts = (t: string) => findAddresses(t, { bareNames: false }).map((a) => a.host);
    assert.deepEqual(hosts(`--seed ${DOTTED_SECRET}`), []);
    assert.deepEqual(hosts(`--host db.example.com`), ['db.example.com']);
    assert.deepEqual(hosts(`mysql -h db.example.com -u root`), ['db.example.com']);
    assert.deepEqual(hosts(`SERVER=smtp.example.com`), ['smtp.example.com']);
    assert.deepEqual(hosts('Host(`shop.example.no`)'), ['shop.example.no']);
    assert.deepEqual(hosts(`echo ${DOTTED_SECRET} https://api.example.com:8443/x cache.example.com:6379 192.0.2.1`), ['api.example.com', 'cache.example.com', '192.0.2.1']);
  });

  it('discovers no endpoint from a dotted word in env, labels, commands or volume options, and keeps every address position', () => {
    const docker = dockerEvidence(
      [
        container('app', {
          Config: {
            Env: [`APP_SEED=${DOTTED_SECRET}`, 'DB_HOST=db.example.com', 'DATABASE_URL=postgres://pg.example.com:5432'],
            Labels: { 'com.example.seed': DOTTED_SECRET, 'com.example.upstream-url': 'up.example.com', 'traefik.http.routers.a.rule': 'Host(`shop.example.no`)' },
            Cmd: ['app', '--seed', DOTTED_SECRET, '--host', 'cmd.example.com', `--salt=${DOTTED_SECRET}`, '--server=srv.example.com'],
          },
        }),
      ],
      [{ Name: 'v', Driver: 'x/driver', Options: { note: DOTTED_SECRET, server: 'files.example.com' } }],
    );
    const hosts = discoverEndpoints({ docker }).map((e) => e.host);
    assert.ok(!hosts.includes(DOTTED_SECRET), hosts.join(', '));
    for (const h of ['db.example.com', 'pg.example.com', 'up.example.com', 'shop.example.no', 'cmd.example.com', 'srv.example.com', 'files.example.com']) assert.ok(hosts.includes(h), `${h} in ${hosts.join(', ')}`);
  });
});
