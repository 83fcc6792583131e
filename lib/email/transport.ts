import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

const g = globalThis as unknown as { __seoSmtp?: Transporter | null };

/** SMTP transport when SMTP_URL is set; null means "outbox only". */
export function smtpTransport(): Transporter | null {
  if (g.__seoSmtp === undefined) {
    const url = env().SMTP_URL;
    g.__seoSmtp = url ? nodemailer.createTransport(url) : null;
  }
  return g.__seoSmtp;
}
