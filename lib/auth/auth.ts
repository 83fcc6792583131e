import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { z } from "zod";
import { db, schema } from "@/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { clientIp } from "@/lib/http/client-ip";
import { recordAuditLog } from "@/lib/audit-log/record";
import { authSecret } from "./secret";
import { verifyCredentials } from "./verify-credentials";

declare module "next-auth" {
  interface User {
    role?: "user" | "admin";
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; role: "user" | "admin" } & DefaultSession["user"];
  }
}

/** Shown on the sign-in page; `code` travels to the client (never anything about the account). */
export class InvalidCredentialsError extends CredentialsSignin {
  code = "invalid";
}
export class LockedOutError extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

/**
 * Auth.js: Credentials provider over lib/auth/verify-credentials (same lockout,
 * audit and timing rules as POST /api/auth/token), JWT sessions carrying `role`
 * and `sv` (session version). The adapter tables are wired for future OAuth
 * providers; Credentials sessions never touch them.
 * Built lazily so importing this module opens no database and parses no env.
 */
function config(): NextAuthConfig {
  return {
    adapter: DrizzleAdapter(db(), {
      usersTable: schema.users,
      accountsTable: schema.accounts,
      sessionsTable: schema.sessions,
      verificationTokensTable: schema.verificationTokens,
    } as never), // our users table has extra columns (role, password_hash…) the adapter's type does not list
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: env().AUTH_SESSION_MAX_AGE },
    jwt: { maxAge: env().AUTH_SESSION_MAX_AGE },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new InvalidCredentialsError();
          try {
            const user = await verifyCredentials(parsed.data, {
              via: "browser",
              ip: clientIp(request),
              userAgent: request.headers.get("user-agent"),
            });
            return {
              id: user.id,
              email: user.email,
              name: user.name,
              role: user.role,
              sessionVersion: user.sessionVersion,
            };
          } catch (e) {
            if (isAppError(e) && e.code === "locked") throw new LockedOutError();
            if (isAppError(e) && e.code === "unauthorized") throw new InvalidCredentialsError();
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.role = user.role ?? "user";
          token.sv = user.sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.user.role = token.role === "admin" ? "admin" : "user";
        return session;
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token?.sub) {
          await recordAuditLog({
            actor: { id: token.sub, email: token.email ?? null },
            action: "auth.sign_out",
            target: { type: "user", id: token.sub },
          });
        }
      },
    },
    logger: {
      error(error) {
        // A wrong password is not an application error.
        if (error instanceof CredentialsSignin) return;
        logger.error({ err: error }, "auth.js error");
      },
      warn(code) {
        logger.warn({ code }, "auth.js warning");
      },
      debug() {},
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(config);
