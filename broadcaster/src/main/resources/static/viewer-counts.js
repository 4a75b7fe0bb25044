/**
 * viewer-counts.js: live viewer counts in the browser, from the broadcaster's WebSocket.
 * An ES module with no dependencies and no build step.
 *
 *   import { subscribe, unsubscribe, onStatus } from '/viewer-counts.js';
 *
 *   const stop = subscribe(['abc'], (count) => show(count.viewerCount, count.isLive));
 *   onStatus((status) => indicator.textContent = status);
 *   stop();                 // removes this callback (unsubscribes when it was the last one)
 *   unsubscribe(['abc']);   // or drop every callback of these streams at once
 *
 * A count is {streamId, viewerCount, isLive, endedAt, version}. Status is one of:
 *   connecting    first connection attempt
 *   live          socket open: counts arrive as they change
 *   reconnecting  socket lost, trying again; meanwhile counts are polled over HTTP
 *   offline       the browser is offline; we try again as soon as it is back
 *
 * One socket per page. After a drop the client reconnects with exponential backoff and full
 * jitter, subscribes to everything again (the server then sends each stream's current value), and
 * polls /api/streams/{id} until the socket is back. Whatever path a count comes by, it is shown
 * only if its version is above the last one seen for that stream, so counts never go backwards.
 */

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** A connection that stayed open this long was healthy: the next drop starts backoff afresh. */
const STABLE_AFTER_MS = 10_000;
const POLL_EVERY_MS = 5_000;
/** Ids per subscribe frame, to stay well below the server's frame size limit. */
const IDS_PER_FRAME = 100;

export class ViewerCountsClient extends EventTarget {
  #url;
  #apiBase;
  #callbacks = new Map(); // stream id -> Set of onCount functions
  #latest = new Map(); // stream id -> last count passed to the callbacks
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

  /** Calls onCount with each new count of these streams; returns a function that stops it. */
  subscribe(ids, onCount) {
    const added = [];
    for (const id of ids) {
      if (!this.#callbacks.has(id)) {
        this.#callbacks.set(id, new Set());
        added.push(id);
      }
      this.#callbacks.get(id).add(onCount);
      const known = this.#latest.get(id);
      if (known) onCount(known); // a second subscriber of a stream gets its value at once
    }
    this.#send('subscribe', added);
    if (this.#pollTimer) added.forEach((id) => this.#poll(id));
    return () => this.#removeCallback(ids, onCount);
  }

  /** Stops every callback of these streams. */
  unsubscribe(ids) {
    const removed = ids.filter((id) => this.#callbacks.delete(id));
    removed.forEach((id) => this.#latest.delete(id));
    this.#send('unsubscribe', removed);
  }

  #removeCallback(ids, onCount) {
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
      this.#setStatus('live');
      this.#stopPolling();
      // A new connection knows nothing: subscribe to everything again.
      this.#send('subscribe', [...this.#callbacks.keys()]);
    };
    socket.onmessage = (event) => this.#receive(JSON.parse(event.data));
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

  #receive(message) {
    if (message.type === 'viewer_count') {
      this.#apply(message);
    } else if (message.type === 'error') {
      console.warn(`viewer-counts: ${message.code}: ${message.message}`);
    }
  }

  /** Passes a count to its callbacks unless it is not newer than the last one they got. */
  #apply({ type, ...count }) {
    const callbacks = this.#callbacks.get(count.streamId);
    if (!callbacks) return; // no longer subscribed
    const last = this.#latest.get(count.streamId);
    if (last && count.version <= last.version) return;
    this.#latest.set(count.streamId, count);
    callbacks.forEach((onCount) => onCount(count));
  }

  #send(type, ids) {
    if (ids.length === 0 || this.#socket?.readyState !== WebSocket.OPEN) return;
    for (let i = 0; i < ids.length; i += IDS_PER_FRAME) {
      this.#socket.send(JSON.stringify({ type, streamIds: ids.slice(i, i + IDS_PER_FRAME) }));
    }
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

export const subscribe = (ids, onCount) => client().subscribe(ids, onCount);
export const unsubscribe = (ids) => client().unsubscribe(ids);

/** Calls listener with the current status now and with every change; returns a remover. */
export function onStatus(listener) {
  const target = client();
  const handler = (event) => listener(event.detail);
  target.addEventListener('status', handler);
  listener(target.status);
  return () => target.removeEventListener('status', handler);
}
