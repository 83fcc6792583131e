import { NextResponse } from "next/server";
import { z } from "zod";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";

export const GET = route({ name: "account.tokens.list", auth: "user" }, async ({ user }) => ({
  tokens: await listApiTokens(user.id),
}));

const body = z.object({ name: z.string("Name the token.").trim().min(1, "Name the token.").max(80) });

/** 201 with the token in plain text: the only time it is shown. */
export const POST = route(
  { name: "account.tokens.create", auth: "user", body },
  async ({ user, body, ip, userAgent }) => {
    const { token, info } = await createApiToken(user, body.name, { ip, userAgent });
    return NextResponse.json({ token, tokenInfo: info }, { status: 201 });
  },
);
