// Entry of the HallPulse pages: Vue with pinia, the router and vue-i18n (zh-CN first).
import { createPinia } from "pinia";
import { createApp } from "vue";
import { config as zodConfig } from "zod";
import App from "./App.vue";
import { i18n } from "./i18n/index.js";
import { router } from "./router.js";
import "./styles/theme.css";

// Zod's first parse probes for `new Function` (its JIT); the CSP (script-src 'self', no 'unsafe-eval')
// refuses it and every page that validates with the contract reported a violation. Jitless: no probe.
zodConfig({ jitless: true });

createApp(App).use(createPinia()).use(router).use(i18n).mount("#app");
