/**
 * The fixed corpus of planted secrets: every shape the attack on the tool used (and a few more), each with
 * the field of the engine's objects it is planted in. All values are made up for these tests; none is a
 * real credential. Every secret (and every fragment of one that a partial scrub could leave behind) is a
 * string that occurs nowhere else, so a test can search any output file for it.
 *
 * Used by the unit tests (test/security/corpus.test.ts) and by the real-engine end-to-end test
 * (test/security/e2e-leaks.test.ts), which plants the container fields below on created containers.
 */

/** Where a secret is planted; the names follow the Engine API fields. */
export type PlantField =
  | 'env' // Config.Env "KEY=value"
  | 'env-bare' // Config.Env entry without "="
  | 'label' // Config.Labels
  | 'cmd' // Config.Cmd (argv)
  | 'entrypoint' // Config.Entrypoint (argv)
  | 'healthcheck' // Config.Healthcheck.Test
  | 'log-opt' // HostConfig.LogConfig.Config (splunk driver)
  | 'volume-opt' // Volume Options (local driver)
  | 'volume-label' // Volume Labels
  | 'mount-opt' // HostConfig.Mounts[].VolumeOptions.DriverConfig.Options (volume created with the container)
  | 'image-history' // image History[].CreatedBy (from the committed container's Cmd)
  | 'image-env' // image Config.Env
  | 'image-label' // image Config.Labels
  | 'network-opt' // network Options (unit tests only)
  | 'service-spec' // swarm service spec (unit tests only)
  | 'daemon-argv' // dockerd command line (unit tests only)
  | 'daemon-json'; // daemon.json (unit tests only)

export interface PlantedSecret {
  id: string;
  /** The shape under test, in words. */
  shape: string;
  field: PlantField;
  /** Env name, label key or option key, for the fields that have one. */
  key?: string;
  /** The planted value: a string, or the argv / Healthcheck.Test array. */
  value: string | string[];
  /** Text that must appear in no output: the secret and the fragments a partial scrub could leave. */
  secrets: string[];
  /** Text that must survive into the evidence (the residency evidence: host and port). */
  keeps?: string[];
}

/** Fields the end-to-end test can plant on a created container, a volume or a committed image. */
export const ENGINE_FIELDS: readonly PlantField[] = ['env', 'env-bare', 'label', 'cmd', 'entrypoint', 'healthcheck', 'log-opt', 'volume-opt', 'volume-label', 'mount-opt', 'image-history', 'image-env', 'image-label'];

