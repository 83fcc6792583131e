export function SiteFooter() {
  return (
    <footer className="mt-24 border-t border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-6xl justify-between px-6 py-8 text-sm text-zinc-500">
        <span>© {new Date().getFullYear()} SEO Health Report</span>
        <span>Crawl · Score · Report</span>
      </div>
    </footer>
  );
}
