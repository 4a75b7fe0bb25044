/**
 * viewer-counts.js: live viewer counts in the browser, from the broadcaster's WebSocket.
 * An ES module with no dependencies and no build step. docs/protocol.md describes the protocol
 * and this API in full.
 *
 *   import { subscribe, unsubscribe, seed, watchLive, onStatus, onRefused } from '/viewer-counts.js';
 *
 *   seed(countRenderedByTheServer);  // a value the page shows already: only newer ones follow
 *   const stop = subscribe(['abc'], (count) => show(count.name, count.viewerCount, count.isLive));
 *   subscribe(['abc'], onCount, { onHistory: (history) => chart(history.start, history.mean) });
 *   onStatus((status) => indicator.textContent = status);
 *   onRefused(({ streamIds, limit }) => markPaused(streamIds)); // the server refused them
 *   const unwatch = watchLive((count) => count.isLive ? addCard(count) : removeCard(count));
 *   stop();                 // removes this callback (unsubscribes when it was the last one)
 *   unsubscribe(['abc']);   // or drop every callback of these streams at once
 *
 * A count is {streamId, name, viewerCount, isLive, endedAt, version}. A history is {streamId,
 * start, peak, mean}: the stream's recent closed minutes from start, one entry each in peak and
 * mean (null where it was not live), sent on subscribe and again each time a minute closes, to
 * subscribers that pass onHistory. Status is one of:
 *   connecting    first connection attempt
 *   live          socket open: counts arrive as they change
 *   reconnecting  socket lost, trying again; meanwhile counts are polled over HTTP
 *   offline       the browser is offline; we try again as soon as it is back
 *
 * One socket per page. After a drop the client reconnects with exponential backoff and full
 * jitter, subscribes to everything again (the server then sends each stream's current value), and
 * polls /api/streams/{id} until the socket is back. Whatever path a count comes by, it is shown
 * only if its version is above the last one seen for that stream, so counts never go backwards.
 * A subscribe the server refuses for its per-connection limit is reported through onRefused, not
 * retried; one refused for its rate limit is sent again a second later.
 */

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** A connection that stayed open this long was healthy: the next drop starts backoff afresh. */
const STABLE_AFTER_MS = 10_000;
const POLL_EVERY_MS = 5_000;
/** Wait before subscribing again to streams refused with rate_limited. */
const RATE_LIMITED_RETRY_MS = 1_000;
/** Ids per subscribe frame, to stay well below the server's frame size limit. */
const IDS_PER_FRAME = 100;

export class ViewerCountsClient extends EventTarget {
  #url;
  #apiBase;
  #callbacks = new Map(); // stream id -> Set of onCount functions
  #historyCallbacks = new Map(); // stream id -> Set of onHistory functions
  #histories = new Map(); // stream id -> last history received
  #latest = new Map(); // stream id -> last count passed to the callbacks, or seeded
  #refused = new Set(); // stream ids the server refused to subscribe on this connection
  #liveWatchers = new Set();
  #socket = null;
  #openedAt = 0;
  #attempts = 0; // failed or short-lived connections in a row
  #retryTimer = null;
  #pollTimer = null;
  #status = 'connecting';

