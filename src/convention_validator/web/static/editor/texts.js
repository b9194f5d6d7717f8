// The page's texts, translated by the server from the tool's catalogue and written into the page.

const TEXTS = JSON.parse(document.getElementById("editor-texts").textContent);
const FRENCH = document.documentElement.lang === "fr";

export function t(key, values = {}) {
  const count = values.count;
  const plural = count !== undefined && (FRENCH ? count > 1 : count !== 1);
  const text = (plural && TEXTS[`${key}_plural`]) || TEXTS[key] || key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
