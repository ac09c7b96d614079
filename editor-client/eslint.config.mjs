// ESLint (flat config): ESLint's and typescript-eslint's recommended rules, nothing stylistic
// (formatting is prettier's job: npm run format:check).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/", "out/", "bundled/", "test/vscode/workspace/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
);
