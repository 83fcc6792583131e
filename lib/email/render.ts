import { renderToHtml } from "./render-html";
import type { EmailTemplate } from "./template";

export function renderEmail<P>(template: EmailTemplate<P>, props: P) {
  return {
    subject: template.subject(props),
    html: "<!doctype html>" + renderToHtml(template.html(props)),
    text: template.text(props),
  };
}
