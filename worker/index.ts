// The Worker's entry point: the app, nothing else (logic lives in shared/, wiring in app.ts).
import { createApp } from "./app.js";

export default createApp();
