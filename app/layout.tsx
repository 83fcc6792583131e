import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SEO Health Report", template: "%s · SEO Health Report" },
  description: "Pay once, get a full technical SEO audit of your site with a PDF report.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
