// The pane's settings, kept in the browser's localStorage of the add-in's origin.
import type { EngineSettings } from "../shared/client/api-client.js";

const KEY = "sqii.settings";
export const DEFAULT_SETTINGS: EngineSettings = { endpoint: "http://127.0.0.1:8787" };

export function loadSettings(storage: Pick<Storage, "getItem"> = localStorage): EngineSettings {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? "{}") as Partial<EngineSettings>;
    return {
      ...DEFAULT_SETTINGS,
      ...(typeof saved.endpoint === "string" && { endpoint: saved.endpoint }),
      ...(typeof saved.apiKey === "string" && saved.apiKey && { apiKey: saved.apiKey }),
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(settings: EngineSettings, storage: Pick<Storage, "setItem"> = localStorage): void {
  storage.setItem(KEY, JSON.stringify({ endpoint: settings.endpoint, apiKey: settings.apiKey ?? "" }));
}
