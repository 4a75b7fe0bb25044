// The stream page: the server rendered the stream's value into the page; this keeps it current.
import { subscribe, seed, onStatus } from '/viewer-counts.js';
import { showStatus, formatCount, formatTime, formatAge, displayName } from '/pages.js';
import { Trend } from '/trend.js';

const initial = JSON.parse(document.getElementById('initial-count').textContent);
const initialHistory = JSON.parse(document.getElementById('initial-history').textContent);
const trend = new Trend(document.getElementById('sparkline'), document.getElementById('peak'));
const page = document.getElementById('stream');
const age = document.getElementById('age');
const status = document.getElementById('status');
let receivedAt = Date.now(); // when the value shown reached the page
let connection = 'connecting';

function show(count) {
  const name = displayName(count);
  document.title = `${name} · Viewer counts`;
  document.getElementById('name').textContent = name;
  document.getElementById('count').textContent = formatCount(count.viewerCount);
  document.getElementById('label').textContent = count.viewerCount === 1 ? 'viewer' : 'viewers';
  const state = document.getElementById('state');
  if (count.isLive) {
    state.textContent = 'Live';
  } else {
    state.textContent = count.endedAt ? `Ended ${formatTime(count.endedAt)}` : 'Not live';
  }
  page.dataset.state = count.isLive ? 'live' : 'ended';
}

/** While the socket is down the last value stays, with how old it is. */
function showAge() {
  age.hidden = connection === 'live' || connection === 'connecting';
  if (!age.hidden) age.textContent = `Last updated ${formatAge(receivedAt)} ago`;
}

show(initial); // the same value, with the browser's own time format
seed(initial);
if (initialHistory) trend.history(initialHistory);
trend.count(initial);
subscribe(
  [initial.streamId],
  (count) => {
    receivedAt = Date.now();
    show(count);
    showAge();
    trend.count(count);
  },
  { onHistory: (history) => trend.history(history) },
);
onStatus((current) => {
  connection = current;
  showStatus(status, current);
  showAge();
});
setInterval(showAge, 1000);
setInterval(() => trend.draw(), 5000);
