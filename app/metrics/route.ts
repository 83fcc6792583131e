import { metrics } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint (not wrapped: scraping it should not count as app traffic). */
export async function GET(): Promise<Response> {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
