import { ApiTokens } from "@/components/auth/settings/api-tokens";
import { ChangePasswordForm } from "@/components/auth/settings/change-password-form";
import { DeleteAccount } from "@/components/auth/settings/delete-account";
import { ProfileForm } from "@/components/auth/settings/profile-form";
import { SettingsSection } from "@/components/auth/settings/section";
import { ExportData, SignOutEverywhere } from "@/components/auth/settings/sessions-and-data";
import { getProfile } from "@/lib/account/profile";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requireUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";
export const metadata = { title: "Account settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const [profile, tokens] = await Promise.all([getProfile(user.id), listApiTokens(user.id)]);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Account settings</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Signed in as {profile.email}
          {profile.role === "admin" ? " (administrator)" : ""}.
        </p>
      </div>
      <SettingsSection id="profile" title="Profile">
        <ProfileForm email={profile.email} name={profile.name} companyName={profile.companyName} />
      </SettingsSection>
      <SettingsSection id="password" title="Password" description="Changing it signs out your other sessions.">
        <ChangePasswordForm />
      </SettingsSection>
      <SettingsSection
        id="tokens"
        title="API tokens"
        description="Personal tokens for scripts and the audit API. Each is shown once, when you create it."
      >
        <ApiTokens initial={tokens} />
      </SettingsSection>
      <SettingsSection
        id="sessions"
        title="Sessions"
        description="Lost a device or signed in on a shared computer? End every session at once. API tokens are not affected."
      >
        <SignOutEverywhere />
      </SettingsSection>
      <SettingsSection
        id="data"
        title="Your data"
        description="Everything we hold about you — profile, billing, audits, tokens and security log — as one JSON file."
      >
        <ExportData />
      </SettingsSection>
      <SettingsSection id="delete" title="Delete account" tone="danger" description="Permanently erase your account.">
        <DeleteAccount />
      </SettingsSection>
    </div>
  );
}
