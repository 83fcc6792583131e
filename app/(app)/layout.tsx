import { SiteHeader } from "@/components/site-header";
import { UserMenu } from "@/components/auth/user-menu";

export default function AppLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader right={<UserMenu />} />
      <main className="mx-auto max-w-6xl px-6 py-10">{children}</main>
    </>
  );
}
