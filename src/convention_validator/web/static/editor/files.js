// Files: open a convention (JSON-LD or YAML), save it, print it, preview it, compare it with a former version.

import { t } from "./texts.js";

function download(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function baseName(draft) {
  const code = draft.city_contract && typeof draft.city_contract.code === "string" ? draft.city_contract.code : "";
  return code ? `convention-${code.replace(/[^A-Za-z0-9-]/g, "")}` : "convention";
}

function formatOf(file) {
  return /\.ya?ml$/i.test(file.name) ? "yaml" : "json";
}

async function readConvention(file, postJSON) {
  const text = await file.text();
  return postJSON("open", text, { format: formatOf(file), name: file.name });
}

export function bindFiles({ currentDraft, replaceDraft, announce, post, postJSON }) {
  const busy = (promise) => {
    announce(t("busy"));
    return promise.catch((error) => announce(error.message));
  };

  document.getElementById("open-file").addEventListener("change", (event) => {
    const file = event.target.files[0];
    if (!file) return;
    busy(
      readConvention(file, postJSON).then((result) => {
        replaceDraft(result.data, t("opened", { file: file.name }));
      }),
    ).finally(() => (event.target.value = ""));
  });

  document.getElementById("save-jsonld").addEventListener("click", () => {
    const draft = currentDraft();
    download(new Blob([JSON.stringify(draft, null, 2) + "\n"], { type: "application/ld+json" }), `${baseName(draft)}.jsonld`);
  });

  document.getElementById("save-yaml").addEventListener("click", () => {
    const draft = currentDraft();
    busy(post("yaml", draft).then(async (response) => {
      download(await response.blob(), `${baseName(draft)}.yaml`);
      announce("");
    }));
  });

  document.getElementById("download-pdf").addEventListener("click", () => {
    const draft = currentDraft();
    busy(post("pdf", draft).then(async (response) => {
      download(await response.blob(), `${baseName(draft)}.pdf`);
      announce("");
    }));
  });

  document.getElementById("show-preview").addEventListener("click", () => {
    busy(post("preview", currentDraft()).then(async (response) => {
      const frame = document.getElementById("preview");
      frame.srcdoc = await response.text();
      frame.hidden = false;
      announce("");
      frame.focus();
    }));
  });

  document.getElementById("compare-file").addEventListener("change", (event) => {
    const file = event.target.files[0];
    if (!file) return;
    busy(compareWith(file, currentDraft(), post, postJSON).then(() => announce(""))).finally(() => (event.target.value = ""));
  });
}

async function compareWith(file, draft, post, postJSON) {
  const former = await readConvention(file, postJSON);
  const result = await postJSON("compare", { old: former.data, new: draft });
  const container = document.getElementById("compare-result");
  container.replaceChildren();
  const heading = document.createElement("p");
  heading.textContent = result.changes.length ? t("changes", { count: result.changes.length }) : t("no_change");
  container.append(heading);
  if (!result.changes.length) return;
  const list = document.createElement("ul");
  for (const change of result.changes) {
    const item = document.createElement("li");
    item.textContent = change;
    list.append(item);
  }
  const button = document.createElement("button");
  button.type = "button";
  button.id = "download-amendment";
  button.textContent = t("amendment");
  button.addEventListener("click", async () => {
    const response = await post("amendment", { old: former.data, new: draft, old_name: file.name });
    download(await response.blob(), `avenant-${baseName(draft)}.html`);
  });
  container.append(list, button);
}
