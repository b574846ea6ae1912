import type { Finding } from './finding.js';
import type { TextView } from './text-view.js';

/**
 * Secrets recognised by their shape alone, in any language: private key blocks, passwords in
 * URLs, JSON Web Tokens, API keys with a vendor's prefix, and long random tokens. Every pattern
 * starts with a lookbehind that only lets it begin where a token begins, so that a long run of
 * token characters is read once, not once per character.
 */

// A PEM or PGP private key, up to its END line; a paste cut short is hidden to its end.
const PRIVATE_KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const PRIVATE_KEY_END = /-----END (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;

// scheme://user:password@host: the password, up to the last "@" before the host (pasted
// passwords are seldom percent-encoded: "#" and "?" may be in them).
const URL_PASSWORD = /(?<![\p{L}\p{N}+.-])[a-zA-Z][a-zA-Z0-9+.-]{1,30}:\/\/[^\s:/?#@]{0,100}:([^\s/]{1,200})@[\w.-]/gu;

/** Vendors' key formats (from their documentation); what matters is that the prefix is theirs alone. */
const PREFIXED = [
  /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,200}/, // Stripe secret and restricted keys
  /whsec_[A-Za-z0-9]{20,200}/, // Stripe webhook secrets
  /gh[pousr]_[A-Za-z0-9]{30,200}/, // GitHub tokens
  /github_pat_[A-Za-z0-9_]{30,200}/, // GitHub fine-grained tokens
  /glpat-[A-Za-z0-9_-]{20,200}/, // GitLab personal tokens
  /xox[abposr]-[A-Za-z0-9-]{10,200}/, // Slack tokens
  /(?:AKIA|ASIA)[A-Z0-9]{16}/, // AWS access key ids
  /AIza[A-Za-z0-9_-]{35}/, // Google API keys
  /sk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,300}/, // OpenAI and Anthropic keys
  /SG\.[A-Za-z0-9_-]{16,100}\.[A-Za-z0-9_-]{16,100}/, // SendGrid keys
  /npm_[A-Za-z0-9]{36}/, // npm tokens
  /hf_[A-Za-z0-9]{30,100}/, // Hugging Face tokens
  /shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}/, // Shopify tokens
  /eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{0,1000}/, // JSON Web Tokens
];
const TOKEN_CHARS = 'A-Za-z0-9_\\-';
const PREFIXED_TOKEN = new RegExp(`(?<![${TOKEN_CHARS}])(?:${PREFIXED.map((p) => p.source).join('|')})(?![${TOKEN_CHARS}])`, 'g');

// A long run of base64 or base62 characters ("=" only as padding), not inside a URL path or a longer word.
const RANDOM_CANDIDATE = /(?<![A-Za-z0-9+/_=.:@\\-])[A-Za-z0-9+/_-]{32,512}={0,2}(?![A-Za-z0-9+/_=.@\\-])/g;
const MIN_ENTROPY_BITS = 4;
// Public keys are meant to be shared: an SSH public key line, a DKIM record's key.
const PUBLIC_KEY_BEFORE = /(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d{3}|sk-ssh-ed25519@openssh\.com)\s+$|\bp=$/;

/** Shannon entropy in bits per character: random tokens score high, words and numbers low. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / text.length) * Math.log2(count / text.length);
  return bits;
}

/** Upper and lower case letters and digits, spread with no pattern: a key, not an identifier. */
function looksRandom(token: string): boolean {
  return /[A-Z]/.test(token) && /[a-z]/.test(token) && /\d/.test(token) && entropy(token) >= MIN_ENTROPY_BITS;
}

function privateKeys(text: string): Finding[] {
  const findings: Finding[] = [];
  // (The pattern's literal start, looked for first: nearly every text has none.)
  if (!text.includes('-----BEGIN ')) return findings;
  const begin = new RegExp(PRIVATE_KEY_BEGIN);
  const end = new RegExp(PRIVATE_KEY_END);
  for (let start = begin.exec(text); start; start = begin.exec(text)) {
    end.lastIndex = start.index;
    const stop = end.exec(text);
    if (!stop) {
      // No END anywhere after: everything from here is the key (and no later BEGIN can end either).
      findings.push({ kind: 'key', start: start.index, end: text.length });
      break;
    }
    findings.push({ kind: 'key', start: start.index, end: stop.index + stop[0].length });
    begin.lastIndex = stop.index + stop[0].length;
  }
  return findings;
}

export function findTokens(view: TextView): Finding[] {
  const { text } = view;
  const findings = privateKeys(text);
  for (const match of text.includes('://') ? text.matchAll(URL_PASSWORD) : []) {
    const start = match.index + match[0].length - 2 - match[1]!.length;
    findings.push({ kind: 'password', start, end: start + match[1]!.length });
  }
  for (const match of text.matchAll(PREFIXED_TOKEN)) findings.push({ kind: 'key', start: match.index, end: match.index + match[0].length });
  for (const match of text.matchAll(RANDOM_CANDIDATE)) {
    if (!looksRandom(match[0]) || PUBLIC_KEY_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    findings.push({ kind: 'key', start: match.index, end: match.index + match[0].length });
  }
  return findings.filter((f) => !view.insideMask(f.start));
}
