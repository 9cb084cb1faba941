import { strict as assert } from 'node:assert';
import { ConfigFileError, parseConfig } from '../../../src/config/load';

describe('config network.publicPorts', () => {
  it('reads declared public ports, with "8080/tcp" as well as 8080', () => {
    const c = parseConfig('network:\n  publicPorts:\n    - { container: web, port: 443 }\n    - { container: api, port: "8080/tcp" }\n', 'audit.yaml');
    assert.deepEqual(c.network, { publicPorts: [{ container: 'web', port: 443 }, { container: 'api', port: 8080, proto: 'tcp' }] });
  });

  it('names the problem in bad input', () => {
    const bad = (text: string, re: RegExp) => assert.throws(() => parseConfig(text, 'audit.yaml'), (e: Error) => e instanceof ConfigFileError && re.test(e.message));
    bad('network: [1]\n', /"network" must be a mapping/);
    bad('network:\n  ports: []\n', /unknown key "network.ports"/);
    bad('network:\n  publicPorts: { web: 1 }\n', /"network.publicPorts" must be a list/);
    bad('network:\n  publicPorts:\n    - { port: 80 }\n', /publicPorts\[0\]: "container" is required/);
    bad('network:\n  publicPorts:\n    - { container: web, port: 99999 }\n', /"port" must be a host port number 1-65535/);
    bad('network:\n  publicPorts:\n    - { container: web, port: 80, proto: icmp }\n', /"proto" must be tcp, udp or sctp/);
  });
});
