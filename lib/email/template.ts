import type { ReactElement } from "react";

/** An email is a React component for the HTML part plus a plain-text twin. */
export type EmailTemplate<P> = {
  name: string;
  subject: (props: P) => string;
  html: (props: P) => ReactElement;
  text: (props: P) => string;
};

export function defineTemplate<P>(t: EmailTemplate<P>): EmailTemplate<P> {
  return t;
}
