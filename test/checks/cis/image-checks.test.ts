import { strict as assert } from 'node:assert';
import { stepHasCredential } from '../../../src/checks/cis/4.10-no-secrets-in-images';
import { scrubHistoryLine } from '../../../src/evidence/redact';
import { dockerEvidence, loaded, run } from './fixtures';

/** An image as the collector stores it: history lines pass through the same redaction. */
function withHistory(lines: string[]) {
  return loaded(dockerEvidence([], (d) => {
    d.images = d.images.map((img) => ({ ...img, History: lines.map((l) => ({ CreatedBy: scrubHistoryLine(l) })) }));
  }));
}

describe('section 4 image checks', () => {
  // The history of the official redis and postgres images, shortened.
  const official = [
    '/bin/sh -c #(nop)  ENV GOSU_VERSION=1.17',
    '/bin/sh -c #(nop)  ENV REDIS_DOWNLOAD_SHA=2d4f2e8a0e2c4b0f5d8f6d3e9a1c7b5e3f2a1d0c9b8a7f6e5d4c3b2a1f0e9d8c',
    'RUN |1 GPG_KEY=B26995E310250568 /bin/sh -c set -eux; gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$GPG_KEY"',
    '/bin/sh -c #(nop)  ENV PATH=/usr/local/bin:/usr/bin',
  ];

  it('4.10 does not fail an image whose ordinary ENV/ARG values the collector left out', () => {
    // The collector keeps no variable's value: the markers are there, and they are not credentials.
    assert.ok(official.map(scrubHistoryLine).every((l) => l.includes('[redacted]') || !l.includes('=')));
    const [f] = run('cis.no-secrets-in-images', withHistory(official));
    assert.equal(f.outcome, 'manual', f.message.en);
    assert.deepEqual((f.observed as { stepsWithCredentials: string[] }).stepsWithCredentials, []);
  });

  it('4.10 fails each build step with a credential: secret-named variable, password flag, credential in a URL query', () => {
    const bad = [
      '/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2-for-real',
      'RUN /bin/sh -c mysql -u root -p s3cretvalue -e "select 1"',
      'RUN /bin/sh -c wget "https://files.example.net/a.tgz?sig=abcdef0123456789abcdef"',
    ];
    const [f] = run('cis.no-secrets-in-images', withHistory([...official, ...bad]));
    assert.equal(f.outcome, 'fail');
    assert.equal((f.observed as { stepsWithCredentials: string[] }).stepsWithCredentials.length, bad.length, JSON.stringify(f.observed));
    assert.ok(!JSON.stringify(f).includes('hunter2') && !JSON.stringify(f).includes('s3cretvalue'));
    // A URL's user-info is dropped by the collector without a trace, so such a step is not seen here (the layer scan is).
    const [url] = run('cis.no-secrets-in-images', withHistory(['RUN /bin/sh -c curl -fsSL https://deploy:tok3n-value@git.example.net/r.tgz']));
    assert.equal(url.outcome, 'manual');
  });

  it('stepHasCredential reads the marker position', () => {
    assert.equal(stepHasCredential('ENV NODE_VERSION=[redacted]'), false);
    assert.equal(stepHasCredential('ENV API_TOKEN=[redacted]'), true);
    assert.equal(stepHasCredential('RUN redis-cli -a [redacted] ping'), true);
    assert.equal(stepHasCredential('RUN app --password=[redacted]'), true);
    assert.equal(stepHasCredential('RUN echo ok'), false);
  });
});
