// The editor: the draft, the form's sections, validation as you type, and the page's actions.

import { getJSON, post, postJSON } from "./api.js";
import { clearDraft, loadDraft, saveDraft } from "./draft.js";
import { showFindings } from "./findings.js";
import { MODEL, closeItems, fieldsOf, openItem, readValue } from "./form.js";
import { child, domId, get, parent, set, tokens } from "./pointer.js";
import { bindFiles } from "./files.js";
import { t } from "./texts.js";

const DEBOUNCE_MS = 200;
const CONTRACT_FIELDS = new Set(["city_contract", "covered_qpv"]);
const SECTIONS = {
  "section-contract": (name) => CONTRACT_FIELDS.has(name),
  "section-parties": (name) => name === "parties",
  "section-datasets": (name) => name === "datasets",
  "section-convention": (name) => !CONTRACT_FIELDS.has(name) && name !== "parties" && name !== "datasets",
};

const state = { doc: null, timer: null, sequence: 0, changedAt: 0, result: null };

function emptyDraft() {
  return { "@context": MODEL.context, type: "Convention" };
}

function announce(text) {
  const status = document.getElementById("editor-status");
  status.textContent = text;
}

// Rebuild sections of the form from the draft (all by default); the focused field keeps the focus.
function render(sections = Object.keys(SECTIONS)) {
  const focused = document.activeElement && document.activeElement.id;
  for (const id of sections) {
    document.getElementById(id).replaceChildren(fieldsOf(MODEL.root, "", state.doc, SECTIONS[id]));
  }
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
}

async function check() {
  state.timer = null;
  const sequence = ++state.sequence;
  const changedAt = state.changedAt;
  try {
    const result = await postJSON("check", state.doc);
    if (sequence !== state.sequence) return; // a newer change is being checked
    state.result = result;
    showFindings(result);
    window.editorTiming = { changedAt, shownAt: performance.now(), findings: result.findings.length };
    document.body.dataset.checks = String(sequence);
    if (state.timer === null) document.body.dataset.pending = "false"; // the findings shown are the draft's
  } catch (error) {
    if (sequence === state.sequence) announce(t("check_failed", { reason: error.message }));
  }
}

function changed({ now = false } = {}) {
  state.changedAt = performance.now();
  document.body.dataset.pending = "true";
  saveDraft(state.doc);
  clearTimeout(state.timer);
  state.timer = setTimeout(check, now ? 0 : DEBOUNCE_MS);
}

export function replaceDraft(data, message) {
  state.doc = data;
  closeItems();
  render();
  changed({ now: true });
  if (message) announce(message);
}

export function currentDraft() {
  return state.doc;
}

function onInput(event) {
  const read = event.target.matches("input, select, textarea") ? readValue(event.target) : null;
  if (!read) return;
  set(state.doc, read.pointer, read.value);
  changed({ now: event.target.matches("select, input[type=checkbox]") }); // a choice is checked at once, typing after a pause
}

// The section that shows the value at `pointer`.
function sectionOf(pointer) {
  const name = tokens(pointer)[0];
  return Object.keys(SECTIONS).find((id) => SECTIONS[id](name));
}

// A party's identifier or name feeds the party choices of the other sections: rebuild them when it is left.
function onChange(event) {
  const pointer = event.target.dataset && event.target.dataset.pointer;
  if (pointer && /^\/parties\/\d+\/(id|name)$/.test(pointer)) {
    render(Object.keys(SECTIONS).filter((id) => id !== "section-parties"));
  }
}

// A new item of a list: a dataset gets an identifier under the convention's, « …/jeux-de-donnees/jeu-N ».
function newItem(target) {
  if (target === "Dataset") {
    const base = typeof state.doc.id === "string" && state.doc.id ? state.doc.id : "https://example.org/convention";
    const used = new Set((Array.isArray(state.doc.datasets) ? state.doc.datasets : []).map((d) => d && d.id));
    let number = 1;
    while (used.has(`${base}/jeux-de-donnees/jeu-${number}`)) number += 1;
    return { id: `${base}/jeux-de-donnees/jeu-${number}`, type: "Dataset" };
  }
  if (target === "Party") return { type: "Party" };
  return {};
}

