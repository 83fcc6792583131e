import Link from "next/link";
import { currentUser } from "@/lib/auth/current-user";
import { signOutAction } from "@/app/(auth)/actions";

/** Header slot: sign-in links for visitors; account links and sign-out for signed-in users. */
export async function UserMenu() {
  const user = await currentUser();
  if (!user) {
    return (
      <div className="flex items-center gap-3">
        <Link href="/sign-in" className="text-zinc-600 hover:text-zinc-900">
          Sign in
        </Link>
        <Link
          href="/register"
          className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
        >
          Create account
        </Link>
      </div>
    );
  }
  return (
    <div className="flex items-center gap-4">
      {user.role === "admin" && (
        <Link href="/admin/audit-log" className="text-zinc-600 hover:text-zinc-900">
          Admin
        </Link>
      )}
      <Link href="/settings" className="text-zinc-600 hover:text-zinc-900" title={user.email}>
        <span className="sr-only">Account settings for </span>
        <span className="inline-block max-w-40 truncate align-bottom">{user.name || user.email}</span>
      </Link>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md border border-zinc-300 px-3 py-1.5 text-zinc-700 hover:bg-zinc-100">
          Sign out
        </button>
      </form>
    </div>
  );
}
