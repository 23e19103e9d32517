/** Devices the seeded sessions come from (user agents as real browsers send them). */
export interface Device {
  readonly label: string;
  readonly userAgent: string;
  /** AuthMS `device_type`. */
  readonly type: 'desktop' | 'mobile' | 'tablet' | 'cli';
}

export const DEVICES = {
  chromeMac: {
    label: 'Chrome on macOS',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    type: 'desktop',
  },
  safariIos: {
    label: 'Safari on iOS',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    type: 'mobile',
  },
  firefoxLinux: {
    label: 'Firefox on Linux',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
    type: 'desktop',
  },
  curl: { label: 'curl', userAgent: 'curl/8.5.0', type: 'cli' },
  edgeWindows: {
    label: 'Edge on Windows',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
    type: 'desktop',
  },
  chromeAndroid: {
    label: 'Chrome on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
    type: 'mobile',
  },
  safariIpad: {
    label: 'Safari on iPadOS',
    userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    type: 'tablet',
  },
} as const satisfies Record<string, Device>;

export const DEVICE_LIST: readonly Device[] = Object.values(DEVICES);

/** Addresses from the documentation ranges (RFC 5737, RFC 3849) with where GeoIP puts them. */
export const PLACES = [
  { ip: '203.0.113.10', geoip: 'Berlin, DE' },
  { ip: '198.51.100.23', geoip: 'Beijing, CN' },
  { ip: '192.0.2.44', geoip: 'Shanghai, CN' },
  { ip: '203.0.113.77', geoip: 'San Francisco, US' },
  { ip: '2001:db8::1f', geoip: 'London, GB' },
  { ip: '198.51.100.140', geoip: 'Tokyo, JP' },
  { ip: '10.20.30.40', geoip: 'Private network' },
] as const;
