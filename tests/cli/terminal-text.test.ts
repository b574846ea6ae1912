import { describe, expect, it } from 'vitest';
import { terminalLanguage } from '../../src/cli/terminal-language.js';
import { renderForTerminal, wrap } from '../../src/cli/terminal-text.js';

const plain = { width: 40, ansi: false };

describe('the bot’s Markdown in a terminal', () => {
  it('shows bold without asterisks, in bold when the terminal has styles', () => {
    expect(renderForTerminal('Open the **Manager** now', plain)).toBe('Open the Manager now');
    expect(renderForTerminal('Open the **Manager** now', { ...plain, ansi: true })).toBe('Open the \u001b[1mManager\u001b[22m now');
  });

  it('keeps numbered steps and turns bullets into dots, continuation lines under the text', () => {
    const text = renderForTerminal('Steps:\n\n1. Open the Manager and go to the security page of your profile\n2. Click **Delete**\n- a bullet', plain);
    expect(text.split('\n')).toEqual([
      'Steps:',
      '',
      '  1. Open the Manager and go to the',
      '     security page of your profile',
      '  2. Click Delete',
      '  • a bullet',
    ]);
  });

  it('wraps at word boundaries, never in the middle of a word', () => {
    const long = 'Sollecito di pagamento ricevuto ma è tutto pagato, anche se la banca dice altrimenti';
    const lines = wrap(long, 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(' ')).toBe(long);
  });

  it('shows a link as its text and its address, and a quote indented', () => {
    expect(renderForTerminal('See [the Manager](https://manager.example.com)', { ...plain, width: 80 })).toBe('See the Manager (https://manager.example.com)');
    expect(renderForTerminal('> Never share it', plain)).toBe('  │ Never share it');
  });
});

describe('the terminal’s language', () => {
  it('comes from LC_ALL, LC_MESSAGES or LANG', () => {
    expect(terminalLanguage({ LANG: 'fr_FR.UTF-8' }, 'it')).toBe('fr');
    expect(terminalLanguage({ LC_ALL: 'de_CH.UTF-8', LANG: 'fr_FR.UTF-8' }, 'it')).toBe('de');
    expect(terminalLanguage({ LC_MESSAGES: 'en_GB', LANG: 'it_IT.UTF-8' }, 'it')).toBe('en');
  });

  it('is the configured default for C, POSIX, C.UTF-8, none, or a language the bot does not speak', () => {
    expect(terminalLanguage({ LANG: 'C.UTF-8' }, 'en')).toBe('en');
    expect(terminalLanguage({ LC_ALL: 'POSIX' }, 'de')).toBe('de');
    expect(terminalLanguage({}, 'fr')).toBe('fr');
    expect(terminalLanguage({ LANG: 'es_ES.UTF-8' }, 'en')).toBe('en');
  });
});
