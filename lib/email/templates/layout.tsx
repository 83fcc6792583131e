import type { ReactNode } from "react";

const brand = "#0f766e";

/** Shared frame for every email: table layout and inline styles, since mail clients ignore stylesheets. */
export function EmailLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, background: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", color: "#18181b" }}>
        <table width="100%" cellPadding={0} cellSpacing={0} role="presentation">
          <tbody>
            <tr>
              <td align="center" style={{ padding: "24px" }}>
                <table
                  width="560"
                  cellPadding={0}
                  cellSpacing={0}
                  role="presentation"
                  style={{ background: "#fff", borderRadius: 8 }}
                >
                  <tbody>
                    <tr>
                      <td
                        style={{
                          padding: "20px 28px",
                          borderBottom: `3px solid ${brand}`,
                          fontWeight: 700,
                          fontSize: 18,
                        }}
                      >
                        SEO Health Report
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: "24px 28px", fontSize: 15, lineHeight: 1.55 }}>{children}</td>
                    </tr>
                  </tbody>
                </table>
                <p style={{ fontSize: 12, color: "#71717a" }}>
                  You receive this because you have an account at SEO Health Report.
                </p>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      style={{
        display: "inline-block",
        background: brand,
        color: "#fff",
        padding: "10px 18px",
        borderRadius: 6,
        textDecoration: "none",
        fontWeight: 600,
      }}
    >
      {children}
    </a>
  );
}
