/** Everything user-provided goes through `esc` before it reaches a page. */
export function esc(v: unknown): string {
  return String(v ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function money(amount: number | null | undefined, currency: string | null | undefined): string {
  const cur = (currency ?? "usd").toUpperCase();
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: cur }).format((amount ?? 0) / 100);
  } catch {
    return `${((amount ?? 0) / 100).toFixed(2)} ${cur}`;
  }
}

export function date(ts: number | null | undefined): string {
  if (!ts) return "—";
  return new Date(ts * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
main{max-width:960px;margin:0 auto;padding:24px}.narrow{max-width:520px}
h1{font-size:22px;margin:0 0 16px}h2{font-size:17px;margin:24px 0 8px}
.card{background:#fff;border:1px solid #e3e8ee;border-radius:8px;padding:20px;margin-bottom:16px}
.banner{background:#fff3cd;border:1px solid #ffe69c;padding:6px 12px;border-radius:6px;font-size:13px;margin-bottom:16px}
.error{background:#fde8e8;border:1px solid #f5c2c2;color:#8a1c1c;padding:10px 12px;border-radius:6px;margin-bottom:12px}
.ok{background:#e6f6ec;border:1px solid #b7e4c7;padding:10px 12px;border-radius:6px;margin-bottom:12px}
label{display:block;font-size:13px;color:#4f566b;margin:10px 0 4px}
input,select{width:100%;padding:9px 10px;border:1px solid #cfd7df;border-radius:6px;font:inherit}
button,.btn{display:inline-block;background:#635bff;color:#fff;border:0;border-radius:6px;padding:9px 16px;font:inherit;cursor:pointer;text-decoration:none}
button.secondary,.btn.secondary{background:#fff;color:#1a1f36;border:1px solid #cfd7df}
button.danger{background:#df1b41}
table{width:100%;border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef1f4;vertical-align:top}
th{color:#697386;font-weight:600}td:nth-child(3){white-space:nowrap}.muted{color:#697386;font-size:13px}.right{text-align:right}
code{font:12px ui-monospace,Menlo,monospace;background:#f0f3f7;padding:1px 4px;border-radius:4px}
.row{display:flex;gap:12px;align-items:center;flex-wrap:wrap}.row>*{flex:1}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#eef1f4}
.pill.succeeded,.pill.paid,.pill.active,.pill.complete{background:#d7f7e0}.pill.failed,.pill.past_due,.pill.canceled,.pill.expired{background:#fde1e1}.pill.pending,.pill.open,.pill.trialing{background:#fff3cd}
form.inline{display:inline}
`;

export function layout(title: string, body: string, opts: { narrow?: boolean } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head><body><main class="${opts.narrow ? "narrow" : ""}">
<div class="banner">Stripe emulator — test mode. No real payment is made.</div>${body}</main></body></html>`;
}
