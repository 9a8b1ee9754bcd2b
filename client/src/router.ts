// Page routes. Each page is its own chunk, so the wall loads no admin code.
import { createRouter, createWebHistory } from "vue-router";

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: "/", component: () => import("./views/HomeView.vue") },
    { path: "/wall/:hallId", component: () => import("./views/wall/WallView.vue"), props: true },
    { path: "/staff", component: () => import("./views/staff/StaffView.vue") },
    {
      path: "/admin",
      component: () => import("./views/admin/AdminLayout.vue"),
      children: [
        { path: "", redirect: "/admin/config" },
        { path: "config", component: () => import("./views/admin/HallConfigPage.vue") },
        { path: "tokens", component: () => import("./views/admin/TokensPage.vue") },
        { path: "quarantine", component: () => import("./views/admin/QuarantinePage.vue") },
        { path: "items", component: () => import("./views/admin/items/ItemsPage.vue") },
        { path: "items/diff", component: () => import("./views/admin/items/DiffPage.vue") },
        { path: "consistency", component: () => import("./views/admin/consistency/ConsistencyPage.vue") },
        { path: "calendar", component: () => import("./views/admin/calendar/CalendarPage.vue") },
        { path: "followups", component: () => import("./views/admin/followups/FollowUpsPage.vue") },
        { path: "history", component: () => import("./views/admin/history/HistoryPage.vue") },
        { path: "report", component: () => import("./views/admin/report/MonthlyReportPage.vue") },
        { path: "staffing", component: () => import("./views/admin/staffing/StaffingPage.vue") },
        { path: "whatif", component: () => import("./views/admin/whatif/WhatIfPage.vue") },
        // Mistyped paths land on the configuration.
        { path: ":pathMatch(.*)*", redirect: "/admin/config" },
      ],
    },
  ],
});
