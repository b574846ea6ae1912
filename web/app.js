// The chat page: Web Chat talking to the bot's own Direct Line endpoint, with a language
// picker. Plain browser JavaScript, no build step: the page is served as is.
(async function main() {
  'use strict';

  /** Web Chat and the bot take full locale tags; the picker offers languages. */
  var LOCALES = { it: 'it-IT', en: 'en-US', fr: 'fr-FR', de: 'de-DE' };
  var base = new URL('.', document.baseURI);
  var params = new URLSearchParams(location.search);
  if (params.get('embed') === '1') document.documentElement.classList.add('embedded');

  var status = document.getElementById('status');
  var picker = document.getElementById('language');
  var transcript = document.getElementById('webchat');

  function show(message) {
    status.textContent = message;
    status.hidden = !message;
  }

  var config;
  try {
    config = await (await fetch(new URL('web/config.json', base))).json();
  } catch (error) {
    show('Sportello: ' + error.message);
    return;
  }

  /** The customer's language: ?lang= (the embed passes it), else the browser's, else the bot's default. */
  function initialLanguage() {
    var wanted = [params.get('lang')].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || '').slice(0, 2).toLowerCase();
      if (config.languages.indexOf(code) >= 0) return code;
    }
    return config.defaultLanguage;
  }

  var language = initialLanguage();
  var directLineUrl = new URL('v3/directline', base).href;
  // A conversation this browser already has with the bot (a reload, another page of the site).
  var resumed = await window.SportelloSession.resume(directLineUrl);
  if (resumed && config.languages.indexOf(resumed.language) >= 0) language = resumed.language;

  /** The page's own words, from the bot's locale files (key `web`). */
  function applyStrings() {
    var strings = config.strings[language];
    document.documentElement.lang = language;
    document.title = strings.title;
    document.querySelectorAll('[data-string]').forEach(function (element) {
      element.textContent = strings[element.getAttribute('data-string')] || '';
    });
    // Icon buttons: their name for screen readers and the tooltip.
    document.querySelectorAll('[data-label]').forEach(function (element) {
      var label = strings[element.getAttribute('data-label')] || '';
      element.setAttribute('aria-label', label);
      element.title = label;
    });
  }

  // Each language listed in its own name, so everyone finds theirs.
  config.languages.forEach(function (code) {
    var option = document.createElement('option');
    option.value = code;
    option.lang = code;
    option.textContent = config.strings[code].languageName;
    picker.appendChild(option);
  });
  picker.value = language;
  applyStrings();

  var token = resumed && resumed.token;
  if (!resumed) {
    try {
      var response = await fetch(new URL('api/webchat/token', base), { method: 'POST' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      token = (await response.json()).token;
    } catch (error) {
      show(config.strings[language].error);
      return;
    }
  }

  // With a conversation id, Direct Line reconnects (GET /conversations/:id) instead of starting
  // one: the bot does not greet again, and with no watermark the history comes back too.
  var directLine = window.WebChat.createDirectLine({
    token: token,
    domain: directLineUrl,
    webSocket: config.webSocket,
    conversationStartProperties: { locale: LOCALES[language] },
    conversationId: resumed ? resumed.conversationId : undefined,
  });

  var ended = false;
  /** Saves where the conversation is; Direct Line keeps the refreshed token on its instance. */
  function remember() {
    if (!ended) window.SportelloSession.save({ conversationId: directLine.conversationId, token: directLine.token, language: language });
  }
  // 2 = online: the conversation exists (and has its id); 4, 5 = failed or ended: start afresh next time.
  directLine.connectionStatus$.subscribe(function (status) {
    if (status === 2) remember();
    else if (status === 4 || status === 5) window.SportelloSession.forget();
  });
  addEventListener('pagehide', remember);
  // One store for the page's life: switching language re-renders Web Chat, the conversation stays.
  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') remember();
        return next(action);
      };
    };
  });

  // The customer ends the conversation: forget it, and the page starts a new one.
  document.getElementById('new-chat').addEventListener('click', function () {
    ended = true; // not saved again as the page goes
    window.SportelloSession.forget();
    location.reload();
  });
  window.SportelloPage.setUp({
    store: store,
    privacyUrl: config.privacyUrl,
    current: function () { return { strings: config.strings[language], language: language }; },
  });

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: LOCALES[language],
        styleOptions: {
          accent: '#0b5cad',
          botAvatarInitials: 'S',
          hideUploadButton: true,
          // One button a row, labels wrapped: long topic titles stay whole on a phone.
          suggestedActionLayout: 'stacked',
          suggestedActionsStackedLayoutButtonTextWrap: true,
          suggestedActionsStackedHeight: 320,
          suggestedActionHeight: 'auto',
          bubbleBorderRadius: 8,
          bubbleFromUserBorderRadius: 8,
        },
      },
      transcript,
    );
  }

  // A new pick changes the locale of every message from now on; the bot reads a changed
  // channel locale as the customer's choice of language.
  picker.addEventListener('change', function () {
    language = picker.value;
    remember();
    applyStrings();
    render();
    // Tell the bot at once: it says so and asks its pending question again, buttons in the new language.
    store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'sportello.language', value: language } });
    transcript.querySelector('input, textarea') && transcript.querySelector('input, textarea').focus();
  });

  render();
})();
