/**
 * npm run admin:create -- <email>
 * Promotes an existing account to admin, or creates an admin account with a
 * generated password that is printed once (change it after signing in).
 */
import { closeDatabase, migrateDatabase } from "@/db";
import { provisionAccount } from "@/lib/auth/provision";

const email = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!email) {
  console.error("Usage: npm run admin:create -- <email>");
  process.exit(2);
}

try {
  await migrateDatabase();
  const r = await provisionAccount({ email, role: "admin", reason: "admin:create" });
  if (r.created) {
    console.log(`Created admin ${r.user.email}`);
    console.log(`Password (shown once, change it in /settings): ${r.password}`);
  } else if (r.promoted) {
    console.log(`Promoted ${r.user.email} to admin. It takes effect on their next request.`);
  } else {
    console.log(`${r.user.email} is already an admin. Nothing changed.`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
