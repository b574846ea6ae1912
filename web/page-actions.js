// The page's own actions around Web Chat: the privacy notice, the transcript download and, in
// the embed's frame, the close button and Escape. Plain browser JavaScript, loaded before
// app.js, which calls SportelloPage.setUp once the chat runs.
window.SportelloPage = (function () {
  'use strict';
  /** What the embed (embed.js, on the parent page) listens for to close the frame. */
  var CLOSE_MESSAGE = 'sportello.close';

  /** Asks the embedding page to close the chat; the embed gives the focus back to its button. */
  function askToClose() {
    // The message carries nothing but the request, so any parent may read it.
    if (window.parent !== window) window.parent.postMessage(CLOSE_MESSAGE, '*');
  }

  /** One line per message: time, who, what. Cards say their fallback text (the answer as Markdown). */
  function transcriptText(activities, strings, language) {
    return activities
      .filter(function (a) { return a.type === 'message'; })
      .map(function (a) {
        var who = a.from && a.from.role === 'user' ? strings.you : strings.bot;
        var cards = (a.attachments || []).map(function (c) { return (c.content && c.content.fallbackText) || ''; });
        var text = [a.text || ''].concat(cards).filter(Boolean).join('\n');
        var when = a.timestamp ? new Date(a.timestamp).toLocaleString(language) : '';
        return '[' + when + '] ' + who + ':\n' + text + '\n';
      })
      .join('\n');
  }

  /**
   * The customer's own conversation as a text file. It is built from what Web Chat shows, where
   * the customer's messages are the bot's echoes: secrets in them are already masked.
   */
  function download(store, strings, language) {
    var text = strings.transcriptTitle + '\n\n' + transcriptText(store.getState().activities, strings, language);
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    link.download = 'sportello-' + new Date().toISOString().slice(0, 10) + '.txt';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  /**
   * Wires the header's buttons and the privacy link. `current()` gives the strings and language
   * in use, which the language picker changes.
   */
  function setUp(options) {
    var embedded = document.documentElement.classList.contains('embedded');
    var privacyLink = document.getElementById('privacy-link');
    if (options.privacyUrl) privacyLink.href = options.privacyUrl;
    else privacyLink.hidden = true;
    document.getElementById('download').addEventListener('click', function () {
      var current = options.current();
      download(options.store, current.strings, current.language);
    });
    var close = document.getElementById('close');
    close.hidden = !embedded;
    close.addEventListener('click', askToClose);
    if (embedded) {
      document.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') askToClose();
      });
    }
  }

  return { setUp: setUp, transcriptText: transcriptText };
})();
