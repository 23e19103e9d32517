import * as assert from 'node:assert/strict';
import { summariseUserAgent } from '../../../src/core/userAgent';

const cases: [string, string][] = [
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 'Chrome 120 on macOS'],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36 Edg/121.0.2277.83', 'Edge 121 on Windows'],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0', 'Firefox 122 on Linux'],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
    'Safari 17 on iOS',
  ],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', 'Safari 17 on macOS'],
  ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36', 'Chrome 120 on Android'],
  [
    'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
    'Samsung Internet 23 on Android',
  ],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0', 'Opera 106 on Windows'],
  ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 'Chrome 120 on ChromeOS'],
  [
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/119.0.6045.169 Mobile/15E148 Safari/604.1',
    'Chrome 119 on iOS',
  ],
  ['curl/8.4.0', 'curl 8.4'],
  ['PostmanRuntime/7.36.0', 'Postman 7.36'],
  ['python-requests/2.31.0', 'python-requests 2.31'],
  ['Go-http-client/1.1', 'Go 1.1'],
  ['node', 'Node.js'],
];

describe('core/userAgent', () => {
  for (const [ua, text] of cases) {
    it(`${text}`, () => assert.equal(summariseUserAgent(ua).text, text));
  }
  it('joins client and system with the template it is given (the UI language)', () => {
    const ua = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    assert.equal(summariseUserAgent(ua, '{1} 上的 {0}').text, 'macOS 上的 Chrome 120');
  });

  it('is empty for nothing', () => {
    assert.equal(summariseUserAgent(undefined).text, '');
    assert.equal(summariseUserAgent('   ').text, '');
  });
  it('cleans and shortens what it does not know', () => {
    assert.equal(summariseUserAgent('MyBot\u202e\n v1').text, 'MyBot v1');
    // The invisible set is core/hostileText's: these passed through before it.
    assert.equal(summariseUserAgent('My\u2060Bot\u061c\u3164 v\u180e1\u034f').text, 'MyBot v1');
    const long = summariseUserAgent('x'.repeat(500)).text;
    assert.equal(long.length, 40);
    assert.ok(long.endsWith('…'));
  });
  it('is bounded on huge input', () => {
    const t = Date.now();
    summariseUserAgent('Mozilla/5.0 ('.repeat(200_000));
    assert.ok(Date.now() - t < 200);
  });
});
