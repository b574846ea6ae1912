// The customer's conversation, kept in this browser so that a reload, or another page of the
// site with the embed, carries it on (history included, no second greeting) instead of
// starting over. Local storage is per origin, and in the embed's frame per embedding site
// too: each site keeps its own conversation. Only the conversation's id, its Direct Line
// token and the language are kept, never what was said: the bot's Direct Line endpoint
// sends the history again when Web Chat reconnects without a watermark.
// The watermark is deliberately not kept: a new page starts with an empty transcript, so
// resuming after a saved watermark would show the customer an empty chat (their history is
// what they came back for), and whatever arrived after it would not be lost either way.
// Within one page, DirectLineJS keeps its own watermark and reconnects after it, so a
// dropped connection or a restarted bot replays nothing (tests/scale/web-chat-two-processes).
(function () {
  'use strict';
  var KEY = 'sportello.conversation';
  /** Without a token (an open endpoint, in development), how long after its last use a conversation is resumed. */
  var IDLE_MS = 30 * 60 * 1000;

  function read() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || 'null');
      if (saved && typeof saved.conversationId === 'string' && saved.expiresAt > Date.now()) return saved;
    } catch (error) {
      // Storage blocked (a private window, third-party storage off) or garbled: start afresh.
    }
    return undefined;
  }

  /** When a token stops opening its conversation: its `exp` claim. */
  function expiryOf(token) {
    try {
      var claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      if (typeof claims.exp === 'number') return claims.exp * 1000;
    } catch (error) {
      // Not a JWT we can read: fall back to the idle limit.
    }
    return Date.now() + IDLE_MS;
  }

  /** Remembers the conversation (after each activity, a token refresh, a language switch, before the page goes). */
  function save(conversation) {
    if (!conversation.conversationId) return;
    try {
      localStorage.setItem(
        KEY,
        JSON.stringify({
          conversationId: conversation.conversationId,
          token: conversation.token,
          language: conversation.language,
          expiresAt: conversation.token ? expiryOf(conversation.token) : Date.now() + IDLE_MS,
        }),
      );
    } catch (error) {
      // No storage: the conversation simply will not outlive the page.
    }
  }

  /** Forgets the conversation: the customer ended it, or the bot no longer has it. */
  function forget() {
    try {
      localStorage.removeItem(KEY);
    } catch (error) {
      // Nothing stored, nothing to forget.
    }
  }

  /**
   * The saved conversation if the bot still has it, with a fresh token; undefined to start a
   * new one. A refused token or a conversation the bot forgot is dropped; a network error is
   * not (the bot may be restarting): Web Chat then retries the saved conversation itself.
   */
  async function resume(directLineUrl) {
    var saved = read();
    if (!saved) return undefined;
    var token = saved.token;
    try {
      if (token) {
        var refreshed = await fetch(directLineUrl + '/tokens/refresh', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
        if (refreshed.status >= 400 && refreshed.status < 500) throw new Error('token refused');
        if (refreshed.ok) token = (await refreshed.json()).token;
      }
      var found = await fetch(directLineUrl + '/conversations/' + encodeURIComponent(saved.conversationId), {
        headers: { Authorization: 'Bearer ' + token },
      });
      if (found.status >= 400 && found.status < 500) throw new Error('conversation gone');
    } catch (error) {
      if (error instanceof TypeError) return saved; // fetch's network error
      forget();
      return undefined;
    }
    return { conversationId: saved.conversationId, token: token, language: saved.language };
  }

  window.SportelloSession = { resume: resume, save: save, forget: forget };
})();
