import { SiteHeader } from "@/components/site-header";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main className="flex min-h-[calc(100vh-4.5rem)] items-start justify-center px-6 py-16">{children}</main>
    </>
  );
}
