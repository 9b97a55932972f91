// Events per week, month or year (the server picks the unit from the span), stacked by event
// type, with fatalities as a line on their own scale. Background mentions of old events are
// left out so they cannot stretch the axis (the note says how many).
//
// Select a span by dragging across the chart or clicking a bar, or from the keyboard: focus the
// chart, move with the arrow keys (Home/End for the ends), hold Shift to extend, Enter to
// filter the dashboard to the selected dates, Escape to clear.
import { colourFor, el } from "./colours.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const HEIGHT = 230;
const PAD = { left: 34, right: 34, top: 12, bottom: 28 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

export function binLabel(bin, unit) {
  const [y, m, d] = bin.start.split("-").map(Number);
  if (unit === "year") return String(y);
  if (unit === "month") return `${MONTHS[m - 1]} ${y}`;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

function describeBin(bin, unit) {
  const what = unit === "week" ? `week of ${binLabel(bin, unit)}` : binLabel(bin, unit);
  return `${what}: ${bin.total} events, ${bin.fatalities} fatalities`;
}

function selectSpan(first, last) {
  const params = new URLSearchParams(window.location.search);
  params.set("date_from", first.start);
  params.set("date_to", last.end);
  params.delete("offset");
  window.location.assign(`/?${params.toString()}`);
}

export function drawTimeline(node, stats) {
  const timeline = stats.timeline || { unit: "week", bins: [], background_left_out: 0 };
  const { unit, bins } = timeline;
  node.replaceChildren();
  if (!bins.length) {
    node.appendChild(el("p", { class: "note" }, "No dated events to chart."));
    node.dataset.state = "ready";
    return;
  }
  const svg = svgEl("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "application",
    tabindex: 0,
    "aria-roledescription": "timeline",
    "aria-label": `Events and fatalities per ${unit}. Arrow keys move, Shift extends, Enter filters to the selection.`,
    "aria-describedby": "timeline-status",
  });
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(...bins.map((b) => b.total), 1);
  const maxDead = Math.max(...bins.map((b) => b.fatalities), 0);
  const slot = plotW / bins.length;
  const barW = Math.max(slot * 0.82, 0.5);
  const x = (i) => PAD.left + i * slot;
  bins.forEach((bin, i) => {
    let y = PAD.top + plotH;
    const group = svgEl("g", { class: "bin", "data-start": bin.start, "data-end": bin.end });
    group.appendChild(svgEl("title", {}, describeBin(bin, unit)));
    for (const [type, count] of Object.entries(bin.counts)) {
      const h = (count / max) * plotH;
      y -= h;
      group.appendChild(svgEl("rect", {
        x: x(i) + (slot - barW) / 2, y, width: barW, height: h, fill: colourFor(type),
      }));
    }
    svg.appendChild(group);
  });
  if (maxDead > 0) {
    const points = bins.map((b, i) => `${x(i) + slot / 2},${PAD.top + plotH - (b.fatalities / maxDead) * plotH}`);
    svg.appendChild(svgEl("polyline", { class: "fatalities", points: points.join(" "), fill: "none" }));
    svg.appendChild(svgEl("text", { x: WIDTH - PAD.right + 4, y: PAD.top + 8, class: "axis axis-fatalities" }, maxDead));
    svg.appendChild(svgEl("text", { x: WIDTH - PAD.right + 4, y: PAD.top + plotH, class: "axis axis-fatalities" }, 0));
  }
  svg.appendChild(svgEl("text", { x: PAD.left - 4, y: PAD.top + 8, "text-anchor": "end", class: "axis" }, max));
  svg.appendChild(svgEl("text", { x: PAD.left - 4, y: PAD.top + plotH, "text-anchor": "end", class: "axis" }, 0));
  // up to four date labels, the first anchored at its start and the last at its end, so none is cut
  const ticks = Math.min(bins.length, 4);
  for (let t = 0; t < ticks; t++) {
    const i = Math.round((t * (bins.length - 1)) / Math.max(ticks - 1, 1));
    const anchor = t === 0 ? "start" : t === ticks - 1 ? "end" : "middle";
    const at = t === 0 ? x(i) : t === ticks - 1 ? x(i) + slot : x(i) + slot / 2;
    svg.appendChild(svgEl("text", { x: at, y: HEIGHT - 9, "text-anchor": anchor, class: "axis" }, binLabel(bins[i], unit)));
  }
  svg.appendChild(svgEl("line", {
    x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plotH, y2: PAD.top + plotH, stroke: "#99a",
  }));
  const brush = svgEl("rect", { class: "brush", x: 0, y: PAD.top, width: 0, height: plotH, visibility: "hidden" });
  svg.appendChild(brush);

  const status = el("p", { id: "timeline-status", class: "timeline-status", "aria-live": "polite" });
  let anchor = null;
  let cursor = null;
  const show = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    brush.setAttribute("x", x(lo));
    brush.setAttribute("width", (hi - lo + 1) * slot);
    brush.setAttribute("visibility", "visible");
    const span = lo === hi ? describeBin(bins[lo], unit)
      : `${binLabel(bins[lo], unit)} to ${binLabel(bins[hi], unit)}: ${bins.slice(lo, hi + 1).reduce((n, b) => n + b.total, 0)} events`;
    status.textContent = `${span}. Enter filters to these dates.`;
    node.dataset.selection = `${bins[lo].start}/${bins[hi].end}`;
  };
  const indexAt = (event) => {
    const box = svg.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * WIDTH;
    return Math.min(Math.max(Math.floor((px - PAD.left) / slot), 0), bins.length - 1);
  };
  let dragging = null;
  svg.addEventListener("pointerdown", (event) => {
    dragging = indexAt(event);
    show(dragging, dragging);
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (dragging !== null) show(dragging, indexAt(event));
  });
  svg.addEventListener("pointerup", (event) => {
    if (dragging === null) return;
    const end = indexAt(event);
    const lo = Math.min(dragging, end);
    const hi = Math.max(dragging, end);
    dragging = null;
    selectSpan(bins[lo], bins[hi]);
  });
  svg.addEventListener("keydown", (event) => {
    const last = bins.length - 1;
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowUp: 1, ArrowDown: -1 };
    if (event.key in moves || event.key === "Home" || event.key === "End") {
      event.preventDefault();
      const from = cursor === null ? last : cursor;
      const next = cursor === null && !(event.key === "Home" || event.key === "End") ? last
        : event.key === "Home" ? 0 : event.key === "End" ? last
          : Math.min(Math.max(from + moves[event.key], 0), last);
      if (!event.shiftKey) anchor = next;
      else if (anchor === null) anchor = from;
      cursor = next;
      show(anchor, cursor);
    } else if (event.key === "Enter" && cursor !== null) {
      event.preventDefault();
      selectSpan(bins[Math.min(anchor, cursor)], bins[Math.max(anchor, cursor)]);
    } else if (event.key === "Escape") {
      anchor = null;
      cursor = null;
      brush.setAttribute("visibility", "hidden");
      status.textContent = "";
      delete node.dataset.selection;
    }
  });
  node.appendChild(svg);
  const key = el("p", { class: "timeline-key" });
  key.append(el("span", { class: "key-bars" }, `Bars: events per ${unit}`));
  if (maxDead > 0) key.append(" · ", el("span", { class: "key-line" }, "line: fatalities (right scale)"));
  if (timeline.background_left_out) {
    key.append(` · ${timeline.background_left_out} background mention${timeline.background_left_out === 1 ? "" : "s"} of older events not charted`);
  }
  node.append(key, status);
  node.dataset.unit = unit;
  node.dataset.bins = String(bins.length);
  node.dataset.state = "ready";
}

function drawLegend(node, stats) {
  if (!node) return;
  const types = [...new Set(stats.by_type.map((row) => row.event_type).filter(Boolean))].sort();
  node.replaceChildren(...types.map((type) => {
    const item = el("li");
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colourFor(type);
    item.append(swatch, document.createTextNode(type));
    return item;
  }));
}

export function initTimeline(node, legend) {
  fetch(node.dataset.stats, { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(`stats: HTTP ${response.status}`);
      return response.json();
    })
    .then((stats) => {
      drawTimeline(node, stats);
      drawLegend(legend, stats);
    })
    .catch((error) => {
      node.dataset.state = "error";
      node.replaceChildren(el("p", { class: "note" }, `The timeline could not load: ${error.message}`));
    });
}
