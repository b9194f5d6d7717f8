// The form, built from the model the server generates from the standard's JSON Schema.
//
// Every input carries the JSON pointer of the value it edits (data-pointer) and the kind of value
// (data-kind); its id is derived from the pointer, so that a finding located by a pointer finds its
// field. Nested objects are fieldsets with a legend; lists of objects have add and remove buttons.

import { child, domId, get } from "./pointer.js";
import { t } from "./texts.js";

export const MODEL = JSON.parse(document.getElementById("editor-model").textContent);
const LAZY_FROM = 6; // a list of this many items or more shows them closed, built when opened
const opened = new Set(); // pointers of the items of long lists that are open
const MANY_CHOICES = 60; // above (the EU file types): codes typed, with suggestions, rather than an option each

// One shared list of suggestions per long enumeration (the EU file types): its codes and labels.
function datalist(enumName) {
  const id = `enum-${enumName}`;
  if (!document.getElementById(id)) {
    const list = el("datalist", { id });
    list.append(...MODEL.enums[enumName].options.map((o) => el("option", { value: o.code, label: o.label })));
    document.body.append(list);
  }
  return id;
}

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children.filter((c) => c !== null && c !== undefined));
  return element;
}

function labelText(field) {
  return field.required ? [field.label, " ", el("span", { class: "required" }, `(${t("required")})`)] : [field.label];
}

function helpAndFindings(id, field) {
  const help = field.help ? el("p", { id: `${id}-help`, class: "help", lang: MODEL.help_lang }, field.help) : null;
  const findings = el("ul", { id: `${id}-findings`, class: "field-findings", hidden: true });
  return [help, findings];
}

function describedBy(id, field) {
  return [field.help ? `${id}-help` : null, `${id}-findings`].filter(Boolean).join(" ");
}

function option(value, label, selected) {
  return el("option", { value, selected }, label);
}

function partyOptions(doc) {
  const parties = Array.isArray(doc.parties) ? doc.parties : [];
  return parties
    .filter((p) => p && typeof p === "object" && typeof p.id === "string" && p.id)
    .map((p) => ({ code: p.id, label: p.name ? `${p.name} (${p.id})` : p.id }));
}

function withCurrent(options, values) {
  const known = new Set(options.map((o) => o.code));
  const extra = values.filter((v) => !known.has(String(v))).map((v) => ({ code: String(v), label: String(v) }));
  return [...options, ...extra];
}

function scalarControl(field, pointer, value, doc) {
  const id = domId(pointer);
  const shown = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  const common = { id, "data-pointer": pointer, "data-kind": field.kind, "aria-describedby": describedBy(id, field) };
  if (field.required) common["aria-required"] = "true";
  if (field.kind === "longtext") {
    const area = el("textarea", { ...common, rows: 3 });
    area.value = shown;
    return area;
  }
  if (field.kind === "boolean") {
    return el(
      "select",
      common,
      option("", t("unknown"), shown === ""),
      option("true", t("yes"), value === true),
      option("false", t("no"), value === false),
      typeof value !== "boolean" && shown !== "" ? option(shown, shown, true) : null, // a bad value stays shown
    );
  }
  if (field.kind === "choice" && MODEL.enums[field.target].options.length > MANY_CHOICES) {
    const input = el("input", { ...common, type: "text", list: datalist(field.target), autocomplete: "off" });
    input.value = shown;
    return input;
  }
  if (field.kind === "choice" || (field.kind === "text" && field.party_reference)) {
    const base = field.kind === "choice" ? MODEL.enums[field.target].options : partyOptions(doc);
    const options = withCurrent(base, shown ? [shown] : []);
    return el("select", common, option("", t("choose"), !shown), ...options.map((o) => option(o.code, o.label, o.code === shown)));
  }
  const input = el("input", { ...common, type: "text", inputmode: field.kind === "number" ? "decimal" : undefined });
  if (field.kind === "date") input.setAttribute("placeholder", t("date_placeholder"));
  input.value = shown;
  return input;
}

