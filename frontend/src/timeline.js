// Events per ISO week, stacked by event type, drawn as SVG. Dragging across the chart (or clicking
// a bar) selects a span of weeks and reloads the dashboard filtered to those dates.
import { colourFor, el } from "./colours.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const HEIGHT = 220;
const PAD = { left: 30, right: 8, top: 10, bottom: 26 };

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Weeks with no events still get a slot, so the x axis is true time.
function fillWeeks(weeks) {
  if (!weeks.length) return [];
  const byStart = new Map(weeks.map((w) => [w.week_start, w]));
  const out = [];
  let cursor = weeks[0].week_start;
  const last = weeks[weeks.length - 1].week_start;
  while (cursor <= last && out.length < 2000) {
    out.push(byStart.get(cursor) || { week_start: cursor, total: 0, counts: {} });
    cursor = addDays(cursor, 7);
  }
  return out;
}

function selectSpan(first, last) {
  const params = new URLSearchParams(window.location.search);
  params.set("date_from", first.week_start);
  params.set("date_to", addDays(last.week_start, 6));
  params.delete("offset");
  window.location.assign(`/?${params.toString()}`);
}

export function drawTimeline(node, stats) {
  const weeks = fillWeeks(stats.by_week);
  node.replaceChildren();
  if (!weeks.length) {
    node.appendChild(el("p", { class: "note" }, "No dated events to chart."));
    return;
  }
  const svg = svgEl("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img" });
  svg.appendChild(svgEl("title", {}, "Events per week by type; drag to select dates"));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(...weeks.map((w) => w.total), 1);
  const slot = plotW / weeks.length;
  const barW = Math.max(slot - 1, 1);
  weeks.forEach((week, i) => {
    let y = PAD.top + plotH;
    const group = svgEl("g", { class: "week", "data-week": week.week_start });
    group.appendChild(svgEl("title", {}, `${week.week || week.week_start}: ${week.total} events`));
    for (const [type, count] of Object.entries(week.counts)) {
      const h = (count / max) * plotH;
      y -= h;
      group.appendChild(svgEl("rect", {
        x: PAD.left + i * slot, y, width: barW, height: h, fill: colourFor(type),
      }));
    }
    svg.appendChild(group);
  });
  svg.appendChild(svgEl("text", { x: PAD.left - 4, y: PAD.top + 8, "text-anchor": "end", class: "axis" }, max));
  svg.appendChild(svgEl("text", { x: PAD.left - 4, y: PAD.top + plotH, "text-anchor": "end", class: "axis" }, 0));
  const ticks = Math.min(weeks.length, 5);
  for (let t = 0; t < ticks; t++) {
    const i = Math.round((t * (weeks.length - 1)) / Math.max(ticks - 1, 1));
    svg.appendChild(svgEl("text", {
      x: PAD.left + i * slot + barW / 2, y: HEIGHT - 8, "text-anchor": "middle", class: "axis",
    }, weeks[i].week_start));
  }
  svg.appendChild(svgEl("line", {
    x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plotH, y2: PAD.top + plotH, stroke: "#99a",
  }));
  const brush = svgEl("rect", { class: "brush", x: 0, y: PAD.top, width: 0, height: plotH, visibility: "hidden" });
  svg.appendChild(brush);

  const indexAt = (event) => {
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    return Math.min(Math.max(Math.floor((x - PAD.left) / slot), 0), weeks.length - 1);
  };
  let anchor = null;
  const show = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    brush.setAttribute("x", PAD.left + lo * slot);
    brush.setAttribute("width", (hi - lo + 1) * slot);
    brush.setAttribute("visibility", "visible");
  };
  svg.addEventListener("pointerdown", (event) => {
    anchor = indexAt(event);
    show(anchor, anchor);
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (anchor !== null) show(anchor, indexAt(event));
  });
  svg.addEventListener("pointerup", (event) => {
    if (anchor === null) return;
    const end = indexAt(event);
    const lo = Math.min(anchor, end);
    const hi = Math.max(anchor, end);
    anchor = null;
    selectSpan(weeks[lo], weeks[hi]);
  });
  node.appendChild(svg);
  node.dataset.weeks = String(weeks.length);
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
