export {
  defineSettings,
  envNameOf,
  loadSettings,
  type Settings,
  type SettingsOptions,
  type SettingsSchema,
} from "./define-settings.js";
