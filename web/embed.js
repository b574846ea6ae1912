// Sportello's embed: one <script src="https://your-bot/embed.js" async></script> adds a chat
// button to any page; it opens the bot's chat page in a frame. Served by the bot, which fills
// in the strings below from its locale files.
(function () {
  'use strict';
  var STRINGS = __SPORTELLO_STRINGS__;
  var DEFAULT_LANGUAGE = __SPORTELLO_DEFAULT_LANGUAGE__;
  /** What the chat page inside the frame posts to ask to be closed (its close button, Escape). */
  var CLOSE_MESSAGE = 'sportello.close';

  var script = document.currentScript;
  if (!script || document.getElementById('sportello-launcher')) return;
  var base = new URL('./', script.src);
  var wanted = [script.getAttribute('data-lang')].concat(navigator.languages || [navigator.language]);
  var language = DEFAULT_LANGUAGE;
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i] || '').slice(0, 2).toLowerCase();
    if (STRINGS[code]) { language = code; break; }
  }
  var strings = STRINGS[language];

  var style = document.createElement('style');
  style.textContent = [
    '#sportello-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;',
    'background:#0b5cad;color:#fff;box-shadow:0 4px 16px rgba(0,0,0,.25);cursor:pointer;display:flex;align-items:center;justify-content:center}',
    '#sportello-launcher:focus-visible{outline:3px solid #f5b400;outline-offset:3px}',
    '#sportello-frame{position:fixed;right:20px;bottom:92px;z-index:2147483001;width:380px;height:600px;',
    'max-width:calc(100vw - 40px);max-height:calc(100vh - 112px);border:0;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.25);background:#fff}',
    '#sportello-frame[hidden]{display:none}',
    // A phone: the chat takes the whole screen (its own close button is inside the frame).
    '@media (max-width:600px),(max-height:500px){#sportello-frame{inset:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0;box-shadow:none}',
    '#sportello-launcher[aria-expanded="true"]{display:none}}',
  ].join('');
  document.head.appendChild(style);

  var bubble = '<svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';
  var cross = '<svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z"/></svg>';

  var button = document.createElement('button');
  button.id = 'sportello-launcher';
  button.type = 'button';
  button.setAttribute('aria-controls', 'sportello-frame');

  // Open or closed, remembered for this tab: on the site's next page the chat is where the
  // customer left it (the frame then resumes its conversation, see web/session.js).
  var OPEN_KEY = 'sportello.open';
  function rememberedOpen() {
    try {
      return sessionStorage.getItem(OPEN_KEY) === '1';
    } catch (error) {
      return false;
    }
  }
  function rememberOpen(open) {
    try {
      sessionStorage.setItem(OPEN_KEY, open ? '1' : '0');
    } catch (error) {
      // No storage: the chat starts closed on the next page.
    }
  }

  var frame;
  function setOpen(open) {
    if (open && !frame) {
      // The frame loads on first open, so pages that never open the chat pay nothing for it.
      frame = document.createElement('iframe');
      frame.id = 'sportello-frame';
      frame.title = strings.title;
      frame.src = new URL('?embed=1&lang=' + language, base).href;
      document.body.appendChild(frame);
    }
    if (frame) frame.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? strings.close : strings.open);
    button.title = open ? strings.close : strings.open;
    button.innerHTML = open ? cross : bubble;
    if (open) frame.focus();
  }
  /** Closes the chat and gives the focus back to the button that opened it. */
  function close() {
    if (!frame || frame.hidden) return;
    setOpen(false);
    button.focus();
  }
  button.addEventListener('click', function () {
    var open = !frame || frame.hidden;
    rememberOpen(open);
    if (open) setOpen(true);
    else close();
  });
  // Only the chat page of our frame may close it.
  window.addEventListener('message', function (event) {
    if (frame && event.source === frame.contentWindow && event.origin === base.origin && event.data === CLOSE_MESSAGE) {
      rememberOpen(false);
      close();
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && frame && !frame.hidden) {
      rememberOpen(false);
      close();
    }
  });

  function mount() {
    document.body.appendChild(button);
    setOpen(rememberedOpen());
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
