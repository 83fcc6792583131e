import { hash, verify, type Algorithm } from "@node-rs/argon2";

// Algorithm is a `const enum` in the typings, which isolatedModules cannot inline.
const ARGON2ID = 2 as Algorithm;

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes). Tests hash hundreds of passwords,
 * so NODE_ENV=test uses a far cheaper cost; verify() reads the cost from the stored
 * hash, so hashes made with either setting stay verifiable.
 */
function params() {
  return process.env.NODE_ENV === "test"
    ? { algorithm: ARGON2ID, memoryCost: 1024, timeCost: 1, parallelism: 1 }
    : { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, params());
}

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    await verifyDummy(password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same work as a real verification, for unknown emails and accounts
 * without a password, so response time does not reveal whether an account exists.
 */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword("dummy-password-for-timing-equalisation");
  await verify(await dummy, password).catch(() => false);
}
