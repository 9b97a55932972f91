// The dashboard's progressive layer: the map and the timeline. Everything else (filters, table,
// event pages, review forms) is rendered by the server and works without this script.
import "./dashboard.css";
import { initMap } from "./map.js";
import { initTimeline } from "./timeline.js";

function scrollSentencesIntoView() {
  // On event pages each source shows the whole article; bring the highlighted sentence into view.
  for (const box of document.querySelectorAll(".article-text")) {
    const mark = box.querySelector("mark");
    if (mark) box.scrollTop = Math.max(mark.offsetTop - box.offsetTop - 40, 0);
  }
}

function tidyFilterForm() {
  // Leave empty fields out of the query string so shared links stay short and readable.
  const form = document.getElementById("filter-form");
  if (!form) return;
  form.addEventListener("submit", () => {
    for (const field of form.elements) {
      if (field.name && field.value === "") field.disabled = true;
    }
  });
}

function start() {
  tidyFilterForm();
  const map = document.getElementById("map");
  if (map) initMap(map);
  const timeline = document.getElementById("timeline");
  if (timeline) initTimeline(timeline, document.getElementById("legend"));
  scrollSentencesIntoView();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
