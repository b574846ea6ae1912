import { beforeAll, describe, expect, it } from 'vitest';
import { textBesideSecrets as beside } from '../../src/bot/beside-secrets.js';
import { everyMask } from '../../src/secrets/masks.js';
import { loadRedaction } from '../secrets/redaction.js';

let masks: string[];
beforeAll(async () => {
  masks = everyMask((await loadRedaction()).masks);
});
const textBesideSecrets = (text: string) => beside(text, masks);

describe('the words of a masked message worth reading', () => {
  it.each([
    'my password is [redacted password]',
    'la mia password è [redacted password]!',
    'mot de passe : [redacted password]',
    'Mein Code ist [redacted code]',
    '[redacted card number]',
  ])('are none when the message only gave a secret: "%s"', (text) => {
    expect(textBesideSecrets(text)).toBe('');
  });

  it('keep the question asked around the secret', () => {
    expect(textBesideSecrets('Hi, my IBAN is [redacted IBAN], why did I get a payment reminder?')).toBe('why did I get a payment reminder?');
    expect(textBesideSecrets("la mia password è [redacted password]. Come cambio l'email di recupero?")).toBe("Come cambio l'email di recupero?");
    expect(textBesideSecrets('la mia password è [redacted password] e non riesco ad entrare')).toBe('e non riesco ad entrare');
  });

  it('know the masks of every language', () => {
    expect(textBesideSecrets('la mia password è [password nascosta]')).toBe('');
    expect(textBesideSecrets('Passwort: [Passwort verborgen]. Wie ändere ich die E-Mail?')).toBe('Wie ändere ich die E-Mail?');
  });

  it('leave a message without a mask as it is', () => {
    expect(textBesideSecrets('come cambio la password?')).toBe('come cambio la password?');
  });
});
