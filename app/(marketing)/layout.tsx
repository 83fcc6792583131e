import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { UserMenu } from "@/components/auth/user-menu";

export default function MarketingLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader right={<UserMenu />} />
      <main>{children}</main>
      <SiteFooter />
    </>
  );
}
