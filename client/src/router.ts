// Page routes. Each page is its own chunk, so the wall loads no admin code.
import { createRouter, createWebHistory } from "vue-router";

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: "/", component: () => import("./views/HomeView.vue") },
    { path: "/wall/:hallId", component: () => import("./views/wall/WallView.vue"), props: true },
    { path: "/staff", component: () => import("./views/staff/StaffView.vue") },
    // Issue #11: the province overview, for tokens that span halls (not under /admin: its own chunk).
    { path: "/overview", component: () => import("./views/overview/OverviewView.vue") },
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
        { path: "forecast", component: () => import("./views/admin/forecast/ForecastPage.vue") },
        { path: "quality", component: () => import("./views/admin/quality/QualityPage.vue") },
        { path: "poster", component: () => import("./views/admin/poster/PosterPage.vue") },
        // Mistyped paths land on the configuration.
        { path: ":pathMatch(.*)*", redirect: "/admin/config" },
      ],
    },
  ],
});
