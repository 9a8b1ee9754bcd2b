import { fileURLToPath, URL } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

// The pages live in client/; the build lands in dist/client, which the server serves.
export default defineConfig({
  root: fileURLToPath(new URL("./client", import.meta.url)),
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL("./dist/client", import.meta.url)),
    emptyOutDir: true,
    // The manifest lets scripts/check-bundle.ts measure exactly what the wall page loads.
    manifest: true,
    sourcemap: false,
    // Two pages: the app (wall, staff, admin) and the citizens' small public page (issue #10).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL("./client/index.html", import.meta.url)),
        public: fileURLToPath(new URL("./client/public.html", import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/socket.io": { target: "http://127.0.0.1:3000", ws: true },
    },
  },
});
