// Entry of the citizens' public page (issue #10): its own small bundle — Vue and this page only, no
// router, pinia, vue-i18n, charts or socket.io — for phones on a weak connection.
import { createApp } from "vue";
import PublicApp from "./PublicApp.vue";
import { locale } from "./public-i18n.js";
import "./public.css";

document.documentElement.lang = locale.value;
createApp(PublicApp).mount("#app");
