import { Inngest } from "inngest";

/**
 * The one Inngest client. Event payloads are validated by `sendEvent`
 * (lib/jobs/send-event.ts) against lib/jobs/events.ts before they reach it;
 * the in-process runner executes the same function definitions without it.
 */
export const inngest = new Inngest({ id: "seo-health-report" });
