"use strict";
// The review page's one script (allowed by its hash, nothing else runs): it puts the
// rows chosen into one `goalsheet import ... --accept KEY=VALUE` command to copy. No
// network, no storage; nothing is chosen for the reviewer.
(() => {
  const form = document.getElementById("choices");
  const build = document.getElementById("build");
  const output = document.getElementById("command");
  const copy = document.getElementById("copy");
  const status = document.getElementById("status");
  if (!form || !build || !output || !copy || !status) return;
  const base = JSON.parse(form.dataset.base);

  // As Python's shlex.quote: safe characters stay bare, anything else goes in single
  // quotes, and a single quote inside becomes '"'"'.
  const quote = (word) => {
    if (word === "") return "''";
    if (!/[^\w@%+=:,./-]/.test(word)) return word;
    return "'" + word.replace(/'/g, "'\"'\"'") + "'";
  };

  build.addEventListener("click", () => {
    // Each key with the values chosen for its rows. Page 1 of two files has the same key,
    // and --accept cannot tell them apart: such rows must all be chosen, and alike.
    const keys = new Map();
    for (const group of form.querySelectorAll("fieldset[data-key]")) {
      const picked = group.querySelector("input[type=radio]:checked");
      const seen = keys.get(group.dataset.key) || [];
      keys.set(group.dataset.key, [...seen, picked ? picked.value : null]);
    }
    for (const [key, values] of keys) {
      if (values.every((value) => value === null)) keys.delete(key);
      else if (values.some((value) => value !== values[0])) {
        output.value = "";
        copy.disabled = true;
        status.textContent = form.dataset.clash;
        return;
      }
    }
    const args = [];
    // An earlier --accept for a row chosen again now gives way to the new choice.
    for (let i = 0; i < base.length; i += 1) {
      if (base[i] === "--accept" && keys.has(base[i + 1].split("=")[0])) {
        i += 1;
        continue;
      }
      args.push(base[i]);
    }
    for (const [key, values] of keys) args.push("--accept", key + "=" + values[0]);
    output.value = keys.size ? args.map(quote).join(" ") : "";
    copy.disabled = !keys.size;
    status.textContent = keys.size ? form.dataset.built : form.dataset.nothing;
  });

  copy.addEventListener("click", async () => {
    output.focus();
    output.select();
    try {
      await navigator.clipboard.writeText(output.value);
      status.textContent = form.dataset.copied;
    } catch {
      // A page opened from a file may not reach the clipboard: the text is selected.
      status.textContent = form.dataset.selected;
    }
  });
})();
