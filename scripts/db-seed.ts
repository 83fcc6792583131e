/**
 * npm run db:seed — demo accounts for local development, idempotent.
 * New accounts get random passwords printed once; existing ones are left alone
 * (their passwords are never reset by seeding).
 */
import { closeDatabase, migrateDatabase } from "@/db";
import { provisionAccount } from "@/lib/auth/provision";

const DEMO = [
  { email: "admin@demo.seohealth.local", name: "Demo Admin", role: "admin" as const },
  { email: "customer@demo.seohealth.local", name: "Demo Customer", role: "user" as const },
];

try {
  await migrateDatabase();
  for (const d of DEMO) {
    const r = await provisionAccount({ ...d, reason: "db:seed" });
    if (r.created) console.log(`created ${d.role.padEnd(5)} ${d.email}  password: ${r.password}`);
    else
      console.log(
        `exists  ${d.role.padEnd(5)} ${d.email}  (password unchanged${r.promoted ? ", promoted to admin" : ""})`,
      );
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
