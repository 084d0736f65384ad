/**
 * Vite build of the web workspace: `npm run build:web` writes web/dist, which `rasd serve`
 * serves at `/` (src/api/static.ts). `npm run dev:web` serves it with hot reload and sends
 * /api to a `rasd serve` on port 8080 (or $RASD_API).
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    // The basemap is large: never inline it into the bundle.
    assetsInlineLimit: 4096,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] },
    proxy: { "/api": process.env.RASD_API ?? "http://127.0.0.1:8080" },
  },
});
