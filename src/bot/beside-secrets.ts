// A clause ends at sentence punctuation or a line break; a secret and the words announcing it
// ("my password is …") come first in theirs.
const CLAUSE = /[^.;!?\n]+[.;!?\n]*/g;

/** The end of the last mask in a clause, or -1 when it holds none. */
function endOfLastMask(clause: string, masks: readonly string[]): number {
  return Math.max(...masks.map((mask) => {
    const at = clause.lastIndexOf(mask);
    return at < 0 ? -1 : at + mask.length;
  }));
}

/**
 * The words of a masked message that are not about the secret: in each clause holding a mask,
 * what comes before the mask and the mask itself are dropped. "my password is [redacted
 * password]" leaves nothing to classify; "my IBAN is [redacted IBAN], why did I get a payment
 * reminder?" keeps the question. Without this, the word "password" next to the mask is read as
 * a question about passwords and an article is posted unasked. `masks`: every mask of every language.
 */
export function textBesideSecrets(text: string, masks: readonly string[]): string {
  if (!masks.some((mask) => text.includes(mask))) return text;
  return (text.match(CLAUSE) ?? [])
    .map((clause) => {
      const end = endOfLastMask(clause, masks);
      return end < 0 ? clause : clause.slice(end).replace(/^[\s,:;.!?-]+/, '');
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
