/**
 * Provider-declared locations: AWS region codes → the country the region's data centres are in, per
 * AWS's published region list. A region named in configuration (`awslogs-region`, an
 * `*.<region>.amazonaws.com` endpoint) is the provider's own statement of location, stronger than
 * IP geolocation. Regions not listed here stay unknown rather than guessed.
 */

export const AWS_REGION_COUNTRY: Readonly<Record<string, string>> = {
  'us-east-1': 'US',
  'us-east-2': 'US',
  'us-west-1': 'US',
  'us-west-2': 'US',
  'us-gov-east-1': 'US',
  'us-gov-west-1': 'US',
  'ca-central-1': 'CA',
  'ca-west-1': 'CA',
  'mx-central-1': 'MX',
  'sa-east-1': 'BR',
  'eu-central-1': 'DE',
  'eu-central-2': 'CH',
  'eu-west-1': 'IE',
  'eu-west-2': 'GB',
  'eu-west-3': 'FR',
  'eu-north-1': 'SE',
  'eu-south-1': 'IT',
  'eu-south-2': 'ES',
  'il-central-1': 'IL',
  'me-south-1': 'BH',
  'me-central-1': 'AE',
  'af-south-1': 'ZA',
  'ap-east-1': 'HK',
  'ap-south-1': 'IN',
  'ap-south-2': 'IN',
  'ap-southeast-1': 'SG',
  'ap-southeast-2': 'AU',
  'ap-southeast-3': 'ID',
  'ap-southeast-4': 'AU',
  'ap-southeast-5': 'MY',
  'ap-southeast-7': 'TH',
  'ap-northeast-1': 'JP',
  'ap-northeast-2': 'KR',
  'ap-northeast-3': 'JP',
  'cn-north-1': 'CN',
  'cn-northwest-1': 'CN',
};

/** The regional endpoint of an AWS service and, when the region is known, its country. */
export function awsRegionEndpoint(service: string, region: string): { host: string; providerRegion: { provider: string; region: string; country: string } | null } {
  const r = region.trim().toLowerCase();
  const country = AWS_REGION_COUNTRY[r];
  const suffix = r.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return { host: `${service}.${r}.${suffix}`, providerRegion: country ? { provider: 'Amazon Web Services', region: r, country } : null };
}
