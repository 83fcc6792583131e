import Link from "next/link";
import { AuthCard, FormAlert } from "@/components/auth/form-ui";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const token = Array.isArray(sp.token) ? sp.token[0] : sp.token;
  return (
    <AuthCard title="Choose a new password" subtitle="After this, every session of your account is signed out.">
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <FormAlert>
          This page needs the link from the reset email.{" "}
          <Link href="/forgot-password" className="font-semibold underline">
            Request a new link
          </Link>
        </FormAlert>
      )}
    </AuthCard>
  );
}