export const SECRET_CORPUS: readonly PlantedSecret[] = [
  // --- environment -------------------------------------------------------------------------------
  { id: 'env-url-pw-slash-at-colon', shape: 'URL password with / @ :', field: 'env', key: 'DATABASE_URL', value: 'postgres://app:Ka7Rz/Mq2Wd@Lx9q:Tv4Pe@db.example.com:5432/app?sslmode=require', secrets: ['Ka7Rz', 'Mq2Wd', 'Lx9q', 'Tv4Pe'], keeps: ['db.example.com:5432'] },
  { id: 'env-redis-url-pw-slash', shape: 'URL password with /, empty user', field: 'env', key: 'CACHE_URL', value: 'redis://:Rd5Yh/Gw3Nb@cache.example.com:6379/0', secrets: ['Rd5Yh', 'Gw3Nb'], keeps: ['cache.example.com:6379'] },
  { id: 'env-dotted-secret', shape: 'lower-case dotted secret value (looks like a host name)', field: 'env', key: 'APP_SEED', value: 'quartz.violet.marmot.tundra', secrets: ['quartz.violet.marmot.tundra'] },
  { id: 'env-bare-secret', shape: 'env entry without =', field: 'env-bare', value: 'Hq8vNoEqualsSecret5Tz', secrets: ['Hq8vNoEqualsSecret5Tz'] },
  { id: 'env-aws-session', shape: 'AWS ASIA key id under a neutral name', field: 'env', key: 'APP_IDENT', value: 'ASIAY3KMPLANTENV9QRT', secrets: ['ASIAY3KMPLANTENV9QRT'] },
  { id: 'env-sas-url', shape: 'SAS token in a URL query', field: 'env', key: 'BLOB_URL', value: 'https://acct.blob.core.windows.net/backup?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=Sb4Kq0EnvSasSig7Lm%2Bw%3D', secrets: ['Sb4Kq0EnvSasSig7Lm'], keeps: ['acct.blob.core.windows.net'] },

  // --- labels ------------------------------------------------------------------------------------
  { id: 'label-aws-akia', shape: 'AWS AKIA access key in a label', field: 'label', key: 'com.example.note', value: 'deploy with AKIAQ7XPLANTLBL4W2ZD please', secrets: ['AKIAQ7XPLANTLBL4W2ZD'] },
  { id: 'label-jwt', shape: 'JWT in a label', field: 'label', key: 'com.example.debug', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQbGFudGVkSnd0In0.Jw7PlantedSignatureQx3v0Zb9Ua2Ls8Ke1Rn', secrets: ['eyJzdWIiOiJQbGFudGVkSnd0In0', 'Jw7PlantedSignatureQx3v0Zb9Ua2Ls8Ke1Rn'] },
  { id: 'label-slack-token', shape: 'Slack xoxb token', field: 'label', key: 'com.example.chat', value: 'xoxb-2024111101-9988776655-Sk3PlantedSlackTokVq8', secrets: ['Sk3PlantedSlackTokVq8'] },
  { id: 'label-github-ghp', shape: 'GitHub ghp_ token', field: 'label', key: 'com.example.ci', value: 'ghp_Gh1PlantedPersonalToken0123456789Zzq', secrets: ['Gh1PlantedPersonalToken0123456789Zzq'] },
  { id: 'label-github-gho', shape: 'GitHub gho_ token', field: 'label', key: 'com.example.oauth-app', value: 'gho_Go2PlantedOauthToken0123456789abcdYy', secrets: ['Go2PlantedOauthToken0123456789abcdYy'] },
  { id: 'label-github-ghs', shape: 'GitHub ghs_ token', field: 'label', key: 'com.example.app', value: 'ghs_Gs3PlantedServerToken0123456789abcXx', secrets: ['Gs3PlantedServerToken0123456789abcXx'] },
  { id: 'label-github-pat', shape: 'GitHub fine-grained github_pat_', field: 'label', key: 'com.example.bot', value: 'github_pat_11APLNT0Y0_Gp4PlantedFineGrainedToken0123456789abcdefWw', secrets: ['Gp4PlantedFineGrainedToken0123456789abcdefWw'] },
  { id: 'label-gitlab', shape: 'GitLab glpat- token', field: 'label', key: 'com.example.scm', value: 'glpat-Gl5PlantedGitlab0Vvw', secrets: ['Gl5PlantedGitlab0Vvw'] },
  { id: 'label-stripe-sk', shape: 'Stripe sk_live_', field: 'label', key: 'com.example.billing', value: 'sk_live_St6PlantedStripeSecret0123Uu', secrets: ['St6PlantedStripeSecret0123Uu'] },
  { id: 'label-stripe-rk', shape: 'Stripe rk_live_', field: 'label', key: 'com.example.billing-ro', value: 'rk_live_Rk7PlantedRestricted0123Tt', secrets: ['Rk7PlantedRestricted0123Tt'] },
  { id: 'label-google-api', shape: 'Google API key AIza', field: 'label', key: 'com.example.maps', value: 'AIzaSyGa8PlantedGoogleApiKey01234567890', secrets: ['Ga8PlantedGoogleApiKey01234567890'] },
  { id: 'label-npm', shape: 'npm token', field: 'label', key: 'com.example.registry-note', value: 'npm_Np9PlantedNpmToken0123456789abcdefgh', secrets: ['Np9PlantedNpmToken0123456789abcdefgh'] },
  { id: 'label-slack-webhook', shape: 'Slack webhook URL', field: 'label', key: 'com.example.alerts', value: 'https://hooks.slack.com/services/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2', secrets: ['Wh0PlantedSlackHookPath12'] },
  { id: 'label-discord-webhook', shape: 'Discord webhook URL', field: 'label', key: 'com.example.discord', value: 'https://discord.com/api/webhooks/123456789012345678/Dw1PlantedDiscordHook_ab-XY', secrets: ['Dw1PlantedDiscordHook_ab-XY'] },
  { id: 'label-teams-webhook', shape: 'Teams webhook URL', field: 'label', key: 'com.example.teams', value: 'https://contoso.webhook.office.com/webhookb2/0c1d2e3f-aaaa-bbbb-cccc-0123456789ab@0c1d2e3f-dddd/IncomingWebhook/Tw2PlantedTeamsHook0123/0c1d2e3f-eeee', secrets: ['Tw2PlantedTeamsHook0123'] },
  { id: 'label-pem', shape: 'PEM private-key block', field: 'label', key: 'com.example.tls', value: '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAPe3PlantedPemBody0123456789abcdefghijklmnopqrstu\nQk4PlantedPemSecondLine0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZab==\n-----END RSA PRIVATE KEY-----', secrets: ['Pe3PlantedPemBody', 'Qk4PlantedPemSecondLine'] },
  { id: 'label-json-nested', shape: 'JSON label, secret-named key nested', field: 'label', key: 'com.example.config', value: '{"db":{"host":"db.example.com","port":5432,"password":"Js1NestedPassVal9"},"token":"Js2TopLevelTokVal8","list":[{"api_key":"Js3ListApiKeyVal7"}]}', secrets: ['Js1NestedPassVal9', 'Js2TopLevelTokVal8', 'Js3ListApiKeyVal7'], keeps: ['db.example.com'] },
  { id: 'label-amz-presigned', shape: 'S3 presigned URL (X-Amz-Credential, X-Amz-Signature, X-Amz-Security-Token)', field: 'label', key: 'com.example.backup', value: 'https://bucket.s3.eu-north-1.amazonaws.com/dump.sql?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPLNTCRED0000AMZ1%2F20240101%2Feu-north-1%2Fs3%2Faws4_request&X-Amz-Security-Token=Az2PlantedSessionTok&X-Amz-Signature=az3plantedsignature0123456789abcdef', secrets: ['AKIAPLNTCRED0000AMZ1', 'Az2PlantedSessionTok', 'az3plantedsignature0123456789abcdef'], keeps: ['bucket.s3.eu-north-1.amazonaws.com'] },
  { id: 'label-sas-sig', shape: 'Azure SAS ?sv=&sig=', field: 'label', key: 'com.example.share', value: 'https://acct.file.core.windows.net/share/f.txt?sv=2022-11-02&sp=r&sig=Sa1LabelSasSig0123%2Babc%3D', secrets: ['Sa1LabelSasSig0123'], keeps: ['acct.file.core.windows.net'] },
  { id: 'label-query-token', shape: 'URL ?token= and &access_token=', field: 'label', key: 'com.example.status', value: 'https://status.example.com/api?token=Qt1QueryTokenVal&view=x&access_token=Qt2AccessTokVal', secrets: ['Qt1QueryTokenVal', 'Qt2AccessTokVal'], keeps: ['status.example.com'] },
  { id: 'label-url-pw-slash', shape: 'URL password with / and @ in a label', field: 'label', key: 'com.example.mirror', value: 'https://mirror:Mw1Pass/Wd2@Pw@mirror.example.com:8443/repo', secrets: ['Mw1Pass', 'Wd2@Pw'], keeps: ['mirror.example.com:8443'] },

  // --- Cmd ---------------------------------------------------------------------------------------
  { id: 'cmd-mysql-attached', shape: 'mysql -p<password>', field: 'cmd', value: ['mysql', '-u', 'root', '-pMy1AttachedPw', 'app'], secrets: ['My1AttachedPw'] },
  { id: 'cmd-mysql-separate', shape: 'mysql -p <password>', field: 'cmd', value: ['mysql', '-u', 'root', '-p', 'My2SeparatePw'], secrets: ['My2SeparatePw'] },
  { id: 'cmd-mysqldump-eq', shape: 'mysqldump --password=', field: 'cmd', value: ['mysqldump', '--user=backup', '--password=Md1DumpPassEq', 'app'], secrets: ['Md1DumpPassEq'] },
  { id: 'cmd-redis-a', shape: 'redis-cli -a <password>', field: 'cmd', value: ['redis-cli', '-h', 'cache.example.com', '-a', 'Rc1RedisAuthPw', 'ping'], secrets: ['Rc1RedisAuthPw'] },
  { id: 'cmd-redis-uri', shape: 'redis-cli -u redis://user:pw@host', field: 'cmd', value: ['redis-cli', '-u', 'redis://default:Rc2Redis/UriPw@cache.example.com:6379'], secrets: ['Rc2Redis', 'UriPw'], keeps: ['cache.example.com:6379'] },
  { id: 'cmd-curl-u', shape: 'curl -u user:password', field: 'cmd', value: ['curl', '-fsS', '-u', 'svc:Cu1CurlUserPw', 'https://api.example.com/x'], secrets: ['Cu1CurlUserPw'] },
  { id: 'cmd-curl-header', shape: "curl -H 'X-Api-Key: …'", field: 'cmd', value: ['curl', '-H', 'X-Api-Key: Cu2HeaderApiKey', 'https://api.example.com'], secrets: ['Cu2HeaderApiKey'] },
  { id: 'cmd-curl-bearer', shape: 'curl --oauth2-bearer', field: 'cmd', value: ['curl', '--oauth2-bearer', 'Cu3OauthBearerTok', 'https://api.example.com'], secrets: ['Cu3OauthBearerTok'] },
  { id: 'cmd-curl-query', shape: 'curl URL with ?api_key= and &password=', field: 'cmd', value: ['curl', 'https://api.example.com/v1/export?api_key=Cq1QueryApiKey&password=Cq2QueryPassword&format=csv'], secrets: ['Cq1QueryApiKey', 'Cq2QueryPassword'], keeps: ['api.example.com'] },
  { id: 'cmd-wget-http-password', shape: 'wget --http-password=', field: 'cmd', value: ['wget', '--http-user=svc', '--http-password=Wg1HttpPassword', 'https://files.example.com/a'], secrets: ['Wg1HttpPassword'] },
  { id: 'cmd-wget-header', shape: "wget --header='Authorization: Bearer …'", field: 'cmd', value: ['wget', '--header=Authorization: Bearer Wg2HeaderBearer', 'https://files.example.com/a'], secrets: ['Wg2HeaderBearer'] },
  { id: 'cmd-mongosh-p', shape: 'mongosh -p <password>', field: 'cmd', value: ['mongosh', '-u', 'admin', '-p', 'Mg1MongoPassword', '--host', 'mongo.example.com'], secrets: ['Mg1MongoPassword'] },
  { id: 'cmd-mongo-uri', shape: 'mongodb:// URI with %2F in the password', field: 'cmd', value: ['mongosh', 'mongodb://admin:Mg2Mongo%2FUriPw@mongo.example.com:27017/admin'], secrets: ['Mg2Mongo', 'UriPw@'], keeps: ['mongo.example.com:27017'] },
  { id: 'cmd-generic-token', shape: '--token <value>', field: 'cmd', value: ['app', 'serve', '--token', 'Gt1GenericToken'], secrets: ['Gt1GenericToken'] },
  { id: 'cmd-generic-api-key', shape: '--api-key=<value>', field: 'cmd', value: ['app', '--api-key=Gk1GenericApiKey'], secrets: ['Gk1GenericApiKey'] },
  { id: 'cmd-generic-key', shape: '--key <value>', field: 'cmd', value: ['app', '--key', 'Gk2GenericKeyFlag'], secrets: ['Gk2GenericKeyFlag'] },
  { id: 'cmd-generic-secret', shape: '--secret <value>', field: 'cmd', value: ['app', '--secret', 'Gs1GenericSecret'], secrets: ['Gs1GenericSecret'] },
  { id: 'cmd-shell-mysql-redis', shape: 'shell string: mysql -p X && redis-cli -a X', field: 'cmd', value: ['sh', '-c', 'mysql -u root -p Sh1ShellMysqlPw app && redis-cli -a Sh2ShellRedisPw ping'], secrets: ['Sh1ShellMysqlPw', 'Sh2ShellRedisPw'] },
  { id: 'cmd-shell-pgpassword', shape: 'shell string: PGPASSWORD=X psql', field: 'cmd', value: ['sh', '-c', 'PGPASSWORD=Pg1ShellPgPass psql -h db.example.com -U app -c "select 1"'], secrets: ['Pg1ShellPgPass'] },
  { id: 'cmd-shell-curl-u', shape: "shell string: curl -u 'user:X'", field: 'cmd', value: ['sh', '-c', "curl -sf -u 'deploy:Sh3ShellCurlPw' https://api.example.com/deploy"], secrets: ['Sh3ShellCurlPw'] },
  { id: 'cmd-aws-secret-key', shape: 'AWS secret access key after --aws-secret', field: 'cmd', value: ['sync', '--aws-secret', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTKEY01'], secrets: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTKEY01'] },
  { id: 'cmd-aws-secret-env-style', shape: 'AWS secret key as AWS_SECRET_ACCESS_KEY=… in a shell string', field: 'cmd', value: ['sh', '-c', 'AWS_SECRET_ACCESS_KEY=Aw1PlantedSecretKeyABCDEFGHIJKLMNOPQRSTu aws s3 ls'], secrets: ['Aw1PlantedSecretKeyABCDEFGHIJKLMNOPQRSTu'] },

  // --- Entrypoint --------------------------------------------------------------------------------
  { id: 'entry-url-pw-slash', shape: 'URL with / in the password as an argument', field: 'entrypoint', value: ['/entry.sh', '--db-url', 'postgres://u:En1Entry/Pw2@db.example.com:5432/x'], secrets: ['En1Entry', 'Pw2@'], keeps: ['db.example.com:5432'] },
  { id: 'entry-password-flag', shape: '--password <value>', field: 'entrypoint', value: ['/docker-entrypoint.sh', '--password', 'En2EntryPassword'], secrets: ['En2EntryPassword'] },

  // --- Healthcheck -------------------------------------------------------------------------------
  { id: 'hc-mysqladmin', shape: 'CMD-SHELL mysqladmin -p<pw>', field: 'healthcheck', value: ['CMD-SHELL', 'mysqladmin ping -uroot -pHc1HealthMysqlPw'], secrets: ['Hc1HealthMysqlPw'] },
  { id: 'hc-redis-a', shape: 'CMD redis-cli -a <pw>', field: 'healthcheck', value: ['CMD', 'redis-cli', '-a', 'Hc2HealthRedisPw', 'ping'], secrets: ['Hc2HealthRedisPw'] },
  { id: 'hc-curl-u', shape: 'CMD-SHELL curl -u user:pw', field: 'healthcheck', value: ['CMD-SHELL', 'curl -fsS -u admin:Hc3HealthCurlPw http://localhost:8080/health || exit 1'], secrets: ['Hc3HealthCurlPw'] },
  { id: 'hc-wget-password', shape: 'CMD wget --password <pw>', field: 'healthcheck', value: ['CMD', 'wget', '-q', '--user', 'probe', '--password', 'Hc4HealthWgetPw', 'http://localhost/health'], secrets: ['Hc4HealthWgetPw'] },

  // --- logging options (splunk driver) -----------------------------------------------------------
  { id: 'log-splunk-token', shape: 'splunk-token log option', field: 'log-opt', key: 'splunk-token', value: 'Lg1SplunkTokenVal', secrets: ['Lg1SplunkTokenVal'] },
  { id: 'log-splunk-url-query', shape: 'splunk-url with ?token=', field: 'log-opt', key: 'splunk-url', value: 'https://splunk.example.com:8088/services/collector?token=Lg2SplunkUrlTok', secrets: ['Lg2SplunkUrlTok'], keeps: ['splunk.example.com:8088'] },
  { id: 'log-tag-stripe', shape: 'Stripe key in the log tag', field: 'log-opt', key: 'tag', value: '{{.Name}}/sk_live_Lg3TagStripeKey0123456', secrets: ['Lg3TagStripeKey0123456'] },

  // --- volume driver options and labels ----------------------------------------------------------
  { id: 'vol-o-password', shape: 'o=addr=…,username=…,password=…', field: 'volume-opt', key: 'o', value: 'addr=192.0.2.10,username=svc,password=Vo1CifsPassword,vers=3.0', secrets: ['Vo1CifsPassword'], keeps: ['192.0.2.10'] },
  { id: 'vol-device-userinfo', shape: 'device //user:pw/x@host/share', field: 'volume-opt', key: 'device', value: '//svc:Vo2Dev/Pw@files.example.com/share', secrets: ['Vo2Dev', 'Pw@files'], keeps: ['files.example.com'] },
  { id: 'mount-opt-password', shape: 'mount VolumeOptions driver option o=…,password=…', field: 'mount-opt', key: 'o', value: 'addr=192.0.2.11,username=svc,password=Mo1MountOptPassword,vers=3.0', secrets: ['Mo1MountOptPassword'], keeps: ['192.0.2.11'] },
  { id: 'vol-label-json', shape: 'JSON volume label with a secret key', field: 'volume-label', key: 'com.example.backup', value: '{"target":"s3://backups.example.com/vol","secret_key":"Vl1VolumeLabelSecret"}', secrets: ['Vl1VolumeLabelSecret'] },

  // --- image (committed from a created container) ------------------------------------------------
  { id: 'img-history-shell', shape: 'history CreatedBy: shell line with mysql -p and curl -u', field: 'image-history', value: ['sh', '-c', 'mysql -uroot -pIh1HistoryMysqlPw -e "select 1"; curl -u ci:Ih2HistoryCurlPw https://ci.example.com/hook'], secrets: ['Ih1HistoryMysqlPw', 'Ih2HistoryCurlPw'] },
  { id: 'img-env-token', shape: 'image Config.Env token', field: 'image-env', key: 'NPM_CONFIG_TOKEN', value: 'Ie1ImageEnvToken', secrets: ['Ie1ImageEnvToken'] },
  { id: 'img-label-github', shape: 'image label with a GitHub token', field: 'image-label', key: 'org.example.build-note', value: 'built by ghp_Il1ImageLabelGitHubTok0123456789abcd', secrets: ['Il1ImageLabelGitHubTok0123456789abcd'] },

  // --- unit-test-only fields ---------------------------------------------------------------------
  { id: 'net-opt-secret', shape: 'network driver option with a secret key', field: 'network-opt', key: 'com.example.vpn.psk', value: 'No1NetworkPsk', secrets: ['No1NetworkPsk'] },
  { id: 'svc-args-token', shape: 'swarm service Args --token', field: 'service-spec', value: ['--token', 'Sv1ServiceToken'], secrets: ['Sv1ServiceToken'] },
  { id: 'daemon-argv-log-opt', shape: 'dockerd --log-opt splunk-token=…', field: 'daemon-argv', value: ['dockerd', '--log-driver', 'splunk', '--log-opt', 'splunk-token=Da1DaemonSplunkTok'], secrets: ['Da1DaemonSplunkTok'] },
  { id: 'daemon-json-log-opts', shape: 'daemon.json log-opts token and a registry mirror with userinfo', field: 'daemon-json', value: '{"log-opts":{"splunk-token":"Dj1DaemonJsonTok"},"registry-mirrors":["https://m:Dj2Mirror/Pw@mirror.example.com:5000"]}', secrets: ['Dj1DaemonJsonTok', 'Dj2Mirror', '/Pw@mirror'], keeps: ['mirror.example.com:5000'] },
];

/** Every string that must appear in no output, with the id of the entry it belongs to. */
export function plantedSecrets(entries: readonly PlantedSecret[] = SECRET_CORPUS): { id: string; secret: string }[] {
  return entries.flatMap((e) => e.secrets.map((secret) => ({ id: e.id, secret })));
}
