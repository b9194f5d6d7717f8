// The draft kept in the browser: written on every change, read back when the page opens.

const KEY = "convention-validator.editor.draft";

export function loadDraft() {
  try {
    const text = window.localStorage.getItem(KEY);
    const data = text ? JSON.parse(text) : null;
    return data && typeof data === "object" && !Array.isArray(data) ? data : null;
  } catch {
    return null;
  }
}

export function saveDraft(data) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(data));
    return true;
  } catch {
    return false; // storage full or refused: the form keeps working
  }
}

export function clearDraft() {
  window.localStorage.removeItem(KEY);
}
