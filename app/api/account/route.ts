import { NextResponse } from "next/server";
import { z } from "zod";
import { deleteAccount } from "@/lib/account/delete";
import { getProfile, updateProfile } from "@/lib/account/profile";
import { clearSessionCookie } from "@/lib/auth/session-response";
import { route } from "@/lib/http/route";

export const GET = route({ name: "account.get", auth: "user" }, async ({ user }) => ({
  user: await getProfile(user.id),
}));

const patchBody = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(120).optional(),
    companyName: z.string().trim().max(120).nullable().optional(),
  })
  .strict();

export const PATCH = route({ name: "account.update", auth: "user", body: patchBody }, async ({ user, body }) => ({
  user: await updateProfile(user.id, body),
}));

const deleteBody = z.object({
  password: z.string("Enter your password to confirm.").min(1, "Enter your password to confirm.").max(1024),
});

/** GDPR erasure; the password is re-entered. Signs the browser out. */
export const DELETE = route(
  { name: "account.delete", auth: "user", body: deleteBody },
  async ({ req, user, body, ip, userAgent }) => {
    await deleteAccount(user.id, body.password, { ip, userAgent });
    const res = NextResponse.json({ ok: true, message: "Your account was deleted." });
    clearSessionCookie(res, req);
    return res;
  },
);
