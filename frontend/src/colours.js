// One colour per ACLED event type, shared by the map markers, the timeline and the legend.
export const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2e86c1",
  "Riots": "#16a085",
  "Strategic developments": "#7f8c8d",
};
export const OTHER_COLOUR = "#34495e";

export function colourFor(type) {
  return Object.prototype.hasOwnProperty.call(TYPE_COLOURS, type) ? TYPE_COLOURS[type] : OTHER_COLOUR;
}

// Event data is untrusted: every element is built with textContent, never innerHTML.
export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
