/**
 * The one list of key names that carry secrets, and the one list of key names that carry addresses.
 * A "key" is an env name, a label or option key, a JSON key, a URL query parameter, a header name or a
 * command-line flag. Names are split into words (`MYSQL_ROOT_PASSWORD`, `apiKey`, `X-Amz-Signature`,
 * `--http-password`) and judged on those words, so `KEYBOARD` or `tlskey` are not secrets but `DB_PASS` is.
 */

/** Words that make a name secret wherever they stand in it. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pass', 'passphrase', 'pwd', 'pw', 'psk', 'secret', 'secrets', 'token', 'tokens', 'apikey',
  'credential', 'credentials', 'creds', 'cred', 'auth', 'authorization', 'authtoken', 'bearer', 'jwt', 'cookie', 'cookies',
  'session', 'sessionid', 'sid', 'signature', 'sig', 'salt', 'hmac', 'otp', 'key', 'keys', 'privkey', 'privatekey',
  'accesskey', 'secretkey', 'apitoken', 'username', 'user', 'login', 'sas', 'webhook', 'dsn',
  // flags of common clients that hold a password or key (openssl, keytool, redis-server, mysql)
  'passin', 'passout', 'storepass', 'keypass', 'srcstorepass', 'deststorepass', 'requirepass', 'masterauth', 'masterkey', 'encryptionkey', 'signingkey', 'sshkey',
]);

/** Run-together spellings that hold a secret word (`MYSQLPASSWORD`, `clientsecret`, `x-auth-token` is split already). */
const SECRET_INFIX = /(password|passwd|passphrase|secret|token|apikey|accesskey|privatekey|credential|connectionstring)/;

/**
 * Last words that turn a secret-looking name into a name for something else: a file or path holding the
 * secret, a mode or policy, a length or timeout. `PASSWORD_FILE=/run/secrets/db` names a file; the
 * value itself is then judged as any other value.
 */
const NOT_SECRET_LAST = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'directory', 'plugin', 'plugins', 'mode', 'method', 'methods', 'type', 'types',
  'enabled', 'enable', 'disabled', 'disable', 'required', 'length', 'size', 'policy', 'timeout', 'ttl', 'expiry', 'expires',
  'expiration', 'age', 'format', 'algorithm', 'alg', 'provider', 'backend', 'strategy', 'scheme', 'realm', 'issuer',
  'audience', 'scope', 'scopes', 'stdin', 'prompt', 'count', 'version', 'cache',
]);

/** Words that make a name public whatever else it holds. */
const PUBLIC_WORDS = new Set(['public', 'publickey', 'pubkey', 'gpg', 'pgp', 'fingerprint']);

/** Words that name an address: the value is a host, a URL or host:port (the residency evidence). */
const ADDRESS_WORDS = new Set([
  'host', 'hosts', 'hostname', 'hostnames', 'addr', 'address', 'addresses', 'url', 'urls', 'uri', 'uris', 'endpoint', 'endpoints',
  'server', 'servers', 'broker', 'brokers', 'bootstrap', 'dsn', 'proxy', 'registry', 'registries', 'mirror', 'mirrors', 'domain',
  'fqdn', 'peer', 'peers', 'upstream', 'upstreams', 'gateway', 'remote', 'relay', 'smarthost', 'nameserver', 'nameservers', 'dns',
  'ip', 'ips', 'listen', 'connect', 'backends', 'webhook', 'webhooks', 'callback',
]);

/** `MYSQL_ROOT_PASSWORD` → mysql root password; `apiKey` → api key; `X-Amz-Signature` → x amz signature. */
export function nameWords(name: string): string[] {
  return name
    .replace(/^-+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A name whose value is a secret whatever it looks like. */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.some((w) => PUBLIC_WORDS.has(w))) return false;
  if (words.length > 1 && NOT_SECRET_LAST.has(words[words.length - 1])) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  return SECRET_INFIX.test(words.join(''));
}

/** A name whose value is an address (`DATABASE_URL`, `REDIS_HOST`, `--server`, `splunk-url`, `Host`). */
export function isAddressName(name: string): boolean {
  return nameWords(name).some((w) => ADDRESS_WORDS.has(w));
}
