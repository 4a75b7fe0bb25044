// What the two pages share: the connection indicator and number formatting.

const STATUS_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** Shows the client's status in element (its data-status attribute drives the colour). */
export function statusIndicator(element) {
  return (status) => {
    element.dataset.status = status;
    element.textContent = STATUS_TEXT[status] ?? status;
  };
}

const numbers = new Intl.NumberFormat();

export function formatCount(viewerCount) {
  return numbers.format(viewerCount);
}

export function formatTime(isoInstant) {
  return new Date(isoInstant).toLocaleString();
}