function scalarField(field, pointer, value, doc) {
  const id = domId(pointer);
  return el(
    "div",
    { class: "field", id: `${id}-field` },
    el("label", { for: id }, ...labelText(field)),
    scalarControl(field, pointer, value, doc),
    ...helpAndFindings(id, field),
  );
}

function listValues(value) {
  return Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
}

function choicesField(field, pointer, value, doc) {
  const id = domId(pointer);
  const values = listValues(value);
  const base = field.kind === "choices" ? MODEL.enums[field.target].options : partyOptions(doc);
  const options = withCurrent(base, values);
  if (options.length > MANY_CHOICES) return textsField(field, pointer, value, field.target);
  const boxes = options.map((o, index) => {
    const boxId = `${id}-${index}`;
    return el(
      "div",
      { class: "choice" },
      el("input", { type: "checkbox", id: boxId, value: o.code, checked: values.includes(o.code) }),
      el("label", { for: boxId }, o.label),
    );
  });
  return el(
    "fieldset",
    { class: "field choices", id, tabindex: -1, "data-pointer": pointer, "data-kind": "choices", "aria-describedby": describedBy(id, field) },
    el("legend", {}, ...labelText(field)),
    ...helpAndFindings(id, field),
    ...boxes,
  );
}

// A list of texts, one per line; for a long enumeration, its codes.
function textsField(field, pointer, value, enumName = null) {
  const id = domId(pointer);
  const area = el("textarea", { id, rows: 3, "data-pointer": pointer, "data-kind": "texts", "aria-describedby": `${id}-lines ${describedBy(id, field)}` });
  area.value = listValues(value).join("\n");
  const hint = enumName ? t("codes_per_line", { examples: codeExamples(enumName) }) : t("one_per_line");
  return el(
    "div",
    { class: "field", id: `${id}-field` },
    el("label", { for: id }, ...labelText(field)),
    el("p", { class: "help", id: `${id}-lines` }, hint),
    area,
    ...helpAndFindings(id, field),
  );
}

const COMMON_CODES = ["CSV", "XLSX", "JSON", "PDF"];

function codeExamples(enumName) {
  const options = MODEL.enums[enumName].options;
  const common = options.filter((o) => COMMON_CODES.includes(o.code));
  return (common.length ? common : options.slice(0, 3)).map((o) => o.code).join(", ");
}

function button(action, pointer, text, extra = {}) {
  return el("button", { type: "button", class: `action ${action}`, "data-action": action, "data-pointer": pointer, ...extra }, text);
}

function objectField(field, pointer, value, doc) {
  const id = domId(pointer);
  const present = value !== null && typeof value === "object" && !Array.isArray(value);
  const box = el("fieldset", { class: "group", id, tabindex: -1, "data-pointer": pointer, "aria-describedby": describedBy(id, field) }, el("legend", {}, ...labelText(field)), ...helpAndFindings(id, field));
  if (present || field.required) {
    box.append(fieldsOf(field.target, pointer, doc));
    if (!field.required) box.append(button("remove-block", pointer, t("remove_block", { what: field.label })));
  } else {
    box.append(button("add-block", pointer, t("optional_block", { what: field.label })));
  }
  return box;
}

// What names an item in its legend: its title or name, or the label of its action (a usage rule).
function itemTitle(item) {
  if (!item || typeof item !== "object") return "";
  const action = MODEL.enums.PolicyAction.options.find((o) => o.code === item.action);
  const title = item.title || item.name || (action ? action.label : "");
  return typeof title === "string" && title ? ` — ${title}` : "";
}

function itemBody(field, itemPointer, item, legend, doc) {
  const parts = [];
  if (item !== null && typeof item === "object" && !Array.isArray(item)) {
    parts.push(fieldsOf(field.target, itemPointer, doc));
  } else {
    parts.push(scalarField({ name: "", label: legend, help: "", kind: "text", required: false }, itemPointer, item, doc));
  }
  if (field.target === "Dataset") parts.push(button("propose-policy", itemPointer, t("propose_policy")));
  return parts;
}

