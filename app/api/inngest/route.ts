import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// The SDK reads INNGEST_SIGNING_KEY itself and refuses unsigned requests outside
// dev mode (INNGEST_DEV=1), so production cannot serve functions without it.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
