// The validator's findings: beside the field each one points at (by its JSON pointer), and listed.

import { domId, parent } from "./pointer.js";
import { t } from "./texts.js";

const SEVERITY = { error: "severity_error", warning: "severity_warning", info: "severity_info" };

// The findings list of the field of `pointer`, or of the closest enclosing field that has one.
function locate(pointer) {
  for (let current = pointer; ; current = parent(current)) {
    const list = document.getElementById(`${domId(current)}-findings`);
    if (list) return { list, id: domId(current) };
    if (!current) return null;
  }
}

function clear() {
  for (const list of document.querySelectorAll(".field-findings")) {
    list.replaceChildren();
    list.hidden = true;
  }
  for (const control of document.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
}

function line(finding) {
  const severity = t(SEVERITY[finding.severity] || "severity_info");
  return t("finding_line", { severity, code: finding.code, message: finding.message });
}

export function showFindings(result) {
  clear();
  const summaryList = document.getElementById("findings-list");
  summaryList.replaceChildren();
  for (const finding of result.findings) {
    const place = locate(finding.field ?? finding.pointer ?? "");
    const item = document.createElement("li");
    item.className = `finding ${finding.severity}`;
    item.dataset.code = finding.code;
    item.append(line(finding));
    if (place) {
      const beside = item.cloneNode(true);
      place.list.append(beside);
      place.list.hidden = false;
      const control = document.getElementById(place.id);
      if (control && finding.severity === "error") control.setAttribute("aria-invalid", "true");
      const link = document.createElement("a");
      link.href = `#${place.id}`;
      link.textContent = t("go_to_field");
      item.append(" ", link);
    }
    summaryList.append(item);
  }
  const summary = document.getElementById("findings-summary");
  summary.textContent = result.findings.length ? result.summary : t("valid");
  summary.dataset.errors = result.counts.error;
}
