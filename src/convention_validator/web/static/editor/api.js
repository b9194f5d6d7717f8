// Calls to the editor's API, in the page's language.

const LANG = document.documentElement.lang || "fr";

function url(path, params = {}) {
  const query = new URLSearchParams({ ...params, lang: LANG });
  return `/editor/api/${path}?${query}`;
}

async function failure(response) {
  let detail = response.statusText;
  try {
    const body = await response.json();
    detail = typeof body.detail === "string" ? body.detail : (body.errors || []).join(" ") || detail;
  } catch {
    /* not JSON: keep the status text */
  }
  return new Error(detail);
}

export async function getJSON(path, params) {
  const response = await fetch(url(path, params));
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function post(path, body, params) {
  const response = await fetch(url(path, params), {
    method: "POST",
    headers: { "Content-Type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response;
}

export async function postJSON(path, body, params) {
  return (await post(path, body, params)).json();
}
