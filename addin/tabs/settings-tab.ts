// The Settings tab: where the pane scores (the SQII API at an address, with a key if the API has
// one, or in the pane with no network) and the Save button that keeps it for the next session.

import type { EngineSettings } from "../../shared/client/api-client.js";
import { loadSettings, saveSettings } from "../settings.js";
import { $, say } from "../ui.js";

/** The settings the fields hold now. The other tabs read these, so a change applies before Save. */
function currentSettings(): EngineSettings {
  const mode = ($("endpoint-mode") as HTMLSelectElement).value;
  const endpoint = ($("endpoint") as HTMLInputElement).value.trim();
  const apiKey = ($("api-key") as HTMLInputElement).value.trim();
  return { endpoint: mode === "local" ? "local" : endpoint || "http://127.0.0.1:8787", ...(apiKey && { apiKey }) };
}

/** Fills the fields from the saved settings, binds Save, and returns the reader of the fields. */
export function setUpSettingsTab(): () => EngineSettings {
  const saved = loadSettings();
  ($("endpoint-mode") as HTMLSelectElement).value = saved.endpoint === "local" ? "local" : "api";
  ($("endpoint") as HTMLInputElement).value = saved.endpoint === "local" ? "" : saved.endpoint;
  ($("api-key") as HTMLInputElement).value = saved.apiKey ?? "";
  $("save-settings").addEventListener("click", () => {
    saveSettings(currentSettings());
    say("settings-status", "Saved.", "ok");
  });
  return currentSettings;
}
