import Link from "next/link";

const features = [
  {
    title: "A real crawl",
    body: "Up to 10,000 pages, robots.txt and sitemaps respected, redirects followed hop by hop.",
  },
  {
    title: "50 checks that matter",
    body: "Indexing, on-page, links, performance, hreflang, structured data, security and your keywords.",
  },
  {
    title: "A report you can act on",
    body: "A health score, the top issues ranked by impact with how to fix them, and a PDF for your team.",
  },
];

export default function LandingPage() {
  return (
    <div>
      <section className="mx-auto max-w-6xl px-6 pt-20 pb-16 text-center">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">
          Know exactly what holds your site back in search.
        </h1>
        <p className="mx-auto mt-5 max-w-2xl text-lg text-zinc-600">
          Pick a plan, pay securely with Stripe, and we crawl your site, score it, and deliver a PDF report to your
          dashboard — usually within minutes.
        </p>
        <div className="mt-8 flex justify-center gap-4">
          <Link
            href="/pricing"
            className="rounded-md bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700"
          >
            See plans
          </Link>
          <Link
            href="/dashboard"
            className="rounded-md border border-zinc-300 bg-white px-5 py-3 font-semibold hover:bg-zinc-100"
          >
            Go to dashboard
          </Link>
        </div>
      </section>
      <section className="mx-auto grid max-w-6xl gap-6 px-6 sm:grid-cols-3">
        {features.map((f) => (
          <div key={f.title} className="rounded-lg border border-zinc-200 bg-white p-6">
            <h2 className="font-semibold">{f.title}</h2>
            <p className="mt-2 text-sm text-zinc-600">{f.body}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
