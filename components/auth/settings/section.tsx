import type { ReactNode } from "react";

export function SettingsSection({
  id,
  title,
  description,
  children,
  tone = "default",
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  tone?: "default" | "danger";
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={`rounded-xl border bg-white p-6 shadow-sm ${tone === "danger" ? "border-red-200" : "border-zinc-200"}`}
    >
      <h2
        id={`${id}-title`}
        className={`text-lg font-semibold ${tone === "danger" ? "text-red-700" : "text-zinc-900"}`}
      >
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-zinc-600">{description}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}
