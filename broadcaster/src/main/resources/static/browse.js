// The list of live streams, most viewers first, for any number of them: cards are loaded a page
// at a time as the visitor scrolls, and only the cards on screen are subscribed, so a visitor
// costs the server the same with 10 or 10,000 live streams. The order is that of loading; counts
// update in place. New live streams come in through watchLive, ended ones leave.
import { subscribe, unsubscribe, watchLive, onStatus, onRefused } from '/viewer-counts.js';
import { showStatus, formatCount, displayName } from '/pages.js';

const PAGE_SIZE = 48;
/** The most cards one resync after a reconnection reloads (the API's own limit). */
const MAX_RELOAD = 1000;
/** Subscriptions follow the screen at most this often while it scrolls. */
const SYNC_DELAY_MS = 150;

const list = document.getElementById('cards');
const empty = document.getElementById('empty');
const more = document.getElementById('more');
const totalText = document.getElementById('total');
const statusElement = document.getElementById('status');
const template = document.getElementById('card').content.firstElementChild;

const cards = new Map(); // stream id -> {element, count}
const onScreen = new Set(); // ids of the cards in or near the viewport
const subscribed = new Set();
/** The server's subscription limit per connection, once it said it. */
let maxSubscriptions = Infinity;
let total = 0;
let reachedEnd = false;
let loading = null;
let syncTimer = null;
let connection = 'connecting';

const visibility = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      const id = entry.target.dataset.streamId;
      if (entry.isIntersecting) onScreen.add(id);
      else onScreen.delete(id);
    }
    scheduleSync();
  },
  { rootMargin: '200px 0px' },
);

// Near the end of the loaded cards: load the next page.
new IntersectionObserver(
  (entries) => {
    if (entries.some((entry) => entry.isIntersecting)) loadMore();
  },
  { rootMargin: '400px 0px' },
).observe(more);

function cardFor(count) {
  const element = template.cloneNode(true);
  element.dataset.streamId = count.streamId;
  element.querySelector('a').href = `/stream/${encodeURIComponent(count.streamId)}`;
  const entry = { element, count };
  show(entry, count);
  return entry;
}

function show(entry, count) {
  if (count.version < entry.count.version) return;
  entry.count = count;
  const name = displayName(count);
  entry.element.querySelector('.name').textContent = name;
  entry.element.querySelector('a').title = name;
  entry.element.querySelector('.count').textContent = formatCount(count.viewerCount);
}

function add(count, before = null) {
  const entry = cardFor(count);
  cards.set(count.streamId, entry);
  list.insertBefore(entry.element, before);
  visibility.observe(entry.element);
}

function remove(id) {
  const entry = cards.get(id);
  if (!entry) return;
  visibility.unobserve(entry.element);
  entry.element.remove();
  cards.delete(id);
  onScreen.delete(id);
  if (subscribed.delete(id)) unsubscribe([id]);
}

function showTotal() {
  totalText.textContent = total > 0 ? formatCount(total) : '';
  empty.hidden = cards.size > 0 || loading !== null;
}

/** A page of the list from the API: the streams and how many are live in all. */
async function fetchLive(offset, limit) {
  const response = await fetch(`/api/streams?live=true&offset=${offset}&limit=${limit}`, {
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`GET /api/streams answered ${response.status}`);
  return { counts: await response.json(), total: Number(response.headers.get('X-Total-Count')) };
}

function loadMore() {
  if (loading || reachedEnd) return;
  loading = fetchLive(cards.size, PAGE_SIZE)
    .then((page) => {
      page.counts.filter((count) => !cards.has(count.streamId)).forEach((count) => add(count));
      total = page.total;
      reachedEnd = page.counts.length < PAGE_SIZE;
    })
    .catch(() => {}) // the server is away: the status shows it, the next scroll tries again
    .finally(() => {
      loading = null;
      showTotal();
      // The sentinel may still be on screen (a tall window): keep filling it.
      if (!reachedEnd && more.getBoundingClientRect().top < innerHeight + 400) loadMore();
    });
}

/** After a reconnection the live set may have changed unseen: reload what was loaded. */
async function resync() {
  try {
    const limit = Math.min(MAX_RELOAD, Math.max(PAGE_SIZE, cards.size));
    const page = await fetchLive(0, limit);
    const fresh = new Set(page.counts.map((count) => count.streamId));
    [...cards.keys()].filter((id) => !fresh.has(id)).forEach(remove);
    let next = list.firstElementChild;
    for (const count of page.counts) {
      const entry = cards.get(count.streamId);
      if (entry) {
        show(entry, count);
        list.insertBefore(entry.element, next);
        next = entry.element.nextElementSibling;
      } else {
        add(count, next);
      }
    }
    total = page.total;
    reachedEnd = page.counts.length < limit;
    showTotal();
  } catch {
    // Still unreachable: the next reconnection tries again.
  }
}

/** A stream went live or ended (or any other count of a stream the page may show). */
function onLiveChange(count) {
  const entry = cards.get(count.streamId);
  if (!count.isLive) {
    if (entry) {
      remove(count.streamId);
      total = Math.max(0, total - 1);
    }
  } else if (entry) {
    show(entry, count);
  } else {
    total += 1;
    // Its place in the order, if that place is among the cards loaded; else a later page has it.
    const after = [...list.children].find(
      (element) => cards.get(element.dataset.streamId).count.viewerCount < count.viewerCount,
    );
    if (after) add(count, after);
    else if (reachedEnd) add(count);
  }
  showTotal();
}

function scheduleSync() {
  if (syncTimer === null) syncTimer = setTimeout(syncSubscriptions, SYNC_DELAY_MS);
}

/**
 * Subscribes the cards on screen and only them, from the top, as many as the connection's limit
 * allows; the others on screen are shown paused, and so is the status.
 */
function syncSubscriptions() {
  syncTimer = null;
  const gone = [...subscribed].filter((id) => !onScreen.has(id));
  gone.forEach((id) => subscribed.delete(id));
  if (gone.length > 0) unsubscribe(gone);
  const wanted = [...list.children]
    .map((element) => element.dataset.streamId)
    .filter((id) => onScreen.has(id) && !subscribed.has(id));
  const room = Math.max(0, maxSubscriptions - subscribed.size);
  const taken = wanted.slice(0, room);
  taken.forEach((id) => subscribed.add(id));
  if (taken.length > 0) subscribe(taken, onCount);
  showPaused(new Set(wanted.slice(room)));
}

function onCount(count) {
  const entry = cards.get(count.streamId);
  if (entry) show(entry, count);
}

/** The server refused a subscribe: keep within its limit from now on, and try again. */
function onRefusal({ streamIds, limit }) {
  streamIds.forEach((id) => subscribed.delete(id));
  // A server that does not say its limit: what it accepted so far is the limit.
  maxSubscriptions = limit > 0 ? limit : subscribed.size;
  unsubscribe(streamIds);
  syncSubscriptions();
}

let paused = new Set();

/** A card on screen that cannot be subscribed says so, and so does the status. */
function showPaused(nowPaused = paused) {
  paused = nowPaused;
  for (const [id, entry] of cards) entry.element.classList.toggle('paused', paused.has(id));
  showStatus(statusElement, connection === 'live' && paused.size > 0 ? 'partial' : connection);
}

onRefused(onRefusal);
onStatus((status) => {
  const reconnected = status === 'live' && connection !== 'live' && connection !== 'connecting';
  connection = status;
  showPaused();
  if (reconnected) resync();
});
watchLive(onLiveChange);
loadMore();