  constructor({ url = defaultSocketUrl(), apiBase = '' } = {}) {
    super();
    this.#url = url;
    this.#apiBase = apiBase;
    window.addEventListener('online', () => this.#retryNow());
    window.addEventListener('offline', () => this.#setStatus('offline'));
    this.#connect();
  }

  get status() {
    return this.#status;
  }

  /** The stream ids the server refused to subscribe (its per-connection limit), until unsubscribed. */
  get refused() {
    return new Set(this.#refused);
  }

  /**
   * Remembers a count the page already has (rendered by the server): callbacks then get only
   * counts of a higher version.
   */
  seed(count) {
    const last = this.#latest.get(count.streamId);
    if (!last || count.version > last.version) this.#latest.set(count.streamId, count);
  }

  /**
   * Calls onCount with each new count of these streams, and onHistory, when given, with each of
   * their histories; returns a function that stops both.
   */
  subscribe(ids, onCount, { onHistory } = {}) {
    const added = [];
    const historyAdded = [];
    for (const id of ids) {
      if (!this.#callbacks.has(id)) {
        this.#callbacks.set(id, new Set());
        added.push(id);
      }
      this.#callbacks.get(id).add(onCount);
      const known = this.#latest.get(id);
      if (known) onCount(known); // a second subscriber of a stream gets its value at once
      if (onHistory) {
        if (!this.#historyCallbacks.has(id)) {
          this.#historyCallbacks.set(id, new Set());
          historyAdded.push(id);
        }
        this.#historyCallbacks.get(id).add(onHistory);
        const history = this.#histories.get(id);
        if (history) onHistory(history);
      }
    }
    this.#send('subscribe', added.filter((id) => !this.#historyCallbacks.has(id)));
    this.#send('subscribe', historyAdded, { history: true }); // new or already subscribed
    if (this.#pollTimer) added.forEach((id) => this.#poll(id));
    return () => this.#removeCallback(ids, onCount, onHistory);
  }

  /** Stops every callback of these streams. */
  unsubscribe(ids) {
    const removed = ids.filter((id) => this.#callbacks.delete(id));
    removed.forEach((id) => {
      this.#latest.delete(id);
      this.#historyCallbacks.delete(id);
      this.#histories.delete(id);
    });
    const subscribed = removed.filter((id) => !this.#refused.delete(id));
    this.#send('unsubscribe', subscribed);
  }

  /**
   * Calls onCount with the count of every stream that goes live or stops being live (and with any
   * other count this client receives); returns a function that stops it. Nothing is sent for the
   * streams live already: list them with GET /api/streams?live=true.
   */
  watchLive(onCount) {
    this.#liveWatchers.add(onCount);
    if (this.#liveWatchers.size === 1) this.#sendCommand({ type: 'subscribe_live' });
    return () => {
      if (this.#liveWatchers.delete(onCount) && this.#liveWatchers.size === 0) {
        this.#sendCommand({ type: 'unsubscribe_live' });
      }
    };
  }

  #removeCallback(ids, onCount, onHistory) {
    // The server goes on sending a still subscribed stream's histories: they are then ignored.
    ids.forEach((id) => this.#historyCallbacks.get(id)?.delete(onHistory));
    const unused = ids.filter((id) => {
      const callbacks = this.#callbacks.get(id);
      return callbacks && callbacks.delete(onCount) && callbacks.size === 0;
    });
    this.unsubscribe(unused);
  }

  #connect() {
    this.#retryTimer = null;
    if (navigator.onLine === false) {
      this.#setStatus('offline'); // the 'online' event brings us back
      return;
    }
    this.#setStatus(this.#attempts === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#openedAt = Date.now();
      // A new connection knows nothing: subscribe to everything again.
      this.#refused.clear();
      if (this.#liveWatchers.size > 0) this.#sendCommand({ type: 'subscribe_live' });
      const ids = [...this.#callbacks.keys()];
      this.#send('subscribe', ids.filter((id) => !this.#historyCallbacks.get(id)?.size));
      this.#send('subscribe', ids.filter((id) => this.#historyCallbacks.get(id)?.size), {
        history: true,
      });
      this.#stopPolling();
      this.#setStatus('live');
    };
    socket.onmessage = (event) => this.#receive(event.data);
    // An error is always followed by a close, so the close alone drives reconnection.
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#reconnectLater();
    };
  }

  #reconnectLater() {
    const stable = this.#openedAt > 0 && Date.now() - this.#openedAt >= STABLE_AFTER_MS;
    this.#openedAt = 0;
    this.#attempts = stable ? 1 : this.#attempts + 1;
    // Full jitter: a random delay up to the exponential ceiling, so that thousands of pages
    // dropped together (a server restart) do not all come back at the same moment.
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.#attempts);
    this.#retryTimer = setTimeout(() => this.#connect(), Math.random() * ceiling);
    this.#setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    this.#startPolling();
  }

  #retryNow() {
    if (this.#retryTimer === null) return; // connected or connecting already
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  #receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return; // not ours to understand: the protocol only sends JSON
    }
    if (message.type === 'viewer_count') {
      this.#apply(message);
    } else if (message.type === 'history') {
      this.#applyHistory(message);
    } else if (message.type === 'error') {
      this.#refusedBy(message);
    }
    // Other types (subscribed, subscribed_live, and any the server adds later) need nothing.
  }

  #refusedBy({ code, message, streamIds, limit }) {
    const wanted = (streamIds ?? []).filter((id) => this.#callbacks.has(id));
    if (code === 'rate_limited' && wanted.length > 0) {
      setTimeout(() => this.#send('subscribe', wanted.filter((id) => this.#callbacks.has(id))),
        RATE_LIMITED_RETRY_MS);
    } else if (code === 'too_many_subscriptions' && wanted.length > 0) {
      wanted.forEach((id) => this.#refused.add(id));
      this.dispatchEvent(
        new CustomEvent('refused', { detail: { code, streamIds: wanted, limit } }),
      );
    } else {
      console.warn(`viewer-counts: ${code}: ${message}`);
    }
  }

  /** Passes a count to its callbacks unless it is not newer than the last one they got. */
  #apply({ type, ...count }) {
    const last = this.#latest.get(count.streamId);
    if (last && count.version <= last.version) return;
    const callbacks = this.#callbacks.get(count.streamId);
    if (callbacks) {
      this.#latest.set(count.streamId, count);
      callbacks.forEach((onCount) => onCount(count));
    }
    this.#liveWatchers.forEach((onCount) => onCount(count));
  }

  #applyHistory({ type, ...history }) {
    const callbacks = this.#historyCallbacks.get(history.streamId);
    if (!callbacks) return;
    this.#histories.set(history.streamId, history);
    callbacks.forEach((onHistory) => onHistory(history));
  }

  #send(type, ids, options = {}) {
    for (let i = 0; i < ids.length; i += IDS_PER_FRAME) {
      this.#sendCommand({ type, streamIds: ids.slice(i, i + IDS_PER_FRAME), ...options });
    }
  }

