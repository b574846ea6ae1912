import { describe, expect, it } from 'vitest';
import { serviceUrlAllowed } from '../../src/server/service-urls.js';

describe('where replies may go without authentication', () => {
  const none: readonly string[] = [];
  const listed: readonly string[] = ['https://smba.trafficmanager.net/'];

  it('takes loopback addresses and the listed prefixes, and nothing else', () => {
    expect(serviceUrlAllowed('http://127.0.0.1:3978', none)).toBe(true);
    expect(serviceUrlAllowed('http://[::1]:3978', none)).toBe(true);
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/emea/', none)).toBe(false);
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/emea/', listed)).toBe(true);
    expect(serviceUrlAllowed('https://evil.example/', listed)).toBe(false);
    expect(serviceUrlAllowed('not a url', listed)).toBe(false);
    expect(serviceUrlAllowed('file:///etc/passwd', listed)).toBe(false);
  });

  it('answers a URL asked again the same, each list of prefixes for itself', () => {
    for (let i = 0; i < 3; i++) {
      expect(serviceUrlAllowed('https://smba.trafficmanager.net/amer/', none)).toBe(false);
      expect(serviceUrlAllowed('https://smba.trafficmanager.net/amer/', listed)).toBe(true);
    }
  });

  it('still answers right past the bound of URLs it remembers', () => {
    for (let i = 0; i < 600; i++) expect(serviceUrlAllowed(`https://host-${i}.example/`, listed)).toBe(false);
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/apac/', listed)).toBe(true);
    expect(serviceUrlAllowed('http://127.0.0.1:1', listed)).toBe(true);
  });
});
