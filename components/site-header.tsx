import Link from "next/link";

const links = [
  { href: "/pricing", label: "Pricing" },
  { href: "/dashboard", label: "Dashboard" },
];

export function SiteHeader({ right }: { right?: React.ReactNode }) {
  return (
    <header className="border-b border-zinc-200 bg-white">
      <nav className="mx-auto flex max-w-6xl items-center justify-between px-6 py-4" aria-label="Main">
        <Link href="/" className="flex items-center gap-2 font-semibold text-zinc-900">
          <span className="inline-block h-6 w-6 rounded bg-brand-600" aria-hidden />
          SEO Health Report
        </Link>
        <div className="flex items-center gap-6 text-sm">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="text-zinc-600 hover:text-zinc-900">
              {l.label}
            </Link>
          ))}
          {right}
        </div>
      </nav>
    </header>
  );
}
