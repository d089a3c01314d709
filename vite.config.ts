import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The pages: built into client/dist and served by the server; `npm run dev:client` proxies to it. */
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/socket.io": { target: "ws://127.0.0.1:3000", ws: true },
    },
  },
});
