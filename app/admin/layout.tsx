import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { UserMenu } from "@/components/auth/user-menu";
import { requireAdmin } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

const nav = [
  { href: "/admin/billing", label: "Billing" },
  { href: "/admin/audit-log", label: "Audit log" },
  { href: "/admin/system", label: "System" },
];

/** Admins only; anyone else gets a plain 404 (the proxy already 404s anonymous visitors). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <>
      <SiteHeader right={<UserMenu />} />
      <div className="mx-auto flex max-w-7xl gap-8 px-6 py-8">
        <aside className="w-36 shrink-0" aria-label="Admin">
          <p className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Admin</p>
          <ul className="mt-3 space-y-1 text-sm">
            {nav.map((n) => (
              <li key={n.href}>
                <Link
                  href={n.href}
                  className="block rounded px-2 py-1.5 text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900"
                >
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </aside>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </>
  );
}