// An item of a long list, closed: its fields are built when it is first opened.
function lazyBody(itemPointer, legend, body) {
  const details = el("details", {}, el("summary", { "aria-label": t("show_details", { what: legend }) }, t("show")));
  details.addEventListener("toggle", () => {
    if (!details.open || opened.has(itemPointer)) return;
    opened.add(itemPointer);
    details.append(...body());
    document.dispatchEvent(new CustomEvent("editor:built", { detail: itemPointer }));
  });
  return details;
}

// Open an item of a long list at the next rendering (one just added, for instance).
export function openItem(pointer) {
  opened.add(pointer);
}

// Forget which items were open (another convention is being edited).
export function closeItems() {
  opened.clear();
}

function objectsField(field, pointer, value, doc) {
  const id = domId(pointer);
  const what = MODEL.classes[field.target].title;
  const items = Array.isArray(value) ? value : [];
  const list = el("fieldset", { class: "group list", id, tabindex: -1, "data-pointer": pointer, "aria-describedby": describedBy(id, field) }, el("legend", {}, ...labelText(field)), ...helpAndFindings(id, field));
  const lazy = items.length >= LAZY_FROM;
  items.forEach((item, index) => {
    const itemPointer = child(pointer, index);
    const itemId = domId(itemPointer);
    const legend = t("item", { what, number: index + 1 }) + itemTitle(item);
    const box = el(
      "fieldset",
      { class: "group item", id: itemId, tabindex: -1, "data-pointer": itemPointer, "aria-describedby": `${itemId}-findings` },
      el("legend", {}, legend),
      el("ul", { id: `${itemId}-findings`, class: "field-findings", hidden: true }),
    );
    const body = () => itemBody(field, itemPointer, item, legend, doc);
    if (lazy && !opened.has(itemPointer)) {
      box.append(lazyBody(itemPointer, legend, body));
    } else {
      box.append(...body());
    }
    box.append(button("remove-item", itemPointer, t("remove_item", { what, number: index + 1 })));
    list.append(box);
  });
  list.append(button("add-item", pointer, t("add_item", { what }), { "data-target": field.target }));
  return list;
}

export function renderField(field, pointer, doc) {
  const value = get(doc, pointer);
  switch (field.kind) {
    case "object":
      return objectField(field, pointer, value, doc);
    case "objects":
      return objectsField(field, pointer, value, doc);
    case "choices":
      return choicesField(field, pointer, value, doc);
    case "texts":
      return field.party_reference ? choicesField(field, pointer, value, doc) : textsField(field, pointer, value);
    default:
      return scalarField(field, pointer, value, doc);
  }
}

// The fields of a class at `pointer`, those whose name `keep` accepts.
export function fieldsOf(className, pointer, doc, keep = () => true) {
  const container = el("div", { class: "fields" });
  for (const field of MODEL.classes[className].fields) {
    if (keep(field.name)) container.append(renderField(field, child(pointer, field.name), doc));
  }
  return container;
}

// The value an input holds, in the type the standard expects; undefined when it is empty.
export function readValue(control) {
  const group = control.closest("[data-kind=choices]");
  if (group && control.type === "checkbox") {
    const checked = [...group.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value);
    return { pointer: group.dataset.pointer, value: checked.length ? checked : undefined };
  }
  const { pointer, kind } = control.dataset;
  if (pointer === undefined) return null;
  const raw = control.value;
  switch (kind) {
    case "texts": {
      const lines = raw.split("\n").map((line) => line.trim()).filter(Boolean);
      return { pointer, value: lines.length ? lines : undefined };
    }
    case "boolean":
      return { pointer, value: raw === "" ? undefined : raw === "true" ? true : raw === "false" ? false : raw };
    case "number": {
      const text = raw.trim().replace(",", ".");
      if (!text) return { pointer, value: undefined };
      return { pointer, value: /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : raw }; // a bad value is kept as typed
    }
    default:
      return { pointer, value: raw === "" ? undefined : raw };
  }
}
