import { closeDatabase, databaseKind, migrateDatabase } from "@/db";

await migrateDatabase();
console.log(`Migrations applied (${databaseKind()}).`);
await closeDatabase();
