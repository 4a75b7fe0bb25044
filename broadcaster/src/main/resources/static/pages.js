// What the pages share: the connection indicator and the formatting of numbers, times and ages.

/**
 * The connection's state, in words that cannot be read as a stream's state: a stream is "Live"
 * or "Ended"; the connection is "Connected" or not.
 */
const STATUS_TEXT = {
  connecting: 'Connecting…',
  live: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  partial: 'Connected, some counts paused',
};

const STATUS_TITLE = {
  live: 'Counts update as they change',
  reconnecting: 'Counts are checked every few seconds until the connection is back',
  offline: 'Counts update again when the browser is back online',
  partial: 'Too many streams on screen for this connection: scroll to resume their counts',
};

/** Shows a connection status in element (its data-status attribute drives the colour). */
export function showStatus(element, status) {
  element.dataset.status = status;
  element.textContent = STATUS_TEXT[status] ?? status;
  element.title = STATUS_TITLE[status] ?? '';
}

const numbers = new Intl.NumberFormat();

export function formatCount(viewerCount) {
  return numbers.format(viewerCount);
}

export function formatTime(isoInstant) {
  return new Date(isoInstant).toLocaleString();
}

/** A stream's name, or its id when it has none. */
export function displayName(count) {
  return count.name?.trim() ? count.name : count.streamId;
}

/** "12 s", "3 min", "2 h": how long ago a moment (epoch ms) was. */
export function formatAge(sinceMs) {
  const seconds = Math.max(0, Math.round((Date.now() - sinceMs) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}