async function onAction(event) {
  const control = event.target.closest("[data-action]");
  if (!control) return;
  const { action, pointer } = control.dataset;
  let focus = null;
  if (action === "add-item") {
    const list = Array.isArray(get(state.doc, pointer)) ? get(state.doc, pointer) : [];
    list.push(newItem(control.dataset.target));
    set(state.doc, pointer, list);
    openItem(child(pointer, list.length - 1));
    focus = domId(child(pointer, list.length - 1));
  } else if (action === "remove-item") {
    set(state.doc, pointer, undefined);
    focus = domId(parent(pointer));
  } else if (action === "add-block") {
    set(state.doc, pointer, {});
    focus = domId(pointer);
  } else if (action === "remove-block") {
    set(state.doc, pointer, undefined);
    focus = domId(pointer);
  } else if (action === "propose-policy") {
    const dataset = get(state.doc, pointer);
    const endDate = (state.doc.period && state.doc.period.end_date) || null;
    const policy = await postJSON("policy", { dataset, end_date: endDate });
    set(state.doc, `${pointer}/usage_policy`, policy);
    focus = domId(`${pointer}/usage_policy`);
    announce(t("policy_proposed"));
  } else {
    return;
  }
  render(pointer.startsWith("/parties") ? undefined : [sectionOf(pointer)]); // parties feed choices elsewhere
  changed({ now: true });
  const target = focus && document.getElementById(focus);
  if (target) {
    const first = target.matches("fieldset") ? target.querySelector("input, select, textarea") : null;
    (first || target).focus();
  }
}

function resultButton(text, onClick) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text;
  button.addEventListener("click", onClick);
  item.append(button);
  return item;
}

function showResults(container, heading, items, none) {
  container.replaceChildren();
  const summary = document.createElement("p");
  summary.textContent = items.length ? heading : none;
  container.append(summary);
  if (items.length) {
    const list = document.createElement("ul");
    list.className = "results";
    list.append(...items);
    container.append(list);
  }
}

async function searchContracts(event) {
  event.preventDefault();
  const query = document.getElementById("contract-query").value;
  const found = await getJSON("contracts", { q: query });
  const items = found.map((c) =>
    resultButton(t("choose_contract", { code: c.code, name: c.territory }), guarded(() => startFrom(c.code))),
  );
  showResults(document.getElementById("contract-results"), t("contracts_found", { count: found.length }), items, t("no_contract"));
}

async function startFrom(code) {
  if (state.doc.city_contract && !window.confirm(t("replace_draft"))) return;
  const data = await getJSON("new", { code });
  document.getElementById("contract-results").replaceChildren();
  replaceDraft(data, t("contract_started", { code }));
}

async function searchParties(event) {
  event.preventDefault();
  const query = document.getElementById("party-query").value;
  const found = await getJSON("parties", { q: query });
  const items = found.map((party) =>
    resultButton(t("add_party", { name: party.name, siren: party.siren }), () => {
      const parties = Array.isArray(state.doc.parties) ? state.doc.parties : [];
      parties.push(party);
      state.doc.parties = parties;
      render();
      changed({ now: true });
      announce(t("party_added", { name: party.name }));
    }),
  );
  showResults(document.getElementById("party-results"), "", items, t("no_party"));
}

// An event handler whose failure (the server unreachable, a refusal) is said in the status line.
function guarded(handler) {
  return (event) => handler(event).catch((error) => announce(error.message));
}

function start() {
  const draft = loadDraft();
  state.doc = draft || emptyDraft();
  render();
  if (draft) announce(t("draft_restored"));
  const main = document.getElementById("editor-main");
  main.addEventListener("input", onInput);
  main.addEventListener("change", onChange);
  main.addEventListener("click", guarded(onAction));
  document.addEventListener("editor:built", () => state.result && showFindings(state.result)); // findings of the fields just built
  document.getElementById("contract-search").addEventListener("submit", guarded(searchContracts));
  document.getElementById("party-search").addEventListener("submit", guarded(searchParties));
  document.getElementById("new-draft").addEventListener("click", () => {
    if (!window.confirm(t("confirm_new"))) return;
    clearDraft();
    replaceDraft(emptyDraft());
  });
  bindFiles({ currentDraft, replaceDraft, announce, post, postJSON });
  changed({ now: true });
}

start();
