"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export type SignInState = { error: string | null; email: string };

/** Browser sign-in through Auth.js Credentials; returns a message instead of throwing for the form to show. */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (code === "locked") {
        return {
          error: "Too many failed attempts. Sign-in is locked for 15 minutes — or reset your password to get in now.",
          email,
        };
      }
      if (code === "invalid") return { error: "Email or password is incorrect.", email };
      return { error: "We could not sign you in. Please try again.", email };
    }
    throw e; // the success redirect travels as an exception
  }
  return { error: null, email };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
