import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard, FormAlert } from "@/components/auth/form-ui";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

type Search = Promise<Record<string, string | string[] | undefined>>;

// Auth.js sends failed non-JS posts back here with ?error=…&code=…
function errorFor(error?: string, code?: string): string | null {
  if (!error) return null;
  if (code === "locked")
    return "Too many failed attempts. Sign-in is locked for 15 minutes — or reset your password to get in now.";
  if (error === "CredentialsSignin") return "Email or password is incorrect.";
  return "We could not sign you in. Please try again.";
}

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k]);
  const callbackUrl = safeCallbackUrl(one("callbackUrl"));
  if (await currentUser()) redirect(callbackUrl);
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back. Sign in to see your audits and reports."
      footer={
        <>
          New here?{" "}
          <Link
            href={`/register?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="font-semibold text-brand-700 hover:underline"
          >
            Create an account
          </Link>
        </>
      }
    >
      {one("reset") === "1" && (
        <div className="mb-4">
          <FormAlert kind="success">Password changed. Sign in with your new password.</FormAlert>
        </div>
      )}
      <SignInForm callbackUrl={callbackUrl} initialError={errorFor(one("error"), one("code"))} />
    </AuthCard>
  );
}
