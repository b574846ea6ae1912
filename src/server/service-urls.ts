import { BoundedMap } from '../util/bounded-map.js';

/**
 * Where the bot may post replies when nothing authenticates the caller (no MicrosoftAppId):
 * loopback addresses (the Emulator, a fake connector in tests) and the prefixes of
 * ALLOWED_SERVICE_URLS. Otherwise anyone could make the bot POST its replies, and its state
 * trace, to an address of their choosing.
 */
export function serviceUrlAllowed(serviceUrl: string, allowedPrefixes: readonly string[]): boolean {
  // Every turn from a channel names the same few service URLs: each is parsed once.
  let urls = decided.get(allowedPrefixes);
  // Service URLs come from requests: the bound keeps made-up ones from piling up.
  if (!urls) decided.set(allowedPrefixes, (urls = new BoundedMap(MAX_REMEMBERED)));
  return urls.remember(serviceUrl, () => decide(serviceUrl, allowedPrefixes));
}

const MAX_REMEMBERED = 256;
const decided = new WeakMap<readonly string[], BoundedMap<string, boolean>>();

function decide(serviceUrl: string, allowedPrefixes: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return allowedPrefixes.some((prefix) => url.href.startsWith(prefix));
}
