import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

/**
 * Static HTML for email React elements. Next forbids `react-dom/server` in route
 * handlers, and emails are sent from route handlers and jobs, so this renders the
 * subset emails use: host elements, function components, fragments, inline
 * styles. No hooks, no context. `render-html.test.ts` checks it against
 * react-dom/server's renderToStaticMarkup for every template.
 */
const VOID = new Set(["area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"]);
// Like React, other camelCase names (cellPadding, charSet) stay as written: HTML attributes are case-insensitive.
const ATTR_NAMES: Record<string, string> = { className: "class", htmlFor: "for", httpEquiv: "http-equiv" };
// CSS properties React leaves unitless (the ones emails plausibly use).
const UNITLESS = new Set(["lineHeight", "fontWeight", "opacity", "zIndex", "flex", "flexGrow", "flexShrink", "order"]);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);
}

function styleToString(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => {
      const prop = k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
      const value = typeof v === "number" && v !== 0 && !UNITLESS.has(k) ? `${v}px` : String(v);
      return `${prop}:${value}`;
    })
    .join(";");
}

function attributes(props: Record<string, unknown>): string {
  let out = "";
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || key === "key" || key === "ref" || key === "dangerouslySetInnerHTML") continue;
    if (value === null || value === undefined || value === false || typeof value === "function") continue;
    const name = ATTR_NAMES[key] ?? key;
    if (key === "style" && typeof value === "object") {
      const css = styleToString(value as Record<string, unknown>);
      if (css) out += ` style="${escapeHtml(css)}"`;
    } else if (value === true) out += ` ${name}=""`;
    else out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

export function renderToHtml(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeHtml(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return joinChildren(node);
  if (!isValidElement(node)) throw new Error("Unsupported node in email template");
  const el = node as ReactElement<Record<string, unknown>>;
  if (el.type === Fragment) return renderToHtml(el.props.children as ReactNode);
  if (typeof el.type === "function") return renderToHtml((el.type as (p: unknown) => ReactNode)(el.props));
  if (typeof el.type !== "string") throw new Error("Unsupported element type in email template");
  if (VOID.has(el.type)) return `<${el.type}${attributes(el.props)}/>`;
  const open = `<${el.type}${attributes(el.props)}>`;
  const inner = el.props.dangerouslySetInnerHTML as { __html: string } | undefined;
  return `${open}${inner ? inner.__html : renderToHtml(el.props.children as ReactNode)}</${el.type}>`;
}

// React separates adjacent text nodes with a comment so they do not merge; we
// only need the joined text, which is what a mail client shows.
function joinChildren(nodes: ReactNode[]): string {
  return nodes.map((n) => renderToHtml(n)).join("");
}
