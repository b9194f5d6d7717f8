// JSON pointers (RFC 6901): read, write and remove a value of the draft, and a DOM id for each.

export function escapeToken(token) {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

export function tokens(pointer) {
  if (!pointer) return [];
  return pointer.slice(1).split("/").map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
}

export function child(pointer, token) {
  return `${pointer}/${escapeToken(token)}`;
}

export function parent(pointer) {
  const index = pointer.lastIndexOf("/");
  return index <= 0 ? "" : pointer.slice(0, index);
}

export function get(document, pointer) {
  let value = document;
  for (const token of tokens(pointer)) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[token];
  }
  return value;
}

// Set a value, creating the objects on the way; `undefined` removes the key (or the list item).
export function set(document, pointer, value) {
  const path = tokens(pointer);
  let container = document;
  for (const token of path.slice(0, -1)) {
    if (container[token] === null || typeof container[token] !== "object") container[token] = {};
    container = container[token];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else delete container[last];
  } else {
    container[last] = value;
  }
}

// A DOM id for the field of a pointer ("/datasets/0/title" -> "f-datasets-0-title", other characters escaped).
export function domId(pointer) {
  return "f" + pointer.replace(/[^A-Za-z0-9_/]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`).replaceAll("/", "-");
}
