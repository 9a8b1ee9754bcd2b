// Lint rules, including the import boundaries that keep the architecture honest:
// server/domain is pure (no I/O), contract/ imports only zod, client/ imports only contract/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const IO_MODULES = ["node:*", "fs", "path", "http", "net", "child_process", "express", "socket.io", "better-sqlite3", "@prisma/*", "pino", "helmet"];

export default tseslint.config(
  { ignores: ["dist/**", "data/**", "test-results/**", "node_modules/**", "server/generated/**", "coverage/**", "client/**/*.vue"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-control-regex": "off",
    },
  },
  {
    files: ["server/domain/**/*.ts"],
    ignores: ["server/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: IO_MODULES, message: "server/domain is pure: no I/O imports." }, { group: ["../app/*", "../adapters/*"], message: "the domain does not depend on app or adapters." }] }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "the domain reads no clock: pass time in." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "the domain reads no clock: pass time in." },
        { selector: "MemberExpression[object.name='performance']", message: "the domain reads no clock: pass time in." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "the domain is deterministic: pass randomness in." },
      ],
    },
  },
  {
    files: ["contract/**/*.ts"],
    ignores: ["contract/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(?!zod$|\\./).*", message: "contract/ imports only zod and itself." }] }],
    },
  },
  {
    files: ["client/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/server/**", "**/simulator/**"], message: "client/ imports only contract/." }] }],
    },
  },
);