  #sendCommand(command) {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(command));
  }

  #startPolling() {
    if (this.#pollTimer) return;
    const pollAll = () => this.#callbacks.forEach((_, id) => this.#poll(id));
    this.#pollTimer = setInterval(pollAll, POLL_EVERY_MS);
    pollAll();
  }

  #stopPolling() {
    clearInterval(this.#pollTimer);
    this.#pollTimer = null;
  }

  async #poll(id) {
    try {
      const response = await fetch(`${this.#apiBase}/api/streams/${encodeURIComponent(id)}`, {
        cache: 'no-store',
      });
      if (response.ok) this.#apply(await response.json());
    } catch {
      // Offline or server down: the next poll tries again.
    }
  }

  #setStatus(status) {
    if (status === this.#status) return;
    this.#status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: status }));
  }
}

function defaultSocketUrl() {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

// The page's client, created on first use.
let pageClient = null;
const client = () => (pageClient ??= new ViewerCountsClient());

export const subscribe = (ids, onCount, options) => client().subscribe(ids, onCount, options);
export const unsubscribe = (ids) => client().unsubscribe(ids);
export const seed = (count) => client().seed(count);
export const watchLive = (onCount) => client().watchLive(onCount);
export const refused = () => client().refused;

/** Calls listener with the current status now and with every change; returns a remover. */
export function onStatus(listener) {
  return listen('status', listener, true);
}

/**
 * Calls listener with {code, streamIds, limit} each time the server refuses to subscribe streams
 * for its per-connection limit (the limit, when the server says it).
 */
export function onRefused(listener) {
  return listen('refused', listener, false);
}

function listen(type, listener, callNow) {
  const target = client();
  const handler = (event) => listener(event.detail);
  target.addEventListener(type, handler);
  if (callNow) listener(target.status);
  return () => target.removeEventListener(type, handler);
}
