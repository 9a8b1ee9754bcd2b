// Entry of the HallPulse pages: Vue with pinia, the router and vue-i18n (zh-CN first).
import { createPinia } from "pinia";
import { createApp } from "vue";
import App from "./App.vue";
import { i18n } from "./i18n/index.js";
import { router } from "./router.js";
import "./styles/theme.css";

createApp(App).use(createPinia()).use(router).use(i18n).mount("#app");
