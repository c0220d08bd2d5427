// The page at /docs: renders /openapi.json in the browser, with nothing loaded from elsewhere.

/** A self-contained viewer for /openapi.json (no CDN: it must work offline and under a strict CSP). */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SQII scoring API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}code,pre{font:13px ui-monospace,monospace}pre{background:#f4f4f4;padding:.75rem;overflow:auto;max-height:28rem}
.op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}.m{font-weight:700;text-transform:uppercase;margin-right:.5rem}
summary{cursor:pointer}
</style></head><body>
<h1>SQII scoring API</h1><p id="about"></p><p><a href="/openapi.json">openapi.json</a></p><main id="ops">Loading…</main>
<script>
fetch("/openapi.json").then(r => r.json()).then(doc => {
  document.getElementById("about").textContent = doc.info.description;
  const main = document.getElementById("ops"); main.textContent = "";
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    const box = document.createElement("section"); box.className = "op";
    const h = document.createElement("h2"); h.innerHTML = '<span class="m"></span><code></code>';
    h.querySelector(".m").textContent = method; h.querySelector("code").textContent = path; box.append(h);
    const p = document.createElement("p"); p.textContent = (op.summary || "") + (op.security && op.security.length ? " (needs an API key)" : ""); box.append(p);
    const add = (label, value) => { const d = document.createElement("details"); const s = document.createElement("summary");
      s.textContent = label; const pre = document.createElement("pre"); pre.textContent = JSON.stringify(value, null, 2); d.append(s, pre); box.append(d); };
    if (op.requestBody) add("Request body", op.requestBody.content);
    for (const [status, r] of Object.entries(op.responses)) add(status + " " + r.description, r.content || {});
    main.append(box);
  }
});
</script></body></html>`;
