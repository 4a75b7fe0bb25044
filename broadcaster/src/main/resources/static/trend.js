// A stream's last minutes as a sparkline in plain SVG: the closed minutes of its history (their
// time-weighted means) and the current minute from the counts the page receives.

const MINUTE_MS = 60_000;
const WIDTH = 300;
const HEIGHT = 60;
const PAD = 3; // room for the line's width and the end dot
const SVG_NS = 'http://www.w3.org/2000/svg';

export class Trend {
  #minutes;
  #closed = new Map(); // epoch minute -> {peak, mean} of closed minutes
  #current = null; // {minute, peak, count}: the minute in progress, from live counts
  #svg;
  #peakText;

  /**
   * @param svg the <svg> to draw in; its viewBox is set here
   * @param peakText where the peak of the window is written
   * @param minutes how many closed minutes the window shows
   */
  constructor(svg, peakText, minutes = 30) {
    this.#svg = svg;
    this.#peakText = peakText;
    this.#minutes = minutes;
    svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  }

  /** Takes a history message's minutes: they replace what the page had for them. */
  history({ start, peak, mean }) {
    const first = Math.floor(Date.parse(start) / MINUTE_MS);
    peak.forEach((p, i) => {
      if (p === null) this.#closed.delete(first + i);
      else this.#closed.set(first + i, { peak: p, mean: mean[i] });
    });
    this.draw();
  }

  /** Takes a live count: the current minute's point and peak. */
  count({ viewerCount, isLive }, now = Date.now()) {
    const minute = Math.floor(now / MINUTE_MS);
    if (!isLive) {
      this.#current = null;
    } else if (this.#current?.minute === minute) {
      this.#current.count = viewerCount;
      this.#current.peak = Math.max(this.#current.peak, viewerCount);
    } else {
      this.#current = { minute, peak: viewerCount, count: viewerCount };
    }
    this.draw(now);
  }

  /** Redraws for the time now: call it as time passes so old minutes leave the window. */
  draw(now = Date.now()) {
    const thisMinute = Math.floor(now / MINUTE_MS);
    const first = thisMinute - this.#minutes;
    for (const minute of this.#closed.keys()) if (minute < first) this.#closed.delete(minute);
    if (this.#current && this.#current.minute < thisMinute) {
      // The minute ended before its closed record came: it goes on showing the count it held.
      this.#current = { minute: thisMinute, peak: this.#current.count, count: this.#current.count };
    }
    const points = [];
    for (let minute = first; minute < thisMinute; minute++) {
      const closed = this.#closed.get(minute);
      if (closed) {
        points.push({ x: minute - first, value: closed.mean, peak: closed.peak });
      } else if (minute < thisMinute - 1) {
        points.push(null); // not live then; the last minute's record is merely still to come
      }
    }
    if (this.#current) {
      points.push({ x: this.#minutes, value: this.#current.count, peak: this.#current.peak });
    }
    this.#render(points);
  }

  #render(points) {
    const known = points.filter(Boolean);
    const peak = known.reduce((max, point) => Math.max(max, point.peak), 0);
    this.#svg.replaceChildren();
    this.#svg.dataset.points = String(known.length);
    this.#svg.dataset.peak = String(peak);
    this.#peakText.textContent = known.length ? new Intl.NumberFormat().format(peak) : '–';
    const top = Math.max(peak, 1);
    const x = (minute) => PAD + (minute / this.#minutes) * (WIDTH - 2 * PAD);
    const y = (value) => HEIGHT - PAD - (value / top) * (HEIGHT - 2 * PAD);
    // A minute the stream was not live breaks the line.
    let run = [];
    const flush = () => {
      if (run.length > 0) this.#svg.append(line(run.map((p) => `${x(p.x)},${y(p.value)}`)));
      run = [];
    };
    points.forEach((point) => (point ? run.push(point) : flush()));
    flush();
    const last = points[points.length - 1];
    if (last) this.#svg.append(dot(x(last.x), y(last.value)));
  }
}

function line(coordinates) {
  const polyline = document.createElementNS(SVG_NS, 'polyline');
  polyline.setAttribute('points', coordinates.join(' '));
  polyline.setAttribute('class', 'trend-line');
  return polyline;
}

function dot(cx, cy) {
  const circle = document.createElementNS(SVG_NS, 'circle');
  circle.setAttribute('cx', cx);
  circle.setAttribute('cy', cy);
  circle.setAttribute('r', 2.5);
  circle.setAttribute('class', 'trend-now');
  return circle;
}
